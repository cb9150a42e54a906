using System.Globalization;

namespace Gongzhi.Modules.Services.Analytics;

/// <summary>
/// The rows of the measures table, in order, as the page shows them and the CSV and workbook export them: a key (the
/// page's <c>data-measure</c>), the label's resource name and the value as text.
/// </summary>
public static class MeasureRows
{
    public sealed record Row(string Key, string Label, Func<ProcessMeasures, string> Value);

    public static readonly IReadOnlyList<Row> All =
    [
        new("volume", "Analytics.Volume", m => m.Volume.ToString(CultureInfo.InvariantCulture)),
        new("decided", "Analytics.Decided", m => m.Decided.ToString(CultureInfo.InvariantCulture)),
        new("median", "Analytics.Median", m => Number(m.MedianDays)),
        new("p90", "Analytics.P90", m => Number(m.P90Days)),
        new("promised", "Analytics.Promised", m => Number(m.MedianPromisedDays)),
        new("on-time", "Analytics.OnTime", m => Percent(m.OnTimeRate)),
        new("immediate", "Analytics.Immediate", m => Percent(m.ImmediateShare)),
        new("online", "Analytics.Online", m => Percent(m.OnlineShare)),
        new("one-submission", "Analytics.OneSubmission", m => Percent(m.OneSubmissionRate)),
        new("visits", "Analytics.Visits", m => m.AverageVisits is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—"),
        new("not-accepted", "Analytics.NotAccepted", m => Percent(m.NotAcceptedRate)),
        new("ratings", "Analytics.Ratings", m => string.Join(" / ", m.Ratings)),
        new("follow-ups", "Analytics.FollowUps", m => m.FollowUps.ToString(CultureInfo.InvariantCulture)),
        new("follow-ups-open", "Analytics.FollowUpsOpen", m => m.FollowUpsOpen.ToString(CultureInfo.InvariantCulture)),
        new("follow-up-on-time", "Analytics.FollowUpOnTime", m => Percent(m.FollowUpOnTimeRate)),
    ];

    public static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "—";

    public static string Number(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? value) => value is { } v ? v.ToString("P0", CultureInfo.InvariantCulture) : "—";
}
