namespace Gongzhi.Platform.PersonalData;

/// <summary>Telephone numbers as the platform compares, hashes and masks them.</summary>
public static class Phones
{
    /// <summary>The digits of a number, without a mainland +86 or 0086 prefix; empty when there are none.</summary>
    public static string Normalize(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 15 && digits.StartsWith("0086", StringComparison.Ordinal))
        {
            return digits[4..];
        }
        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>An 11-digit mainland mobile number (1, then 3–9, then nine digits), already normalised.</summary>
    public static bool IsMobile(string normalized) =>
        normalized.Length == 11 && normalized[0] == '1' && normalized[1] is >= '3' and <= '9' && normalized.All(char.IsAsciiDigit);
}
