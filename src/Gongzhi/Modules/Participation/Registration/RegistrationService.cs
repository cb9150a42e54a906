using Gongzhi.Components;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Participation.Registration;

public sealed record CodeSent(int ExpiresInSeconds, int ResendAfterSeconds);

public sealed record RegistrationRequest(string? Phone, string? Code, string? DisplayName, string? Password, string? CommunityCode, string? Address);

/// <summary>Too many codes asked for a number or from an address: answered with 429 and the wait.</summary>
public sealed class CodeRateLimitedException(TimeSpan retryAfter) : Exception(ParticipationText.Get("Rule.CodeRateLimited"))
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// A visitor becomes a resident: proves a mobile number with a one-time code, makes an account with it (Access keeps the
/// number protected) and declares a home in a community, which the community's staff then verify or refuse
/// (<see cref="ResidenceService"/>). Everything of one registration is saved in one transaction.
/// </summary>
public sealed class RegistrationService(GongzhiDbContext db, PersonalDataProtector protector, IOutboundChannel outbound,
    ResidentAccounts accounts, ResidenceService residence, IJurisdictionBrowser jurisdictions, TimeProvider clock,
    IOptions<ParticipationOptions> options)
{
    private ParticipationOptions Options => options.Value;

    /// <summary>Sends a code to the number, within the number's and the address's limits.</summary>
    public async Task<CodeSent> RequestCodeAsync(Caller caller, string? phone, CancellationToken cancellationToken)
    {
        var number = ValidPhone(phone);
        var phoneHash = accounts.PhoneHash(number);
        var addressHash = protector.Hash("address:" + (caller.RemoteIp ?? "unknown"));
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var byPhone = await db.Set<PhoneCode>().AsNoTracking().Where(c => c.PhoneHash == phoneHash && c.CreatedAt > hourAgo)
            .Select(c => c.CreatedAt).ToListAsync(cancellationToken);
        var resend = TimeSpan.FromSeconds(Options.CodeResendSeconds);
        if (byPhone.Count > 0 && byPhone.Max() + resend > now)
        {
            throw new CodeRateLimitedException(byPhone.Max() + resend - now);
        }
        if (byPhone.Count >= Options.CodesPerPhonePerHour)
        {
            throw new CodeRateLimitedException(byPhone.Min().AddHours(1) - now);
        }
        var byAddress = await db.Set<PhoneCode>().AsNoTracking().Where(c => c.AddressHash == addressHash && c.CreatedAt > hourAgo)
            .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).Take(Options.CodesPerAddressPerHour).ToListAsync(cancellationToken);
        if (byAddress.Count >= Options.CodesPerAddressPerHour)
        {
            throw new CodeRateLimitedException(byAddress[0].AddHours(1) - now);
        }
        var lifetime = TimeSpan.FromMinutes(Options.CodeMinutes);
        var (row, code) = PhoneCode.Issue(phoneHash, addressHash, now, lifetime, protector.Hash);
        db.Caller = caller;
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await outbound.SendToNumberAsync(number, ParticipationText.Format("Registration.CodeText", code, Options.CodeMinutes), cancellationToken);
        return new CodeSent((int)lifetime.TotalSeconds, Options.CodeResendSeconds);
    }

    /// <summary>
    /// Creates the resident's account and their declaration of residence, once the code proves the number. Returns the new
    /// account, for the caller to sign in. A wrong, used or expired code is a field message; a registered number a 409.
    /// </summary>
    public async Task<GongzhiUser> RegisterAsync(Caller caller, RegistrationRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var number = Phones.Normalize(request.Phone);
        if (!Phones.IsMobile(number))
        {
            errors["phone"] = [ParticipationText.Get("Field.Phone")];
        }
        var code = request.Code?.Trim() ?? "";
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            errors["code"] = [ParticipationText.Get("Field.Code")];
        }
        var name = request.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > ResidentAccounts.MaxDisplayNameLength)
        {
            errors["displayName"] = [ParticipationText.Format("Field.DisplayName", ResidentAccounts.MaxDisplayNameLength)];
        }
        var community = request.CommunityCode?.Trim();
        if (community is null || !JurisdictionCode.IsWellFormed(community)
            || await jurisdictions.GetAsync(community, cancellationToken) is not { Level: JurisdictionLevel.Community })
        {
            errors["communityCode"] = [ParticipationText.Get("Field.CommunityCode")];
        }
        var address = request.Address?.Trim() ?? "";
        if (address.Length is 0 or > ResidentProfile.MaxAddressLength)
        {
            errors["address"] = [ParticipationText.Format("Field.Address", ResidentProfile.MaxAddressLength)];
        }
        try
        {
            await accounts.ValidatePasswordAsync(request.Password, "password");
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, texts) in e.Errors)
            {
                errors[field] = texts;
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }

        await UseCodeAsync(caller, number, code, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await accounts.CreateResidentAsync(number, name, request.Password!, community!, cancellationToken);
        var resident = new Caller(user.Id, user.UserName, community!, new HashSet<string> { Roles.Resident }, null, caller.RemoteIp, false);
        await residence.DeclareAsync(resident, community, address, cancellationToken, name);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Spends the number's newest open code, or says why not under the code's field. A wrong try is saved (outside the
    /// registration's transaction) so that the attempts count even when the registration fails.
    /// </summary>
    private async Task UseCodeAsync(Caller caller, string number, string code, CancellationToken cancellationToken)
    {
        var phoneHash = accounts.PhoneHash(number);
        var now = clock.GetUtcNow();
        var latest = await db.Set<PhoneCode>().Where(c => c.PhoneHash == phoneHash).OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null || !latest.IsOpen(now, Options.CodeAttempts))
        {
            throw FieldValidationException.Field("code", ParticipationText.Get(latest is null ? "Field.CodeNone" : "Field.CodeExpired"));
        }
        var used = latest.TryUse(code, now, Options.CodeAttempts, protector.Hash);
        db.Caller = caller;
        await db.SaveChangesAsync(cancellationToken);
        if (!used)
        {
            throw FieldValidationException.Field("code", ParticipationText.Get(latest.IsOpen(now, Options.CodeAttempts) ? "Field.CodeWrong" : "Field.CodeExpired"));
        }
    }

    private static string ValidPhone(string? phone)
    {
        var number = Phones.Normalize(phone);
        return Phones.IsMobile(number) ? number : throw FieldValidationException.Field("phone", ParticipationText.Get("Field.Phone"));
    }
}
