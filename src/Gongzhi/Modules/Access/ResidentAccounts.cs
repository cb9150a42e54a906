using System.Security.Cryptography;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

/// <summary>
/// Accounts residents make and end themselves: created from a verified mobile number (kept only protected, hashed and
/// masked) and erased at their request; and what any account does for itself: changing its password (the API's and the
/// account page's one way).
/// </summary>
public sealed class ResidentAccounts(UserManager<GongzhiUser> users, GongzhiDbContext db, PersonalDataProtector protector,
    Sessions sessionMemory, IEnumerable<IAccountErasure> erasures, AuditLog audit, TimeProvider clock)
{
    public const int MaxDisplayNameLength = 32;

    /// <summary>The keyed hash a number is found by; <paramref name="normalized"/> from <see cref="Phones.Normalize"/>.</summary>
    public string PhoneHash(string normalized) => protector.Hash(normalized);

    public Task<bool> PhoneTakenAsync(string normalized, CancellationToken cancellationToken)
    {
        var hash = PhoneHash(normalized);
        return db.Set<AccountPhone>().AnyAsync(p => p.PhoneHash == hash, cancellationToken);
    }

    /// <summary>The masked number of an account, or null when it registered without one.</summary>
    public Task<string?> MaskedPhoneAsync(string accountId, CancellationToken cancellationToken) =>
        db.Set<AccountPhone>().Where(p => p.AccountId == accountId).Select(p => (string?)p.PhoneMasked).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Checks a new password against the platform's rules; a refusal names the field <paramref name="field"/>.
    /// </summary>
    public async Task ValidatePasswordAsync(string? password, string field)
    {
        var probe = new GongzhiUser { UserName = "-", ScopeCode = "", DisplayName = "" };
        foreach (var validator in users.PasswordValidators)
        {
            if (string.IsNullOrEmpty(password) || !(await validator.ValidateAsync(users, probe, password)).Succeeded)
            {
                throw FieldValidationException.Field(field, AccessText.Get("Field.Password"));
            }
        }
    }

    /// <summary>
    /// A resident account for a mobile number the caller has proven to hold, with a generated user name (never the number:
    /// names appear in the audit log and on records). Saves in the context's current transaction when there is one; a
    /// number already registered is a 409.
    /// </summary>
    public async Task<GongzhiUser> CreateResidentAsync(string normalizedPhone, string displayName, string password, string communityCode,
        CancellationToken cancellationToken)
    {
        if (await PhoneTakenAsync(normalizedPhone, cancellationToken))
        {
            throw new RuleViolationException(AccessText.Get("Rule.PhoneRegistered"));
        }
        var user = new GongzhiUser
        {
            UserName = "r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            DisplayName = displayName,
            ScopeCode = communityCode,
        };
        await AccountService.CreateAsync(users, user, password, [Roles.Resident]);
        db.Add(AccountPhone.Of(user.Id, protector.Protect(normalizedPhone), PhoneHash(normalizedPhone), Masks.Phone(normalizedPhone)!));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another registration of the same number won the race; the caller's transaction takes the account back.
            throw new RuleViolationException(AccessText.Get("Rule.PhoneRegistered"));
        }
        return user;
    }

    /// <summary>The caller changes their own password; every other sign-in of the account ends with it.</summary>
    public async Task ChangePasswordAsync(Caller caller, string? current, string? next, CancellationToken cancellationToken)
    {
        var user = await OwnAccountAsync(caller);
        if (string.IsNullOrEmpty(current) || !await users.CheckPasswordAsync(user, current))
        {
            throw FieldValidationException.Field("currentPassword", AccessText.Get("Field.CurrentPassword"));
        }
        await ValidatePasswordAsync(next, "newPassword");
        var changed = await users.ChangePasswordAsync(user, current, next!);
        if (!changed.Succeeded)
        {
            throw FieldValidationException.Field("newPassword", AccountService.Describe(changed));
        }
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            var cleared = await users.UpdateAsync(user);
            if (!cleared.Succeeded)
            {
                throw new InvalidOperationException(AccountService.Describe(cleared));
            }
        }
        sessionMemory.Forget(user.Id);
        await audit.WriteAsync(AuditActions.PasswordChanged, "Account", user.UserName, user.ScopeCode, "self", cancellationToken, caller);
    }

    /// <summary>
    /// A resident erases their own account, confirmed with the password: every module removes or anonymises what it holds
    /// about the account (<see cref="IAccountErasure"/>), the number is deleted, the account keeps only an anonymous stub
    /// that cannot sign in, and every cookie and token it holds stops working. Audited under the stub's name.
    /// </summary>
    public async Task EraseAsync(Caller caller, string? password, CancellationToken cancellationToken)
    {
        var user = await OwnAccountAsync(caller);
        if (!caller.IsInRole(Roles.Resident) || caller.Roles.Count != 1)
        {
            // A staff account belongs to an office, which ends it through its administrator.
            throw new ActionForbiddenException(AccessText.Get("Forbidden.EraseResidentsOnly"));
        }
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            throw FieldValidationException.Field("password", AccessText.Get("Field.CurrentPassword"));
        }
        var scope = user.ScopeCode;
        var before = db.Caller;
        db.Caller = Caller.System;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var erasure in erasures)
            {
                await erasure.EraseAsync(db, user.Id, cancellationToken);
            }
            await db.Set<AccountPhone>().Where(p => p.AccountId == user.Id).ExecuteDeleteAsync(cancellationToken);
            user.UserName = "erased-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            user.DisplayName = ErasedAccount.DisplayName;
            user.Email = null;
            user.PhoneNumber = null;
            user.PasswordHash = null;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            // A new stamp ends every cookie and token the account holds (Sessions compares it on each request).
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                throw new InvalidOperationException(AccountService.Describe(updated));
            }
            db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), caller with { UserName = user.UserName }, AuditActions.Deleted,
                "Account", user.UserName, scope, "erased at the owner's request"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.Caller = before;
        sessionMemory.Forget(user.Id);
    }

    private async Task<GongzhiUser> OwnAccountAsync(Caller caller) =>
        caller.UserId is { } id && await users.FindByIdAsync(id) is { } user
            ? user
            : throw new ActionForbiddenException(AccessText.Get("Forbidden.SignedIn"));
}
