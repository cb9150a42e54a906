using System.Globalization;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// Case references read <c>{district}-{yyyyMMdd}-{seq}</c>, e.g. <c>420103-20261126-000123</c>: the
/// district of the case, the day of submission in China Standard Time, and that district's running
/// number for the day. Intake draws the number; this type only formats and checks.
/// </summary>
public static class CaseReference
{
    /// <summary>China Standard Time has no daylight saving, so a fixed offset is exact.</summary>
    // Not WorkingTime:TimeZone on purpose: the reference number's day is a fixed convention of the stored numbers,
    // and a configured zone must not renumber the day of cases already filed.
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public const int MaxSequence = 999_999;

    public static string Format(string jurisdictionCode, DateTimeOffset submittedAt, int sequence)
    {
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode) || jurisdictionCode.Length < 6
            || jurisdictionCode == Platform.Scoping.JurisdictionCode.City)
        {
            throw new ArgumentException($"'{jurisdictionCode}' is not a code inside a district.", nameof(jurisdictionCode));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        return $"{District(jurisdictionCode)}-{Day(submittedAt):yyyyMMdd}-{sequence:000000}";
    }

    /// <summary>The key a per-district daily counter is kept under, e.g. <c>420103-20261126</c>.</summary>
    public static string CounterKey(string jurisdictionCode, DateTimeOffset submittedAt) =>
        $"{District(jurisdictionCode)}-{Day(submittedAt):yyyyMMdd}";

    /// <summary>The <c>yyyyMMdd</c> part of a <see cref="CounterKey"/>.</summary>
    public static string DayOfCounterKey(string counterKey) => counterKey[(counterKey.LastIndexOf('-') + 1)..];

    public static string District(string jurisdictionCode) => jurisdictionCode[..6];

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    public static bool IsWellFormed(string? reference) =>
        reference is { Length: 22 }
        && reference[6] == '-' && reference[15] == '-'
        && reference[..6].All(char.IsAsciiDigit) && reference[16..].All(char.IsAsciiDigit)
        && DateOnly.TryParseExact(reference[7..15], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && reference[16..] != "000000";
}
