using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// Reads the indicators of a period from the daily counters: one small GROUP BY over the rows of its days
/// and streets instead of one over its cases.
/// </summary>
internal static class CounterReader
{
    /// <summary>
    /// The counters hold exact sums per day and street and nothing else: they answer a filter without
    /// organisation or category, over the city, a district or a street, grouped by no finer than a street.
    /// </summary>
    public static bool CanAnswer(IndicatorFilter filter, int keyLength) =>
        filter.Organisation is null && filter.Category is null && filter.QueryPrefix.Length <= 9 && keyLength <= 9;

    /// <summary>The counts per key (the first <paramref name="keyLength"/> digits of the street), and the number of waits of each.</summary>
    public static async Task<Dictionary<string, (CaseCounts Counts, int Waits)>> CountsAsync(GongzhiDbContext db, IndicatorFilter filter,
        int keyLength, CancellationToken cancellationToken)
    {
        var (from, to, prefix) = (filter.From, filter.To, filter.QueryPrefix);
        var rows = await db.Set<CaseDayCounter>().AsNoTracking()
            .Where(c => c.Day >= from && c.Day < to && c.StreetCode.StartsWith(prefix))
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
        // Rows whose cases all moved away are zeros: a group without a registered case is no group, as in the case query.
        return rows.Where(r => r.Counts.Registered > 0).ToDictionary(r => r.Key, r => (r.Counts, r.Waits));
    }

    /// <summary>The median wait per key, estimated from the wait histograms (<see cref="WaitBuckets"/>).</summary>
    public static async Task<Dictionary<string, MedianWait>> EstimatedMediansAsync(GongzhiDbContext db, IndicatorFilter filter, int keyLength,
        CancellationToken cancellationToken)
    {
        var (from, to, prefix) = (filter.From, filter.To, filter.QueryPrefix);
        var rows = await db.Set<CaseWaitCounter>().AsNoTracking()
            .Where(c => c.Day >= from && c.Day < to && c.StreetCode.StartsWith(prefix) && c.Count != 0)
            .GroupBy(c => new { Key = c.StreetCode.Substring(0, keyLength), c.Bucket })
            .Select(g => new { g.Key.Key, g.Key.Bucket, Count = g.Sum(c => (long)c.Count) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key,
            g => WaitBuckets.EstimateMedian(g.ToDictionary(r => r.Bucket, r => r.Count)));
    }
}
