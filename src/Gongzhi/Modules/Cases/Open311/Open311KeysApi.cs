using System.ComponentModel.DataAnnotations;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Open311;

public sealed record IssueKeyRequest([property: Required] string Name);

/// <summary>The key itself appears only in this response: only its hash is stored.</summary>
public sealed record IssuedKeyResponse(Guid Id, string Key, string Prefix, string Name);

public sealed record KeyResponse(Guid Id, string Prefix, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

internal static class Open311KeysApi
{
    public static void MapOpen311KeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/open311/keys").WithTags("Open311").RequireAuthorization(Policies.CityAdmin);
        group.MapPost("/", IssueAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/{id:guid}/revoke", RevokeAsync);
    }

    internal static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem>> IssueAsync(IssueKeyRequest request, GongzhiDbContext db,
        ICallerAccessor callers, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 128)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [CasesText.Get("Open311.KeyName")] });
        }
        var (key, secret) = Open311ApiKey.Issue(request.Name, callers.Current.UserName ?? "system", clock.GetUtcNow());
        db.Add(key);
        await audit.WriteAsync(AuditActions.Created, nameof(Open311ApiKey), key.Prefix, null, key.Name, cancellationToken);
        return TypedResults.Created($"/api/v1/open311/keys/{key.Id}", new IssuedKeyResponse(key.Id, secret, key.Prefix, key.Name));
    }

    internal static async Task<Ok<List<KeyResponse>>> ListAsync(GongzhiDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Set<Open311ApiKey>().AsNoTracking().OrderBy(k => k.CreatedAt)
            .Select(k => new KeyResponse(k.Id, k.Prefix, k.Name, k.CreatedAt, k.CreatedBy, k.RevokedAt)).ToListAsync(cancellationToken));

    internal static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, GongzhiDbContext db, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var key = await db.Set<Open311ApiKey>().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return TypedResults.NotFound();
        }
        key.Revoke(clock.GetUtcNow());
        await audit.WriteAsync(AuditActions.Updated, nameof(Open311ApiKey), key.Prefix, null, "revoked", cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The key if it is valid and not revoked.</summary>
    internal static Task<Open311ApiKey?> FindValidAsync(GongzhiDbContext db, string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return Task.FromResult<Open311ApiKey?>(null);
        }
        var hash = Open311ApiKey.Hash(secret.Trim());
        return db.Set<Open311ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
    }
}
