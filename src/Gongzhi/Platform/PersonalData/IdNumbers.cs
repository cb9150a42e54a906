using System.Globalization;

namespace Gongzhi.Platform.PersonalData;

public enum Sex
{
    Male,
    Female,
}

/// <summary>
/// Resident identity card numbers (公民身份号码, GB 11643-1999): six digits of the issuing area, the birth
/// date as yyyyMMdd, three digits of sequence (odd for men, even for women) and a check character computed
/// with ISO 7064 MOD 11-2, where 10 is written X.
/// </summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The number as people type it (spaces, dashes, a small x) in the form the checks and the hash use.</summary>
    public static string Normalize(string? value) =>
        value is null ? "" : new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    public static bool IsValid(string? value)
    {
        var id = Normalize(value);
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return false;
        }
        // The first digit is the region (1–6 for the provinces, 8 for Hong Kong, Macao and Taiwan residence permits).
        if (id[0] is '0' or '7' or '9')
        {
            return false;
        }
        return BirthDate(id) is not null && id[17] == CheckCharacter(id);
    }

    /// <summary>The check character a number's first seventeen digits call for.</summary>
    public static char CheckCharacter(string id)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    public static DateOnly? BirthDate(string id)
    {
        var normalized = Normalize(id);
        return normalized.Length == 18
            && DateOnly.TryParseExact(normalized.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 1900
            ? date
            : null;
    }

    public static Sex? SexOf(string id)
    {
        var normalized = Normalize(id);
        return normalized.Length == 18 && char.IsAsciiDigit(normalized[16]) ? ((normalized[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female) : null;
    }

    /// <summary><c>420103199001011234</c> → <c>420103********1234</c>: the issuing area and the last four only.</summary>
    public static string Mask(string? value)
    {
        var id = Normalize(value);
        return id.Length <= 10 ? new string('*', id.Length) : id[..6] + new string('*', id.Length - 10) + id[^4..];
    }
}
