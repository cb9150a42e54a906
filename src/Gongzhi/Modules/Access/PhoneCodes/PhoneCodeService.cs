using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Access.PhoneCodes;

public sealed record CodeSent(int ExpiresInSeconds, int ResendAfterSeconds);

/// <summary>Too many codes asked for a number or from an address: answered with 429 and the wait.</summary>
public sealed class CodeRateLimitedException(TimeSpan retryAfter) : Exception(AccessText.Get("PhoneCode.RateLimited"))
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The wait in whole seconds, at least one, for a Retry-After header.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(Math.Max(1, RetryAfter.TotalSeconds));
}

/// <summary>
/// Proves that a visitor holds a mobile number: a six-digit code sent through the outbound channel, good for a few minutes
/// and a few tries, within the number's and the address's limits. Registration and reports without an account both use it;
/// each says what the text reads.
/// </summary>
public sealed class PhoneCodeService(GongzhiDbContext db, PersonalDataProtector protector, IOutboundChannel outbound, TimeProvider clock,
    IOptions<PhoneCodeOptions> options)
{
    private PhoneCodeOptions Options => options.Value;

    /// <summary>The minutes a code stays good, for the text and the page that says a code was sent.</summary>
    public int CodeMinutes => Options.CodeMinutes;

    /// <summary>The keyed hash a number is known by (the same as an account's number, <see cref="ResidentAccounts.PhoneHash"/>).</summary>
    public string PhoneHash(string normalized) => protector.Hash(normalized);

    /// <summary>
    /// Sends a code to <paramref name="phone"/>, within the number's and the address's limits; <paramref name="text"/> makes
    /// the message of a code and its minutes. A number that is not a mobile one is a field message under <paramref name="field"/>.
    /// </summary>
    public async Task<CodeSent> RequestAsync(Caller caller, string? phone, Func<string, int, string> text, CancellationToken cancellationToken,
        string field = "phone")
    {
        var number = ValidPhone(phone, field);
        var phoneHash = PhoneHash(number);
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
        await outbound.SendToNumberAsync(number, text(code, Options.CodeMinutes), cancellationToken);
        return new CodeSent((int)lifetime.TotalSeconds, Options.CodeResendSeconds);
    }

    /// <summary>The error of a code as typed (six digits), or null; for a form that checks every field before spending the code.</summary>
    public static string? CodeError(string? code) =>
        code?.Trim() is { Length: 6 } c && c.All(char.IsAsciiDigit) ? null : AccessText.Get("PhoneCode.Field");

    /// <summary>
    /// Spends the number's newest open code, or says why not under <paramref name="field"/>. A wrong try is saved at once
    /// (outside any transaction of the caller's) so that the attempts count even when what follows fails.
    /// </summary>
    public async Task UseAsync(Caller caller, string number, string? code, CancellationToken cancellationToken, string field = "code")
    {
        if (CodeError(code) is { } error)
        {
            throw FieldValidationException.Field(field, error);
        }
        var phoneHash = PhoneHash(number);
        var now = clock.GetUtcNow();
        var latest = await db.Set<PhoneCode>().Where(c => c.PhoneHash == phoneHash).OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null || !latest.IsOpen(now, Options.CodeAttempts))
        {
            throw FieldValidationException.Field(field, AccessText.Get(latest is null ? "PhoneCode.None" : "PhoneCode.Expired"));
        }
        var used = latest.TryUse(code!.Trim(), now, Options.CodeAttempts, protector.Hash);
        db.Caller = caller;
        await db.SaveChangesAsync(cancellationToken);
        if (!used)
        {
            throw FieldValidationException.Field(field, AccessText.Get(latest.IsOpen(now, Options.CodeAttempts) ? "PhoneCode.Wrong" : "PhoneCode.Expired"));
        }
    }

    /// <summary>The number normalised, or a field message under <paramref name="field"/>.</summary>
    public static string ValidPhone(string? phone, string field = "phone")
    {
        var number = Phones.Normalize(phone);
        return Phones.IsMobile(number) ? number : throw FieldValidationException.Field(field, AccessText.Get("PhoneCode.Phone"));
    }
}
