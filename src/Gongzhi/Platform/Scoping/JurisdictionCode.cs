namespace Gongzhi.Platform.Scoping;

/// <summary>
/// Jurisdiction codes are paths: district (6 digits, GB/T 2260) + street (3) + community (3) + grid (3).
/// "Inside" is a prefix test, which keeps authorization, queries and partitioning simple.
/// </summary>
public static class JurisdictionCode
{
    public const string City = "420100";

    /// <summary>The city code is a GB/T 2260 prefix (4201xx), so it covers every district below it by its first four digits.</summary>
    public static bool IsWithin(string code, string ancestor)
    {
        if (ancestor == City)
        {
            return code.StartsWith("4201", StringComparison.Ordinal) && IsWellFormed(code);
        }
        return code.StartsWith(ancestor, StringComparison.Ordinal);
    }

    /// <summary>The prefix to use in a "starts with" query for everything inside <paramref name="code"/>.</summary>
    public static string QueryPrefix(string code) => code == City ? "4201" : code;

    /// <summary>
    /// Everything inside <paramref name="code"/> as a half-open range of codes, <c>From ≤ c &lt; Before</c>: the same set as the
    /// prefix, but one an index can seek. PostgreSQL reads <c>LIKE 'prefix%'</c> from an index only under the "C" collation,
    /// and a database made with any other (C.UTF-8 included) scans the whole index instead. Codes are digits, which every
    /// collation orders alike, so the prefix's next number bounds it: 420103001 → [420103001, 420103002).
    /// </summary>
    public static (string From, string Before) QueryRange(string code)
    {
        var from = QueryPrefix(code);
        var i = from.Length - 1;
        while (i >= 0 && from[i] == '9')
        {
            i--;
        }
        return i >= 0 && from.All(char.IsAsciiDigit)
            ? (from, from[..i] + (char)(from[i] + 1))
            : throw new ArgumentException($"'{code}' is not a jurisdiction code.", nameof(code));
    }

    public static JurisdictionLevel LevelOf(string code) => code switch
    {
        City => JurisdictionLevel.City,
        { Length: 6 } => JurisdictionLevel.District,
        { Length: 9 } => JurisdictionLevel.Street,
        { Length: 12 } => JurisdictionLevel.Community,
        { Length: 15 } => JurisdictionLevel.Grid,
        _ => throw new ArgumentException($"'{code}' is not a jurisdiction code.", nameof(code)),
    };

    public static string? ParentOf(string code) => code switch
    {
        City => null,
        { Length: 6 } => City,
        { Length: 9 or 12 or 15 } => code[..^3],
        _ => null,
    };

    public static bool IsWellFormed(string? code) =>
        code is { Length: 6 or 9 or 12 or 15 } && code.All(char.IsAsciiDigit) && code.StartsWith("42", StringComparison.Ordinal);
}

public enum JurisdictionLevel
{
    City = 0,
    District = 1,
    Street = 2,
    Community = 3,
    Grid = 4,
}
