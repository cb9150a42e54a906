namespace Gongzhi.Modules.Services.Analytics;

/// <summary>
/// What one application contributes to the measures, with its handling time already in working days: from acceptance to
/// the decision, less the days the clock stood still for materials (补正).
/// </summary>
public sealed record ApplicationFact(int ItemVersion, bool Immediate, bool Online, int PromisedDays, bool Accepted, bool NotAccepted,
    int? HandlingDays, bool Resubmitted, int? Rating);

/// <summary>
/// The measures of process re-engineering (流程再造) over a set of applications. Rates are fractions (0–1) of their base, null
/// when the base is empty: on time, median and p90 over the decided ones; one submission over the accepted ones; 即办,
/// online and not accepted over all. The median of an even count is the mean of the middle two; p90 is the nearest rank.
/// </summary>
/// <param name="Ratings">How many ratings of 1, 2, 3, 4 and 5 (index 0 is level 1).</param>
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
    IReadOnlyList<int> Ratings)
{
    public static ProcessMeasures Of(IReadOnlyCollection<ApplicationFact> facts)
    {
        var decided = facts.Where(f => f.HandlingDays is not null).ToList();
        var days = decided.Select(f => f.HandlingDays!.Value).Order().ToList();
        var accepted = facts.Where(f => f.Accepted).ToList();
        var ratings = new int[5];
        foreach (var level in facts.Select(f => f.Rating).OfType<int>().Where(r => r is >= 1 and <= 5))
        {
            ratings[level - 1]++;
        }
        return new ProcessMeasures(
            facts.Count,
            decided.Count,
            Median(days),
            days.Count == 0 ? null : days[(int)Math.Ceiling(0.9 * days.Count) - 1],
            Median(decided.Select(f => f.PromisedDays).Order().ToList()),
            Rate(decided.Count(f => f.HandlingDays <= f.PromisedDays), decided.Count),
            Rate(facts.Count(f => f.Immediate), facts.Count),
            Rate(facts.Count(f => f.Online), facts.Count),
            Rate(accepted.Count(f => !f.Resubmitted), accepted.Count),
            Rate(facts.Count(f => f.NotAccepted), facts.Count),
            ratings);
    }

    private static double? Median(List<int> sorted) => sorted.Count == 0
        ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;

    private static double? Rate(int count, int of) => of == 0 ? null : Math.Round((double)count / of, 4);
}

/// <summary>The same measures for the applications made under the versions before <see cref="Version"/> and under it and later.</summary>
public sealed record BeforeAfter(string ItemCode, int Version, DateTimeOffset? EffectiveFrom, string? Reason, ProcessMeasures Before, ProcessMeasures After);
