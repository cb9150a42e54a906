using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// Reads the indicators of a period from the counters: small GROUP BYs over the rows of its months and
/// of its remaining days, per street, instead of one over its cases.
/// </summary>
internal static class CounterReader
{
    /// <summary>
    /// The counters hold exact sums per day and street and nothing else: they answer a filter without
    /// organisation or category, over the city, a district or a street, grouped by no finer than a street.
    /// </summary>
    public static bool CanAnswer(IndicatorFilter filter, int keyLength) =>
        filter.Organisation is null && filter.Category is null && filter.QueryPrefix.Length <= 9 && keyLength <= 9;

    /// <summary>
    /// The counts per key (the first <paramref name="keyLength"/> digits of the street), and the number of
    /// waits of each: the month rows of the whole months in the period, the day rows of the days before and after them.
    /// </summary>
    public static async Task<Dictionary<string, (CaseCounts Counts, int Waits)>> CountsAsync(GongzhiDbContext db, IndicatorFilter filter,
        int keyLength, CancellationToken cancellationToken)
    {
        var (from, to, prefix) = (filter.From, filter.To, filter.QueryPrefix);
        var (firstMonth, endMonth) = WholeMonths(from, to);
        var rows = new List<(string Key, CaseCounts Counts, int Waits)>();
        if (firstMonth < endMonth)
        {
            rows.AddRange(await SumAsync(db.Set<CaseMonthCounter>().Where(c => c.Month >= firstMonth && c.Month < endMonth && c.StreetCode.StartsWith(prefix)),
                keyLength, cancellationToken));
        }
        if (from < firstMonth || endMonth < to)
        {
            rows.AddRange(await SumAsync(db.Set<CaseDayCounter>().Where(c => (c.Day >= from && c.Day < firstMonth || c.Day >= endMonth && c.Day < to)
                && c.StreetCode.StartsWith(prefix)), keyLength, cancellationToken));
        }
        // Rows whose cases all moved away are zeros: a group without a registered case is no group, as in the case query.
        return rows.GroupBy(r => r.Key)
            .Select(g => (g.Key, Counts: CaseCounts.Sum(g.Select(r => r.Counts)), Waits: g.Sum(r => r.Waits)))
            .Where(r => r.Counts.Registered > 0)
            .ToDictionary(r => r.Key, r => (r.Counts, r.Waits));
    }

    /// <summary>
    /// The whole months inside [<paramref name="from"/>, <paramref name="to"/>), as the first day of the first
    /// one and the first day after the last one; an empty range (first ≥ end) when there is none.
    /// </summary>
    public static (DateOnly First, DateOnly End) WholeMonths(DateOnly from, DateOnly to)
    {
        var first = from.Day == 1 ? from : CaseCounterDelta.MonthOf(from).AddMonths(1);
        var end = CaseCounterDelta.MonthOf(to);
        return first < end ? (first, end) : (to, to);
    }

    private static async Task<List<(string Key, CaseCounts Counts, int Waits)>> SumAsync<TRow>(IQueryable<TRow> rows, int keyLength,
        CancellationToken cancellationToken)
        where TRow : CaseCounterRow
    {
        var sums = await rows.AsNoTracking()
            .GroupBy(c => c.StreetCode.Substring(0, keyLength))
            .Select(g => new
            {
                g.Key,
                Counts = new CaseCounts
                {
                    Registered = g.Sum(c => c.Registered),
                    Dispatched = g.Sum(c => c.Dispatched),
                    Accepted = g.Sum(c => c.Accepted),
                    Resolved = g.Sum(c => c.Resolved),
                    ResolvedOnTime = g.Sum(c => c.ResolvedOnTime),
                    EverResolved = g.Sum(c => c.EverResolved),
                    Reworked = g.Sum(c => c.Reworked),
                    Returned = g.Sum(c => c.Returned),
                    Returns = g.Sum(c => c.Returns),
                    Extended = g.Sum(c => c.Extended),
                    Closed = g.Sum(c => c.Closed),
                    Rated = g.Sum(c => c.Rated),
                    Satisfied = g.Sum(c => c.Satisfied),
                    BasicallySatisfied = g.Sum(c => c.BasicallySatisfied),
                    Dissatisfied = g.Sum(c => c.Dissatisfied),
                    HandOffs = g.Sum(c => c.HandOffs),
                    Open = g.Sum(c => c.Open),
                    Overdue = g.Sum(c => c.Overdue),
                    Dispatches = g.Sum(c => c.Dispatches),
                    AcceptedOnTime = g.Sum(c => c.AcceptedOnTime),
                    MultiOrganisation = g.Sum(c => c.MultiOrganisation),
                    ClosedAfterOverdue = g.Sum(c => c.ClosedAfterOverdue),
                },
                Waits = g.Sum(c => c.Waits),
            })
            .ToListAsync(cancellationToken);
        return sums.Select(s => (s.Key, s.Counts, s.Waits)).ToList();
    }

    /// <summary>
    /// The median wait per key, estimated from the wait histograms (<see cref="WaitBuckets"/>) of the period's months
    /// and days. Months come from the district rows when neither the scope nor the key is finer than a district.
    /// </summary>
    public static async Task<Dictionary<string, MedianWait>> EstimatedMediansAsync(GongzhiDbContext db, IndicatorFilter filter, int keyLength,
        CancellationToken cancellationToken)
    {
        var (from, to, prefix) = (filter.From, filter.To, filter.QueryPrefix);
        var (firstMonth, endMonth) = WholeMonths(from, to);
        var rows = new List<(string Key, int Bucket, long Count)>();
        if (firstMonth < endMonth)
        {
            rows.AddRange(prefix.Length <= 6 && keyLength <= 6
                ? await HistogramAsync(db.Set<CaseDistrictMonthWaitCounter>().Where(c => c.Month >= firstMonth && c.Month < endMonth), prefix, keyLength,
                    cancellationToken)
                : await HistogramAsync(db.Set<CaseMonthWaitCounter>().Where(c => c.Month >= firstMonth && c.Month < endMonth), prefix, keyLength,
                    cancellationToken));
        }
        if (from < firstMonth || endMonth < to)
        {
            rows.AddRange(await HistogramAsync(db.Set<CaseWaitCounter>().Where(c => c.Day >= from && c.Day < firstMonth || c.Day >= endMonth && c.Day < to),
                prefix, keyLength, cancellationToken));
        }
        return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key,
            g => WaitBuckets.EstimateMedian(g.GroupBy(r => r.Bucket).ToDictionary(b => b.Key, b => b.Sum(r => r.Count))));
    }

    /// <summary>The histogram per key of the rows inside the area <paramref name="prefix"/>.</summary>
    private static async Task<List<(string Key, int Bucket, long Count)>> HistogramAsync<TRow>(IQueryable<TRow> rows, string prefix, int keyLength,
        CancellationToken cancellationToken)
        where TRow : WaitCounterRow
    {
        var counts = await rows.AsNoTracking()
            .Where(c => c.AreaCode.StartsWith(prefix) && c.Count != 0)
            .GroupBy(c => new { Key = c.AreaCode.Substring(0, keyLength), c.Bucket })
            .Select(g => new { g.Key.Key, g.Key.Bucket, Count = g.Sum(c => (long)c.Count) })
            .ToListAsync(cancellationToken);
        return counts.Select(c => (c.Key, c.Bucket, c.Count)).ToList();
    }
}
