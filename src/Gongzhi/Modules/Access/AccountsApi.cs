using System.ComponentModel.DataAnnotations;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Access;

/// <param name="Locked">Locked by an administrator (or deactivated): it cannot sign in.</param>
/// <param name="Deactivated">Ended for good: locked, without roles, and no longer changeable.</param>
public sealed record AccountResponse(string Id, string UserName, string DisplayName, string ScopeCode, Guid? OrganisationId,
    IReadOnlyList<string> Roles, bool LockedOut, bool Deactivated = false);

public sealed record CreateAccountRequest(
    [property: Required] string UserName,
    [property: Required] string DisplayName,
    [property: Required] string Password,
    [property: Required] string ScopeCode,
    Guid? OrganisationId,
    [property: Required] string[] Roles);

public sealed record SetRolesRequest(string[]? Roles);

internal static class AccountsApi
{
    private const int MaxListed = 1000;

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/lock", LockAsync);
        group.MapPost("/{id}/unlock", UnlockAsync);
        group.MapPost("/{id}/reset-password", ResetPasswordAsync);
        group.MapPost("/{id}/deactivate", DeactivateAsync);
        group.MapPut("/{id}/roles", SetRolesAsync);
    }

    /// <summary>Accounts whose scope lies inside <paramref name="scope"/> (default: the caller's), filtered, by login name.</summary>
    internal static async Task<Ok<List<AccountResponse>>> ListAsync(string? scope, string? q, string? role, string? state,
        AccountAdministration accounts, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var page = await accounts.SearchAsync(callers.Current, AccountFilter.Parse(q, role, scope, state), 0, MaxListed, cancellationToken);
        return TypedResults.Ok(page.Items.ToList());
    }

    internal static async Task<Ok<AccountResponse>> GetAsync(string id, AccountAdministration accounts, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.GetAsync(callers.Current, id, cancellationToken));

    /// <summary>
    /// An administrator creates accounts inside its own scope only, bound (when at all) to an organisation of its own
    /// scope: an account bound to another district's department would act on that district's cases.
    /// </summary>
    internal static async Task<Created<AccountResponse>> CreateAsync(CreateAccountRequest request, AccountAdministration accounts,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/accounts/{created.Id}", created);
    }

    /// <summary>
    /// Deactivates an account of the administrator's scope until it is unlocked: it cannot sign in, and every cookie and
    /// token it holds is refused from the next request on.
    /// </summary>
    internal static async Task<Ok<AccountResponse>> LockAsync(string id, AccountAdministration accounts, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.SetLockAsync(callers.Current, id, locked: true, cancellationToken));

    internal static async Task<Ok<AccountResponse>> UnlockAsync(string id, AccountAdministration accounts, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.SetLockAsync(callers.Current, id, locked: false, cancellationToken));

    /// <summary>A new random password, in this answer only: the administrator passes it on, the account's sign-ins end.</summary>
    internal static async Task<Ok<TemporaryPassword>> ResetPasswordAsync(string id, AccountAdministration accounts, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ResetPasswordAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<AccountResponse>> DeactivateAsync(string id, AccountAdministration accounts, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.DeactivateAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<AccountResponse>> SetRolesAsync(string id, SetRolesRequest request, AccountAdministration accounts,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.SetRolesAsync(callers.Current, id, request.Roles, cancellationToken));
}
