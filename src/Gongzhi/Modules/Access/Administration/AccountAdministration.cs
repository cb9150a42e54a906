using System.Security.Claims;
using System.Security.Cryptography;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

/// <summary>Which accounts a list shows: a text in the login or display name, a role, a part of the scope, a state.</summary>
public sealed record AccountFilter(string? Text = null, string? Role = null, string? Scope = null, AccountState? State = null)
{
    /// <summary>The list's filter from query values, refusing a state or role that does not exist by naming the field.</summary>
    public static AccountFilter Parse(string? q, string? role, string? scope, string? state)
    {
        AccountState? parsedState = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            parsedState = Enum.TryParse<AccountState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw FieldValidationException.Field("state", AccessText.Format("Account.StateUnknown", string.Join(", ", Enum.GetNames<AccountState>())));
        }
        if (!string.IsNullOrWhiteSpace(role) && !Roles.All.Contains(role))
        {
            throw FieldValidationException.Field("role", AccessText.Format("Account.RoleUnknown", role));
        }
        return new AccountFilter(q, string.IsNullOrWhiteSpace(role) ? null : role, scope, parsedState);
    }
}

public enum AccountState
{
    Active,
    Locked,
    Deactivated,
}

public sealed record AccountPage(int Total, IReadOnlyList<AccountResponse> Items);

/// <summary>A password made for an account by its administrator, shown once and never stored in the clear.</summary>
public sealed record TemporaryPassword(string UserName, string Password);

/// <summary>
/// The one way administrators change staff accounts, for the API and the pages alike. An administrator acts inside its
/// scope only: accounts outside it are neither listed nor changed, whatever the request names.
/// </summary>
public sealed class AccountAdministration(UserManager<GongzhiUser> users, GongzhiDbContext db, SessionRevocation sessions,
    AuditLog audit, TimeProvider clock)
{
    /// <summary>The claim a deactivated account carries: Identity has no state for "ended for good", only lockout.</summary>
    public const string DeactivatedClaim = "gongzhi:deactivated";

    public const int MaxDisplayNameLength = 64;

    public async Task<AccountPage> SearchAsync(Caller caller, AccountFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            throw new ActionForbiddenException(AccessText.Get("Account.NotAdmin"));
        }
        var scope = string.IsNullOrWhiteSpace(filter.Scope) ? caller.ScopeCode : filter.Scope.Trim();
        if (!JurisdictionCode.IsWellFormed(scope))
        {
            throw FieldValidationException.Field("scope", AccessText.Get("Account.ScopeInvalid"));
        }
        if (!caller.Covers(scope))
        {
            throw new ActionForbiddenException(AccessText.Get("Account.ScopeOutOfScope"));
        }
        var prefix = JurisdictionCode.QueryPrefix(scope);
        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking().Where(u => u.ScopeCode.StartsWith(prefix));
        if (filter.Text?.Trim() is { Length: > 0 } text)
        {
            query = query.Where(u => u.UserName!.Contains(text) || u.DisplayName.Contains(text));
        }
        if (filter.Role is { Length: > 0 } role)
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }
        query = filter.State switch
        {
            AccountState.Deactivated => query.Where(u => db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == DeactivatedClaim)),
            AccountState.Locked => query.Where(u => u.LockoutEnd > now && !db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == DeactivatedClaim)),
            AccountState.Active => query.Where(u => u.LockoutEnd == null || u.LockoutEnd <= now),
            _ => query,
        };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(u => u.UserName).Skip(skip).Take(take)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.ScopeCode, u.OrganisationId, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Deactivated = db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == DeactivatedClaim),
            })
            .ToListAsync(cancellationToken);
        return new AccountPage(total, [.. rows.Select(a => new AccountResponse(a.Id, a.UserName!, a.DisplayName, a.ScopeCode, a.OrganisationId,
            Ordered(a.Roles), a.LockoutEnd > now, a.Deactivated))]);
    }

    /// <summary>One account of the caller's scope; outside it the account does not exist for the caller.</summary>
    public async Task<AccountResponse> GetAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        await DescribeAsync(await FindAsync(caller, id, forbidOutside: false));

    public async Task<AccountResponse> CreateAsync(Caller caller, CreateAccountRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var userName = request.UserName?.Trim() ?? "";
        var displayName = request.DisplayName?.Trim() ?? "";
        if (userName.Length == 0)
        {
            errors["userName"] = [AccessText.Get("Account.UserNameRequired")];
        }
        else if (userName.Any(c => !users.Options.User.AllowedUserNameCharacters.Contains(c)) || userName.Length > 64)
        {
            errors["userName"] = [AccessText.Get("Account.UserNameCharacters")];
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            errors["userName"] = [AccessText.Get("Account.UserNameTaken")];
        }
        if (displayName.Length is 0 or > MaxDisplayNameLength)
        {
            errors["displayName"] = [AccessText.Format("Account.DisplayNameRequired", MaxDisplayNameLength)];
        }
        if (!await PasswordAcceptedAsync(request.Password))
        {
            errors["password"] = [AccessText.Get("Field.Password")];
        }
        if (!JurisdictionCode.IsWellFormed(request.ScopeCode))
        {
            errors["scopeCode"] = [AccessText.Get("Account.ScopeInvalid")];
        }
        if (RoleErrors(request.Roles) is { } roleError)
        {
            errors["roles"] = [roleError];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        if (!caller.Administers(request.ScopeCode))
        {
            throw new ActionForbiddenException(AccessText.Get("Account.ScopeOutOfScope"));
        }
        if (request.OrganisationId is { } organisationId)
        {
            var organisationCode = await Organisations.OrganisationDirectory.JurisdictionOfAsync(db, organisationId, cancellationToken)
                ?? throw FieldValidationException.Field("organisationId", AccessText.Get("Account.OrganisationUnknown"));
            if (!caller.Administers(organisationCode))
            {
                throw new ActionForbiddenException(AccessText.Get("Account.OrganisationOutOfScope"));
            }
        }
        var user = new GongzhiUser
        {
            UserName = userName,
            DisplayName = displayName,
            ScopeCode = request.ScopeCode,
            OrganisationId = request.OrganisationId,
        };
        var roles = Ordered(request.Roles!.Distinct());
        try
        {
            await AccountService.CreateAsync(users, user, request.Password, roles);
        }
        catch (RuleViolationException e)
        {
            // Identity's own refusals (a name taken by a request that raced this one) come in its language: name the field at least.
            throw FieldValidationException.Field("userName", e.Message);
        }
        await audit.WriteAsync(AuditActions.Created, "Account", user.UserName, user.ScopeCode, string.Join(",", roles), cancellationToken, caller);
        return new AccountResponse(user.Id, user.UserName, user.DisplayName, user.ScopeCode, user.OrganisationId, roles, false, false);
    }

    /// <summary>Replaces the account's roles. Its sign-ins end, since the roles they carry are the old ones.</summary>
    public async Task<AccountResponse> SetRolesAsync(Caller caller, string id, IReadOnlyList<string>? roles, CancellationToken cancellationToken)
    {
        if (RoleErrors(roles) is { } roleError)
        {
            throw FieldValidationException.Field("roles", roleError);
        }
        var user = await ChangeableAsync(caller, id);
        var wanted = Ordered(roles!.Distinct());
        if (user.Id == caller.UserId && !wanted.Contains(Roles.Admin))
        {
            throw new RuleViolationException(AccessText.Get("Account.OwnAdminRole"));
        }
        var held = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, held.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(held)));
        await sessions.RevokeAsync(user);
        await audit.WriteAsync(AuditActions.Updated, "Account", user.UserName, user.ScopeCode, "roles: " + string.Join(",", wanted), cancellationToken, caller);
        return await DescribeAsync(user);
    }

    /// <summary>
    /// Gives the account a new random password, returned once for the administrator to pass on; every sign-in of the account
    /// ends, since whoever knew the old password must not stay signed in with it.
    /// </summary>
    public async Task<TemporaryPassword> ResetPasswordAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var user = await ChangeableAsync(caller, id);
        var password = await NewPasswordAsync();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        await sessions.RevokeAsync(user);
        await audit.WriteAsync(AuditActions.PasswordReset, "Account", user.UserName, user.ScopeCode, null, cancellationToken, caller);
        return new TemporaryPassword(user.UserName!, password);
    }

    /// <summary>
    /// Locks an account until it is unlocked: it cannot sign in, and every cookie and token it holds is refused from the next
    /// request on.
    /// </summary>
    public async Task<AccountResponse> SetLockAsync(Caller caller, string id, bool locked, CancellationToken cancellationToken)
    {
        var user = await ChangeableAsync(caller, id);
        if (locked && user.Id == caller.UserId)
        {
            // Locking oneself out would leave the scope without the administrator who could undo it.
            throw new ActionForbiddenException(AccessText.Get("Account.LockSelf"));
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (locked)
        {
            await sessions.RevokeAsync(user);
        }
        await audit.WriteAsync(locked ? AuditActions.Locked : AuditActions.Unlocked, "Account", user.UserName ?? "", user.ScopeCode, null,
            cancellationToken, caller);
        return await DescribeAsync(user);
    }

    /// <summary>
    /// Ends an account for good (someone left the office): locked, without roles (so no case, task or notice goes to it any
    /// more), and kept, so that the history it wrote still names it. It cannot be unlocked; a returning person gets a new account.
    /// </summary>
    public async Task<AccountResponse> DeactivateAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var user = await ChangeableAsync(caller, id);
        if (user.Id == caller.UserId)
        {
            throw new ActionForbiddenException(AccessText.Get("Account.LockSelf"));
        }
        var held = await users.GetRolesAsync(user);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        Check(await users.RemoveFromRolesAsync(user, held));
        Check(await users.AddClaimAsync(user, new Claim(DeactivatedClaim, clock.GetUtcNow().ToString("O"))));
        await sessions.RevokeAsync(user);
        await audit.WriteAsync(AuditActions.Deactivated, "Account", user.UserName, user.ScopeCode, "roles were: " + string.Join(",", held),
            cancellationToken, caller);
        return await DescribeAsync(user);
    }

    private async Task<GongzhiUser> ChangeableAsync(Caller caller, string id)
    {
        var user = await FindAsync(caller, id, forbidOutside: true);
        if (await IsDeactivatedAsync(user))
        {
            throw new RuleViolationException(AccessText.Get("Account.Deactivated"));
        }
        return user;
    }

    /// <summary>
    /// The account, when the caller administers its scope. The API has always answered 403 for an account outside the scope
    /// (<paramref name="forbidOutside"/>); reading one answers 404, so a page cannot tell that it exists.
    /// </summary>
    private async Task<GongzhiUser> FindAsync(Caller caller, string id, bool forbidOutside)
    {
        if (!caller.IsAdmin)
        {
            throw new ActionForbiddenException(AccessText.Get("Account.NotAdmin"));
        }
        var user = await users.FindByIdAsync(id) ?? throw new RecordNotFoundException(AccessText.Get("Account.NotFound"));
        if (!caller.Administers(user.ScopeCode))
        {
            throw forbidOutside ? new ActionForbiddenException(AccessText.Get("Account.OutOfScope")) : new RecordNotFoundException(AccessText.Get("Account.NotFound"));
        }
        return user;
    }

    private async Task<bool> IsDeactivatedAsync(GongzhiUser user) => (await users.GetClaimsAsync(user)).Any(c => c.Type == DeactivatedClaim);

    private async Task<AccountResponse> DescribeAsync(GongzhiUser user) =>
        new(user.Id, user.UserName!, user.DisplayName, user.ScopeCode, user.OrganisationId, Ordered(await users.GetRolesAsync(user)),
            user.LockoutEnd > clock.GetUtcNow(), await IsDeactivatedAsync(user));

    private async Task<bool> PasswordAcceptedAsync(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }
        var probe = new GongzhiUser { UserName = "-", ScopeCode = "", DisplayName = "" };
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, probe, password)).Succeeded)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Twelve characters of letters and digits without look-alikes (l, 1, o, 0), read out over the phone.</summary>
    public async Task<string> NewPasswordAsync()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyz";
        const string digits = "23456789";
        while (true)
        {
            var chars = new char[12];
            for (var i = 0; i < chars.Length; i++)
            {
                var alphabet = i % 3 == 2 ? digits : letters;
                chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
            var password = new string(chars);
            if (await PasswordAcceptedAsync(password))
            {
                return password;
            }
        }
    }

    private static string? RoleErrors(IReadOnlyList<string>? roles)
    {
        if (roles is not { Count: > 0 })
        {
            return AccessText.Get("Account.RolesRequired");
        }
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        return unknown.Count > 0 ? AccessText.Format("Account.RoleUnknown", string.Join(", ", unknown)) : null;
    }

    /// <summary>Roles in the order of <see cref="Roles.All"/>, so lists and audit lines read alike.</summary>
    private static List<string> Ordered(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return [.. Roles.All.Where(set.Contains)];
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(AccountService.Describe(result));
        }
    }
}
