using System.ComponentModel.DataAnnotations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

public sealed record AccountResponse(string Id, string UserName, string DisplayName, string ScopeCode, Guid? OrganisationId,
    IReadOnlyList<string> Roles, bool LockedOut);

public sealed record CreateAccountRequest(
    [property: Required] string UserName,
    [property: Required] string DisplayName,
    [property: Required] string Password,
    [property: Required] string ScopeCode,
    Guid? OrganisationId,
    [property: Required] string[] Roles);

internal static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
    }

    /// <summary>Accounts whose scope lies inside <paramref name="scope"/> (default: the caller's).</summary>
    internal static async Task<Results<Ok<List<AccountResponse>>, ForbidHttpResult>> ListAsync(string? scope, GongzhiDbContext db,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        scope = string.IsNullOrWhiteSpace(scope) ? caller.ScopeCode : scope;
        if (!caller.Covers(scope))
        {
            return TypedResults.Forbid();
        }
        var prefix = JurisdictionCode.QueryPrefix(scope);
        var now = DateTimeOffset.UtcNow;
        var accounts = await db.Users.AsNoTracking().Where(u => u.ScopeCode.StartsWith(prefix)).OrderBy(u => u.UserName).Take(1000)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.ScopeCode, u.OrganisationId, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(accounts.Select(a => new AccountResponse(a.Id, a.UserName!, a.DisplayName, a.ScopeCode, a.OrganisationId,
            a.Roles, a.LockoutEnd > now)).ToList());
    }

    internal static async Task<Results<Created<AccountResponse>, ValidationProblem, ForbidHttpResult>> CreateAsync(CreateAccountRequest request,
        UserManager<GongzhiUser> users, AuditLog audit, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!JurisdictionCode.IsWellFormed(request.ScopeCode))
        {
            errors["scopeCode"] = ["Not a jurisdiction code."];
        }
        var unknownRoles = (request.Roles ?? []).Where(r => !Roles.All.Contains(r)).ToList();
        if (request.Roles is not { Length: > 0 } || unknownRoles.Count > 0)
        {
            errors["roles"] = [$"Give one or more of: {string.Join(", ", Roles.All)}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!callers.Current.Covers(request.ScopeCode))
        {
            return TypedResults.Forbid();
        }
        var user = new GongzhiUser
        {
            UserName = request.UserName.Trim(),
            DisplayName = request.DisplayName.Trim(),
            ScopeCode = request.ScopeCode,
            OrganisationId = request.OrganisationId,
        };
        try
        {
            await AccountService.CreateAsync(users, user, request.Password, request.Roles!);
        }
        catch (RuleViolationException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["account"] = [e.Message] });
        }
        await audit.WriteAsync(AuditActions.Created, "Account", user.UserName, user.ScopeCode, string.Join(",", request.Roles!), cancellationToken);
        return TypedResults.Created($"/api/v1/accounts/{user.Id}",
            new AccountResponse(user.Id, user.UserName, user.DisplayName, user.ScopeCode, user.OrganisationId, request.Roles!, false));
    }
}
