using System.ComponentModel.DataAnnotations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
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
        group.MapPost("/{id}/lock", LockAsync);
        group.MapPost("/{id}/unlock", UnlockAsync);
    }

    /// <summary>
    /// Deactivates an account of the administrator's scope until it is unlocked: it cannot sign in, and every cookie and
    /// token it holds is refused from the next request on.
    /// </summary>
    internal static async Task<Results<Ok<AccountResponse>, NotFound, ForbidHttpResult>> LockAsync(string id, UserManager<GongzhiUser> users,
        SessionRevocation sessions, AuditLog audit, ICallerAccessor callers, CancellationToken cancellationToken) =>
        await SetLockAsync(id, locked: true, users, sessions, audit, callers.Current, cancellationToken);

    internal static async Task<Results<Ok<AccountResponse>, NotFound, ForbidHttpResult>> UnlockAsync(string id, UserManager<GongzhiUser> users,
        SessionRevocation sessions, AuditLog audit, ICallerAccessor callers, CancellationToken cancellationToken) =>
        await SetLockAsync(id, locked: false, users, sessions, audit, callers.Current, cancellationToken);

    private static async Task<Results<Ok<AccountResponse>, NotFound, ForbidHttpResult>> SetLockAsync(string id, bool locked,
        UserManager<GongzhiUser> users, SessionRevocation sessions, AuditLog audit, Caller caller, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return TypedResults.NotFound();
        }
        if (!caller.Administers(user.ScopeCode))
        {
            return TypedResults.Forbid();
        }
        if (locked && user.Id == caller.UserId)
        {
            // Locking oneself out would leave the scope without the administrator who could undo it.
            return TypedResults.Forbid();
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (locked)
        {
            await sessions.RevokeAsync(user);
        }
        await audit.WriteAsync(locked ? AuditActions.Locked : AuditActions.Unlocked, "Account", user.UserName ?? "", user.ScopeCode, null,
            cancellationToken);
        return TypedResults.Ok(new AccountResponse(user.Id, user.UserName!, user.DisplayName, user.ScopeCode, user.OrganisationId,
            [.. await users.GetRolesAsync(user)], locked));
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

    /// <summary>
    /// An administrator creates accounts inside its own scope only, bound (when at all) to an organisation of its own
    /// scope: an account bound to another district's department would act on that district's cases.
    /// </summary>
    internal static async Task<Results<Created<AccountResponse>, ValidationProblem, ForbidHttpResult>> CreateAsync(CreateAccountRequest request,
        UserManager<GongzhiUser> users, GongzhiDbContext db, AuditLog audit, ICallerAccessor callers, CancellationToken cancellationToken)
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
        var caller = callers.Current;
        if (!caller.Administers(request.ScopeCode))
        {
            return TypedResults.Forbid();
        }
        if (request.OrganisationId is { } organisationId)
        {
            var organisationCode = await Organisations.OrganisationDirectory.JurisdictionOfAsync(db, organisationId, cancellationToken);
            if (organisationCode is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisationId"] = ["There is no such organisation."] });
            }
            if (!caller.Administers(organisationCode))
            {
                return TypedResults.Forbid();
            }
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
