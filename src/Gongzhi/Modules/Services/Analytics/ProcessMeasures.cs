namespace Gongzhi.Modules.Services.Analytics;

/// <summary>
/// What one application contributes to the measures, with its handling time already in working days: from acceptance to
/// the decision, less the days the clock stood still for materials (补正).
/// </summary>
/// <param name="FollowUp">A bad rating opened a follow-up.</param>
/// <param name="FollowUpOnTime">Closed by its due day (true), closed later (false), open (null).</param>
/// <param name="FollowUpPastDue">The follow-up's due day has passed.</param>
public sealed record ApplicationFact(int ItemVersion, bool Immediate, bool Online, int PromisedDays, bool Accepted, bool NotAccepted,
    int? HandlingDays, bool Resubmitted, int? Rating, int Visits = 0, bool FollowUp = false, bool? FollowUpOnTime = null, bool FollowUpPastDue = false)
{
    /// <summary>The fact as a cell of one application.</summary>
    public MeasureCell Cell() => new()
    {
        HandlingDays = HandlingDays,
        PromisedDays = PromisedDays,
        Count = 1,
        Immediate = Immediate ? 1 : 0,
        Online = Online ? 1 : 0,
        Accepted = Accepted ? 1 : 0,
        OneSubmission = Accepted && !Resubmitted ? 1 : 0,
        NotAccepted = NotAccepted ? 1 : 0,
        Visits = Visits,
        Rating1 = Rating == 1 ? 1 : 0,
        Rating2 = Rating == 2 ? 1 : 0,
        Rating3 = Rating == 3 ? 1 : 0,
        Rating4 = Rating == 4 ? 1 : 0,
        Rating5 = Rating == 5 ? 1 : 0,
        FollowUps = FollowUp ? 1 : 0,
        FollowUpsClosed = FollowUp && FollowUpOnTime is not null ? 1 : 0,
        FollowUpsDue = FollowUp && (FollowUpOnTime is not null || FollowUpPastDue) ? 1 : 0,
        FollowUpsOnTime = FollowUp && FollowUpOnTime == true ? 1 : 0,
    };
}

/// <summary>
/// One row of the grouped read (<see cref="ProcessAnalytics"/>): the applications of a group that share their handling days
/// and promised days, counted. The integer days make a histogram, from which the median and p90 are exact.
/// </summary>
public sealed class MeasureCell
{
    public string Group { get; init; } = "";

    /// <summary>Under the compared version or a later one (the "after" of a before/after).</summary>
    public bool After { get; init; }

    public int? HandlingDays { get; init; }

    public int PromisedDays { get; init; }

    public int Count { get; init; }

    public int Immediate { get; init; }

    public int Online { get; init; }

    public int Accepted { get; init; }

    public int OneSubmission { get; init; }

    public int NotAccepted { get; init; }

    public int Visits { get; init; }

    public int Rating1 { get; init; }

    public int Rating2 { get; init; }

    public int Rating3 { get; init; }

    public int Rating4 { get; init; }

    public int Rating5 { get; init; }

    public int FollowUps { get; init; }

    public int FollowUpsClosed { get; init; }

    /// <summary>Follow-ups closed or past their due day: the base of the on-time rate.</summary>
    public int FollowUpsDue { get; init; }

    public int FollowUpsOnTime { get; init; }
}

/// <summary>
/// The measures of process re-engineering (流程再造) over a set of applications. Rates are fractions (0–1) of their base, null
/// when the base is empty: on time, median and p90 over the decided ones; one submission over the accepted ones; 即办,
/// online, not accepted and the average visits over all; the follow-ups on time over those closed or past their due day.
/// The median of an even count is the mean of the middle two; p90 is the nearest rank.
/// </summary>
/// <param name="Ratings">How many ratings of 1, 2, 3, 4 and 5 (index 0 is level 1).</param>
/// <param name="AverageVisits">跑动次数 per application.</param>
/// <param name="FollowUps">Bad ratings (1–2), each opening a follow-up.</param>
/// <param name="FollowUpsOpen">Of those, not closed yet.</param>
public sealed record ProcessMeasures(
    int Volume,
    int Decided,
    double? MedianDays,
    int? P90Days,
    double? MedianPromisedDays,
    double? OnTimeRate,
    double? ImmediateShare,
    double? OnlineShare,
    double? OneSubmissionRate,
    double? NotAcceptedRate,
    IReadOnlyList<int> Ratings,
    double? AverageVisits = null,
    int FollowUps = 0,
    int FollowUpsOpen = 0,
    double? FollowUpOnTimeRate = null)
{
    public static ProcessMeasures Of(IReadOnlyCollection<ApplicationFact> facts) => OfCells(facts.Select(f => f.Cell()).ToList());

    public static ProcessMeasures OfCells(IReadOnlyCollection<MeasureCell> cells)
    {
        var volume = cells.Sum(c => c.Count);
        var decided = cells.Where(c => c.HandlingDays is not null).ToList();
        var decidedCount = decided.Sum(c => c.Count);
        var accepted = cells.Sum(c => c.Accepted);
        var followUps = cells.Sum(c => c.FollowUps);
        var onTimeFollowUps = cells.Sum(c => c.FollowUpsOnTime);
        return new ProcessMeasures(
            volume,
            decidedCount,
            Median(decided.Select(c => (c.HandlingDays!.Value, c.Count))),
            Rank(decided.Select(c => (c.HandlingDays!.Value, c.Count)), decidedCount, 0.9),
            Median(decided.Select(c => (c.PromisedDays, c.Count))),
            Rate(decided.Where(c => c.HandlingDays <= c.PromisedDays).Sum(c => c.Count), decidedCount),
            Rate(cells.Sum(c => c.Immediate), volume),
            Rate(cells.Sum(c => c.Online), volume),
            Rate(cells.Sum(c => c.OneSubmission), accepted),
            Rate(cells.Sum(c => c.NotAccepted), volume),
            [cells.Sum(c => c.Rating1), cells.Sum(c => c.Rating2), cells.Sum(c => c.Rating3), cells.Sum(c => c.Rating4), cells.Sum(c => c.Rating5)],
            volume == 0 ? null : Math.Round((double)cells.Sum(c => c.Visits) / volume, 2),
            followUps,
            followUps - cells.Sum(c => c.FollowUpsClosed),
            Rate(onTimeFollowUps, cells.Sum(c => c.FollowUpsDue)));
    }

    /// <summary>The value at the 1-based <paramref name="rank"/> of the histogram, in ascending order.</summary>
    private static int At(List<(int Value, int Count)> histogram, int rank)
    {
        var seen = 0;
        foreach (var (value, count) in histogram)
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(rank));
    }

    private static List<(int Value, int Count)> Histogram(IEnumerable<(int Value, int Count)> cells) =>
        cells.GroupBy(c => c.Value).Select(g => (g.Key, g.Sum(c => c.Count))).Where(c => c.Item2 > 0).OrderBy(c => c.Key).ToList();

    private static double? Median(IEnumerable<(int Value, int Count)> cells)
    {
        var histogram = Histogram(cells);
        var n = histogram.Sum(c => c.Count);
        return n == 0 ? null : n % 2 == 1 ? At(histogram, (n / 2) + 1) : (At(histogram, n / 2) + At(histogram, (n / 2) + 1)) / 2.0;
    }

    private static int? Rank(IEnumerable<(int Value, int Count)> cells, int n, double fraction) =>
        n == 0 ? null : At(Histogram(cells), (int)Math.Ceiling(fraction * n));

    private static double? Rate(int count, int of) => of == 0 ? null : Math.Round((double)count / of, 4);
}

/// <summary>The same measures for the applications made under the versions before <see cref="Version"/> and under it and later.</summary>
public sealed record BeforeAfter(string ItemCode, int Version, DateTimeOffset? EffectiveFrom, string? Reason, ProcessMeasures Before, ProcessMeasures After);

/// <summary>The measures of one group of a breakdown: an item, a child area or a level, with its name.</summary>
public sealed record MeasuresOf(string Key, string Name, ProcessMeasures Measures);

/// <summary>Applications open now at a centre, and how many of them are past their limit (the clock runs and the due day has passed).</summary>
public sealed record CentreBacklog(string Code, string Name, int Open, int Overdue);

/// <summary>The columns of the measures table, titled, and the version comparison when one was asked for.</summary>
public sealed record MeasuresTableData(IReadOnlyList<(string Title, ProcessMeasures Measures)> Columns, BeforeAfter? Comparison);
