using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

public sealed record AuditEntryResponse(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? SubjectKey,
    string JurisdictionCode, string? RemoteIp, string? Detail);

public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? NextBefore);

internal static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Supervisor)
            .MapGet("/", ListAsync);
    }

    /// <summary>
    /// The audit log of a jurisdiction, newest first, paged by id (<c>before</c>). Entries without a
    /// jurisdiction (sign-ins, platform settings) are visible to admins only.
    /// </summary>
    internal static async Task<Results<Ok<AuditPage>, ValidationProblem, ForbidHttpResult>> ListAsync(
        string? scope, long? before, int? take, string? action, GongzhiDbContext db, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        scope = string.IsNullOrWhiteSpace(scope) ? caller.ScopeCode : scope.Trim();
        if (!JurisdictionCode.IsWellFormed(scope))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = [Gongzhi.Platform.PlatformText.Get("Validation.NotAJurisdictionCode")] });
        }
        if (!caller.Covers(scope))
        {
            return TypedResults.Forbid();
        }
        var size = Math.Clamp(take ?? 50, 1, 500);
        var prefix = JurisdictionCode.QueryPrefix(scope);
        var query = db.AuditEntries.AsNoTracking().Where(e => e.JurisdictionCode.StartsWith(prefix));
        if (caller.IsAdmin && scope == JurisdictionCode.City)
        {
            query = db.AuditEntries.AsNoTracking();
        }
        if (before is { } b)
        {
            query = query.Where(e => e.Id < b);
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(e => e.Action == action);
        }
        var items = await query.OrderByDescending(e => e.Id).Take(size)
            .Select(e => new AuditEntryResponse(e.Id, e.At, e.Actor, e.Action, e.Subject, e.SubjectKey, e.JurisdictionCode, e.RemoteIp, e.Detail))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage(items, items.Count == size ? items[^1].Id : null));
    }
}
