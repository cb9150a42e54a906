using System.Security.Cryptography;
using System.Text;

namespace Gongzhi.Modules.Access.PhoneCodes;

/// <summary>
/// A one-time code sent to a mobile number to prove the visitor holds it (to register, to report without an account). Neither the number nor the code is stored: the
/// number as its keyed hash, the code as a hash bound to this row, the asking address as its keyed hash (to count the
/// address's requests).
/// </summary>
public sealed class PhoneCode
{
    private PhoneCode()
    {
    }

    public Guid Id { get; private set; }

    public string PhoneHash { get; private set; } = "";

    public string AddressHash { get; private set; } = "";

    public string CodeHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static (PhoneCode Row, string Code) Issue(string phoneHash, string addressHash, DateTimeOffset now, TimeSpan lifetime,
        Func<string, string> keyedHash)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var row = new PhoneCode
        {
            Id = Guid.NewGuid(),
            PhoneHash = phoneHash,
            AddressHash = addressHash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        row.CodeHash = row.HashOf(code, keyedHash);
        return (row, code);
    }

    public bool IsOpen(DateTimeOffset now, int maxAttempts) => UsedAt is null && ExpiresAt > now && Attempts < maxAttempts;

    /// <summary>Counts the try; true when <paramref name="code"/> is this row's and the row was still open.</summary>
    public bool TryUse(string code, DateTimeOffset now, int maxAttempts, Func<string, string> keyedHash)
    {
        if (!IsOpen(now, maxAttempts))
        {
            return false;
        }
        Attempts++;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(code, keyedHash)), Encoding.ASCII.GetBytes(CodeHash)))
        {
            return false;
        }
        UsedAt = now;
        return true;
    }

    // Six digits are few: the hash is keyed with the platform's secret (a copy of the table alone cannot try the million
    // codes) and salted with the row's id.
    private string HashOf(string code, Func<string, string> keyedHash) => keyedHash("phone-code:" + Id.ToString("N") + ":" + code);
}
