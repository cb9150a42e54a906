using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// What a save (or a batch of generated cases) changes in the counters: per day and street (and so per
/// month and street), the contribution of each case's new values minus that of its original values, so
/// that a transfer to another street moves the case and a merge takes it out. Applied in the transaction
/// that writes the cases, as upserts <c>count = count + delta</c>, in a fixed key order so that two
/// transactions never wait on each other's rows in a cycle.
/// </summary>
public sealed class CaseCounterDelta
{
    private readonly Dictionary<(DateOnly Day, string StreetCode), int[]> days = [];
    private readonly Dictionary<(DateOnly Day, string StreetCode, int Bucket), int> waits = [];

    public void Add(in CaseFigures facts, int sign)
    {
        if (CaseContribution.KeyOf(facts) is not { } key)
        {
            return;
        }
        if (!days.TryGetValue(key, out var vector))
        {
            days[key] = vector = new int[CaseContribution.Columns.Length];
        }
        CaseContribution.AddTo(vector, facts, sign);
        foreach (var hours in facts.HandOverWaitHours)
        {
            var bucket = (key.Day, key.StreetCode, WaitBuckets.Of(hours));
            waits[bucket] = waits.GetValueOrDefault(bucket) + sign;
        }
    }

    /// <summary>The change of the cases a save writes (or a bulk insert adds); null when the counters stay as they are.</summary>
    public static CaseCounterDelta? Of(IReadOnlyList<CaseFiguresChange> changes)
    {
        var delta = new CaseCounterDelta();
        foreach (var change in changes)
        {
            if (change.Before is { } before)
            {
                delta.Add(before, -1);
            }
            if (change.After is { } after)
            {
                delta.Add(after, +1);
            }
        }
        return delta.IsEmpty ? null : delta;
    }

    /// <summary>True when nothing changes: most saves (a note, an intake, a deadline) touch no counted column.</summary>
    public bool IsEmpty => !days.Values.Any(v => v.Any(x => x != 0)) && waits.Values.All(x => x == 0);

    /// <summary>Adds the change to the day and month counters inside the context's current transaction.</summary>
    public async Task ApplyAsync(GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var dayRows = CountRows(days.Select(d => (d.Key.Day, d.Key.StreetCode, d.Value)));
        var waitRows = WaitRows(waits.Select(w => (w.Key.Day, w.Key.StreetCode, w.Key.Bucket, w.Value)));
        // A month row changes by the sum of its days' changes.
        var monthRows = CountRows(dayRows.GroupBy(d => (Month: MonthOf(d.Day), d.StreetCode))
            .Select(g => (g.Key.Month, g.Key.StreetCode, Sum(g.Select(d => d.Values)))));
        var monthWaitRows = WaitRows(waits.GroupBy(w => (Month: MonthOf(w.Key.Day), w.Key.StreetCode, w.Key.Bucket))
            .Select(g => (g.Key.Month, g.Key.StreetCode, g.Key.Bucket, g.Sum(w => w.Value))));
        var districtMonthWaitRows = WaitRows(waits.GroupBy(w => (Month: MonthOf(w.Key.Day), District: w.Key.StreetCode[..6], w.Key.Bucket))
            .Select(g => (g.Key.Month, g.Key.District, g.Key.Bucket, g.Sum(w => w.Value))));
        // Always in this table order, and in key order within a table, so every writer takes its locks in the same order.
        await UpsertAsync(db, "case_day_counters", "Day", StreetColumn, [], CaseContribution.Columns, dayRows, cancellationToken);
        await UpsertAsync(db, "case_wait_counters", "Day", AreaColumn, BucketColumn, CountColumn, waitRows, cancellationToken);
        await UpsertAsync(db, "case_month_counters", "Month", StreetColumn, [], CaseContribution.Columns, monthRows, cancellationToken);
        await UpsertAsync(db, "case_month_wait_counters", "Month", AreaColumn, BucketColumn, CountColumn, monthWaitRows, cancellationToken);
        await UpsertAsync(db, "case_district_month_wait_counters", "Month", AreaColumn, BucketColumn, CountColumn, districtMonthWaitRows,
            cancellationToken);
    }

    private const string StreetColumn = nameof(CaseCounterRow.StreetCode);
    private const string AreaColumn = nameof(WaitCounterRow.AreaCode);
    private static readonly string[] BucketColumn = [nameof(WaitCounterRow.Bucket)];
    private static readonly string[] CountColumn = [nameof(WaitCounterRow.Count)];

    /// <summary>The first day of the month a day lies in: the key of its month row.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The counter rows that change, in key order.</summary>
    private static List<(DateOnly Day, string StreetCode, int[] Values)> CountRows(IEnumerable<(DateOnly Day, string StreetCode, int[] Values)> rows) =>
        rows.Where(r => r.Values.Any(x => x != 0)).OrderBy(r => r.Day).ThenBy(r => r.StreetCode, StringComparer.Ordinal).ToList();

    /// <summary>The wait rows that change, in key order, as their bucket and the change of its count.</summary>
    private static List<(DateOnly Day, string AreaCode, int[] Values)> WaitRows(IEnumerable<(DateOnly Day, string AreaCode, int Bucket, int Change)> rows) =>
        rows.Where(r => r.Change != 0).OrderBy(r => r.Day).ThenBy(r => r.AreaCode, StringComparer.Ordinal).ThenBy(r => r.Bucket)
            .Select(r => (r.Day, r.AreaCode, new[] { r.Bucket, r.Change })).ToList();

    private static int[] Sum(IEnumerable<int[]> vectors)
    {
        var sum = new int[CaseContribution.Columns.Length];
        foreach (var vector in vectors)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += vector[i];
            }
        }
        return sum;
    }

    /// <summary>
    /// The rows as <see cref="CounterUpsert"/> takes them: each is its period (the <paramref name="periodColumn"/>), its area (the
    /// <paramref name="areaColumn"/>), then <paramref name="extraKey"/> values, then the deltas.
    /// </summary>
    private static Task UpsertAsync(GongzhiDbContext db, string table, string periodColumn, string areaColumn, string[] extraKey, string[] counts,
        List<(DateOnly Day, string Area, int[] Values)> rows, CancellationToken cancellationToken) =>
        CounterUpsert.ApplyAsync(db, table, [periodColumn, areaColumn, .. extraKey], counts,
            rows.Select(r => (object[])[r.Day, r.Area, .. r.Values.Cast<object>()]), cancellationToken);
}
