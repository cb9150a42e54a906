using Gongzhi.Modules.Cases;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// What one case adds to the counters of its day and street: 1 or 0 per count of <see cref="CaseCounts"/>,
/// the same conditions as the GROUP BY in <see cref="IndicatorService"/> (keep the two in step), and its
/// waits between organisations. A case outside every cohort (not registered, or merged) adds nothing.
/// </summary>
public static class CaseContribution
{
    /// <summary>The counter columns of <see cref="CaseDayCounter"/>, in the order of the vector <see cref="AddTo"/> fills.</summary>
    public static readonly string[] Columns =
    [
        nameof(CaseDayCounter.Registered), nameof(CaseDayCounter.Dispatched), nameof(CaseDayCounter.Accepted), nameof(CaseDayCounter.Resolved),
        nameof(CaseDayCounter.ResolvedOnTime), nameof(CaseDayCounter.EverResolved), nameof(CaseDayCounter.Reworked), nameof(CaseDayCounter.Returned),
        nameof(CaseDayCounter.Returns), nameof(CaseDayCounter.Extended), nameof(CaseDayCounter.Closed), nameof(CaseDayCounter.Rated),
        nameof(CaseDayCounter.Satisfied), nameof(CaseDayCounter.BasicallySatisfied), nameof(CaseDayCounter.Dissatisfied), nameof(CaseDayCounter.HandOffs),
        nameof(CaseDayCounter.Open), nameof(CaseDayCounter.Overdue), nameof(CaseDayCounter.Dispatches), nameof(CaseDayCounter.AcceptedOnTime),
        nameof(CaseDayCounter.MultiOrganisation), nameof(CaseDayCounter.ClosedAfterOverdue), nameof(CaseDayCounter.Waits),
    ];

    /// <summary>The counter row the case counts in, or null when it is in no cohort.</summary>
    public static (DateOnly Day, string StreetCode)? KeyOf(in CaseFigures c) =>
        c.RegisteredAt is { } registered && c.State != CaseState.Merged
            ? (IndicatorFilter.DayOf(registered), StreetOf(c.JurisdictionCode))
            : null;

    /// <summary>The street a jurisdiction code lies in; a code coarser than a street is its own key.</summary>
    public static string StreetOf(string jurisdictionCode) => jurisdictionCode.Length > 9 ? jurisdictionCode[..9] : jurisdictionCode;

    /// <summary>Adds <paramref name="sign"/> times the case's counts to <paramref name="vector"/> (one slot per <see cref="Columns"/> entry).</summary>
    public static void AddTo(int[] vector, in CaseFigures c, int sign)
    {
        var open = CaseStates.IsOpen(c.State);
        int Flag(bool condition) => condition ? sign : 0;
        var i = 0;
        vector[i++] += sign;
        vector[i++] += Flag(c.DispatchedAt is not null);
        vector[i++] += Flag(c.AcceptedAt is not null);
        vector[i++] += Flag(c.ResolvedAt is not null);
        vector[i++] += Flag(c.ResolvedAt is not null && c.ResolveDeadline is not null && c.ResolvedAt <= c.ResolveDeadline);
        vector[i++] += Flag(c.ResolvedAt is not null || c.ReworkCount > 0 || c.ReopenCount > 0);
        vector[i++] += Flag(c.ReworkCount > 0);
        vector[i++] += Flag(c.ReturnCount > 0);
        vector[i++] += sign * c.ReturnCount;
        vector[i++] += Flag(c.ExtensionCount > 0);
        vector[i++] += Flag(c.ClosedAt is not null);
        vector[i++] += Flag(c.Satisfaction is not null);
        vector[i++] += Flag(c.Satisfaction == Satisfaction.Satisfied);
        vector[i++] += Flag(c.Satisfaction == Satisfaction.BasicallySatisfied);
        vector[i++] += Flag(c.Satisfaction == Satisfaction.Dissatisfied);
        vector[i++] += c.DispatchedAt is not null ? sign * c.HandOffCount : 0;
        vector[i++] += Flag(open);
        vector[i++] += Flag(open && c.Overdue);
        vector[i++] += sign * c.DispatchCount;
        vector[i++] += Flag(c.AcceptedOnTime == true);
        vector[i++] += Flag(c.InvolvedOrganisationCount > 1);
        vector[i++] += Flag(c.ClosedAt is not null && c.EverOverdue);
        vector[i] += sign * c.HandOverWaitHours.Count;
    }
}

/// <summary>
/// Log-scale buckets of wait hours, four per doubling: the histogram the median is estimated from when a
/// cohort has too many waits to read. Bucket 0 holds waits under 1/16 h (3¾ minutes); bucket b ≥ 1 holds
/// [2^((b−1)/4 − 4), 2^(b/4 − 4)) hours, so a bucket's upper bound is 2^¼ ≈ 1.19 times its lower one; the
/// last bucket (from about 6 years) also takes everything longer.
/// </summary>
public static class WaitBuckets
{
    public const int Last = 80;

    private const double Smallest = 1.0 / 16;

    public static int Of(double hours) => hours < Smallest ? 0 : Math.Min(Last, (int)Math.Floor(4 * (Math.Log2(hours) + 4)) + 1);

    public static double LowerBound(int bucket) => bucket == 0 ? 0 : Math.Pow(2, (bucket - 1) / 4.0 - 4);

    public static double UpperBound(int bucket) => Math.Pow(2, bucket / 4.0 - 4);

    /// <summary>
    /// The median from a histogram: the bucket holding the middle rank, interpolated inside it (on the log
    /// scale, linearly in the first bucket). Off by at most one bucket width, under 19 %.
    /// </summary>
    public static MedianWait EstimateMedian(IReadOnlyDictionary<int, long> histogram)
    {
        var samples = histogram.Values.Sum();
        if (samples == 0)
        {
            return new MedianWait(0, null);
        }
        var middle = samples / 2.0;
        long before = 0;
        foreach (var (bucket, count) in histogram.Where(b => b.Value > 0).OrderBy(b => b.Key))
        {
            if (before + count >= middle)
            {
                var share = Math.Clamp((middle - before) / count, 0, 1);
                var (lower, upper) = (LowerBound(bucket), UpperBound(bucket));
                var hours = bucket == 0 ? upper * share : lower * Math.Pow(upper / lower, share);
                return new MedianWait((int)samples, Math.Round(hours, 2), Estimated: true);
            }
            before += count;
        }
        throw new InvalidOperationException("Unreachable: the middle rank lies within the samples.");
    }
}
