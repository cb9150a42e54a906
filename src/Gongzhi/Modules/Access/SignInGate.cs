using System.Collections.Concurrent;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Observability;
using Gongzhi.Platform.PersonalData;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

public enum SignInVerdict
{
    Succeeded,

    /// <summary>Wrong name or wrong password: one answer for both, so that it does not tell which names exist.</summary>
    Failed,

    /// <summary>Too many failures for this name from this address (or from this address at all): wait <see cref="SignInCheck.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>The right password for an account an administrator has locked; told only to whoever knows the password.</summary>
    Locked,
}

public sealed record SignInCheck(SignInVerdict Verdict, GongzhiUser? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// Checks a name and password for the sign-in form and the API alike. It answers and works the same for a name that does
/// not exist as for a wrong password (a dummy hash is checked), so neither the answer nor its time tells which names
/// exist. Failures never lock the account itself, which would let anyone lock out anyone: they hold back the pair of the
/// name and the address they came from (<c>Access:FailuresPerAccountAndAddress</c>) and an address that fails for many
/// names (<c>Access:FailuresPerAddress</c>), for <c>Access:FailureWindowMinutes</c>; the owner, from their own address,
/// still signs in. The per-address rate limit of the sign-in endpoints stays in front of this.
/// </summary>
public sealed class SignInGate(UserManager<GongzhiUser> users, SignInThrottle throttle, GongzhiDbContext db, PersonalDataProtector protector)
{
    public async Task<SignInCheck> CheckAsync(string userName, string password, string? remoteIp)
    {
        var check = await JudgeAsync(userName, password, remoteIp);
        if (check.Verdict != SignInVerdict.Succeeded)
        {
            GongzhiMetrics.SignInFailure(check.Verdict.ToString());
        }
        return check;
    }

    private async Task<SignInCheck> JudgeAsync(string userName, string password, string? remoteIp)
    {
        var name = users.NormalizeName(userName.Trim()) ?? "";
        var address = remoteIp ?? "unknown";
        if (throttle.HeldBack(name, address) is { } wait)
        {
            return new SignInCheck(SignInVerdict.Throttled, RetryAfter: wait);
        }
        var user = await users.FindByNameAsync(userName.Trim()) ?? await FindByPhoneAsync(userName);
        if (user is null)
        {
            // The same work as checking a real password: the time of the answer does not tell that the name is unknown.
            users.PasswordHasher.VerifyHashedPassword(DummyAccount, DummyHash(users.PasswordHasher), password);
            throttle.Failed(name, address);
            return new SignInCheck(SignInVerdict.Failed);
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            throttle.Failed(name, address);
            return new SignInCheck(SignInVerdict.Failed);
        }
        throttle.Succeeded(name, address);
        return await users.IsLockedOutAsync(user) ? new SignInCheck(SignInVerdict.Locked) : new SignInCheck(SignInVerdict.Succeeded, user);
    }

    /// <summary>
    /// The name to write in the audit log for what was typed at the form: a resident may sign in with their mobile number,
    /// which the log must not hold in the clear.
    /// </summary>
    public static string AuditName(string typed)
    {
        var phone = Phones.Normalize(typed);
        return Phones.IsMobile(phone) ? Masks.Phone(phone)! : typed.Trim();
    }

    /// <summary>A resident signs in with the mobile number they registered, found by its keyed hash.</summary>
    private async Task<GongzhiUser?> FindByPhoneAsync(string typed)
    {
        var phone = Phones.Normalize(typed);
        if (!Phones.IsMobile(phone))
        {
            return null;
        }
        var hash = protector.Hash(phone);
        var id = await db.Set<AccountPhone>().Where(p => p.PhoneHash == hash).Select(p => p.AccountId).FirstOrDefaultAsync();
        return id is null ? null : await users.FindByIdAsync(id);
    }

    /// <summary>The audit line's detail for a refused sign-in (the answer itself does not say whether the name exists).</summary>
    public static string AuditDetail(SignInVerdict verdict) => verdict switch
    {
        SignInVerdict.Throttled => "held back",
        SignInVerdict.Locked => "locked by an administrator",
        _ => "bad credentials",
    };

    private static readonly GongzhiUser DummyAccount = new() { UserName = "-", ScopeCode = "", DisplayName = "" };

    private static string? dummyHash;

    private static string DummyHash(IPasswordHasher<GongzhiUser> hasher) =>
        dummyHash ??= hasher.HashPassword(DummyAccount, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}

/// <summary>Counts sign-in failures per (name, address) and per address, in memory of this node, for a fixed window.</summary>
public sealed class SignInThrottle(IConfiguration configuration, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> windows = new();
    private readonly int perPair = Math.Max(1, configuration.GetValue("Access:FailuresPerAccountAndAddress", 5));
    private readonly int perAddress = Math.Max(1, configuration.GetValue("Access:FailuresPerAddress", 100));
    private readonly TimeSpan length = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Access:FailureWindowMinutes", 15)));
    private long failures;

    private sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Count;
    }

    /// <summary>How long the name from this address must wait, or null when it may try.</summary>
    public TimeSpan? HeldBack(string name, string address)
    {
        var now = clock.GetUtcNow();
        TimeSpan? Wait(string key, int limit) =>
            windows.TryGetValue(key, out var w) && w.Ends > now && Volatile.Read(ref w.Count) >= limit ? w.Ends - now : null;
        return Wait(PairKey(name, address), perPair) ?? Wait(AddressKey(address), perAddress);
    }

    public void Failed(string name, string address)
    {
        var now = clock.GetUtcNow();
        foreach (var key in new[] { PairKey(name, address), AddressKey(address) })
        {
            var window = windows.AddOrUpdate(key, _ => new Window(now + length), (_, w) => w.Ends > now ? w : new Window(now + length));
            Interlocked.Increment(ref window.Count);
        }
        // Every so often, drop the windows that have ended, so that guessing many names does not fill the memory.
        if (Interlocked.Increment(ref failures) % 1000 == 0)
        {
            foreach (var (key, window) in windows)
            {
                if (window.Ends <= now)
                {
                    windows.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>The right password ends the pair's count; the address's stays, so guessing other names is still counted.</summary>
    public void Succeeded(string name, string address) => windows.TryRemove(PairKey(name, address), out _);

    private static string PairKey(string name, string address) => "p\n" + name + "\n" + address;

    private static string AddressKey(string address) => "a\n" + address;
}
