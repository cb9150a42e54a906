using System.Globalization;

namespace Gongzhi.Modules.Jurisdictions.Calendar;

/// <summary>
/// Office hours that deadlines count in, bound from the <c>WorkingTime</c> section. The default is the
/// usual Wuhan government schedule: 08:30–12:00 and 14:00–17:30, China Standard Time.
/// </summary>
public sealed class WorkingTimeOptions
{
    public const string Section = "WorkingTime";

    /// <summary>IANA or Windows time zone id; when the host lacks time zone data, UTC+8 is used (China has no DST).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public static readonly IReadOnlyList<string> DefaultPeriods = ["08:30-12:00", "14:00-17:30"];

    /// <summary>
    /// Working periods of a working day as <c>HH:mm-HH:mm</c>, in order, not overlapping; empty means
    /// <see cref="DefaultPeriods"/>. (No default items here: configuration binding appends to a list, it does not replace it.)
    /// </summary>
    public List<string> Periods { get; set; } = [];

    /// <summary>
    /// How long a node trusts its cached calendar. An edit refreshes the editing node at once; other
    /// nodes of a scaled-out deployment pick it up within this time.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    internal IReadOnlyList<(TimeOnly Start, TimeOnly End)> ParsePeriods()
    {
        var periods = new List<(TimeOnly Start, TimeOnly End)>();
        foreach (var text in Periods.Count > 0 ? Periods : DefaultPeriods)
        {
            var parts = text.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                throw new InvalidOperationException($"WorkingTime:Periods: '{text}' is not of the form HH:mm-HH:mm.");
            }
            if (end <= start || (periods.Count > 0 && start < periods[^1].End))
            {
                throw new InvalidOperationException($"WorkingTime:Periods: '{text}' must end after it starts and begin after the previous period.");
            }
            periods.Add((start, end));
        }
        if (periods.Count == 0)
        {
            throw new InvalidOperationException("WorkingTime:Periods needs at least one period.");
        }
        return periods;
    }

    internal TimeZoneInfo ResolveTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
}
