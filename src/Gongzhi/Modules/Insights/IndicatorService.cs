using System.Linq.Expressions;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Insights.Counters;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Insights;

/// <summary>A rate as its two counts, so that a reader can check it and sum it across areas correctly.</summary>
public sealed record Ratio(long Numerator, long Denominator)
{
    public static readonly Ratio Empty = new(0, 0);

    /// <summary>Null when nothing is in the denominator: "no cases" is not "0 %".</summary>
    public double? Value => Denominator == 0 ? null : Math.Round((double)Numerator / Denominator, 4);
}

/// <summary>
/// The median of the waits between one organisation letting a case go and the next one taking it on.
/// <see cref="Estimated"/> when taken from the counters' histogram (too many waits to read), within one bucket (19 %).
/// </summary>
public sealed record MedianWait(int Samples, double? Hours, bool Estimated = false);

/// <summary>Every indicator of docs/indicators.md for one set of cases; the formulas are documented there.</summary>
public sealed record IndicatorSet(
    long Registered,
    long Open,
    long Overdue,
    Ratio ResponseRate,
    Ratio OnTimeResolutionRate,
    Ratio ClosureRate,
    Ratio OnTimeClosureRate,
    Ratio ReworkRate,
    Ratio ReturnRate,
    Ratio ExtensionRate,
    Ratio SolvedRate,
    Ratio SatisfactionRate,
    Ratio HandOffsPerCase,
    Ratio ReturnedShare,
    Ratio MultiOrganisationShare,
    MedianWait TimeLostBetweenOrganisations)
{
    public static readonly IndicatorSet Empty = From(new CaseCounts(), new MedianWait(0, null));

    internal static IndicatorSet From(CaseCounts c, MedianWait timeLost) => new(
        c.Registered,
        c.Open,
        c.Overdue,
        new Ratio(c.AcceptedOnTime, c.Dispatched),
        new Ratio(c.ResolvedOnTime, c.Resolved),
        new Ratio(c.Closed, c.Registered),
        new Ratio(c.Closed - c.ClosedAfterOverdue, c.Closed),
        new Ratio(c.Reworked, c.EverResolved),
        new Ratio(c.Returns, c.Dispatches),
        new Ratio(c.Extended, c.Accepted),
        new Ratio(c.Closed - c.Dissatisfied, c.Closed),
        new Ratio(c.Satisfied + c.BasicallySatisfied, c.Rated),
        new Ratio(c.HandOffs, c.Dispatched),
        new Ratio(c.Returned, c.Dispatched),
        new Ratio(c.MultiOrganisation, c.Dispatched),
        timeLost);
}

public sealed record BreakdownRow(string Key, string Name, IndicatorSet Indicators);

public sealed record MapCount(string Code, int Open, int Overdue);

public sealed record TrendPoint(DateOnly Start, int New, int Closed, int Overdue);

/// <summary>Counts the database adds up per group; one row per group in a single GROUP BY query.</summary>
internal sealed class CaseCounts
{
    public int Registered { get; init; }
    public int Dispatched { get; init; }
    public int Accepted { get; init; }
    public int Resolved { get; init; }
    public int ResolvedOnTime { get; init; }
    public int EverResolved { get; init; }
    public int Reworked { get; init; }
    public int Returned { get; init; }
    public int Returns { get; init; }
    public int Extended { get; init; }
    public int Closed { get; init; }
    public int Rated { get; init; }
    public int Satisfied { get; init; }
    public int BasicallySatisfied { get; init; }
    public int Dissatisfied { get; init; }
    public int HandOffs { get; init; }
    public int Open { get; init; }
    public int Overdue { get; init; }
    public int Dispatches { get; init; }
    public int AcceptedOnTime { get; init; }
    public int MultiOrganisation { get; init; }
    public int ClosedAfterOverdue { get; init; }

    /// <summary>Every count added up over <paramref name="parts"/> (a period read in pieces).</summary>
    public static CaseCounts Sum(IEnumerable<CaseCounts> parts)
    {
        var list = parts as IReadOnlyList<CaseCounts> ?? parts.ToList();
        return list.Count == 1 ? list[0] : new CaseCounts
        {
            Registered = list.Sum(c => c.Registered),
            Dispatched = list.Sum(c => c.Dispatched),
            Accepted = list.Sum(c => c.Accepted),
            Resolved = list.Sum(c => c.Resolved),
            ResolvedOnTime = list.Sum(c => c.ResolvedOnTime),
            EverResolved = list.Sum(c => c.EverResolved),
            Reworked = list.Sum(c => c.Reworked),
            Returned = list.Sum(c => c.Returned),
            Returns = list.Sum(c => c.Returns),
            Extended = list.Sum(c => c.Extended),
            Closed = list.Sum(c => c.Closed),
            Rated = list.Sum(c => c.Rated),
            Satisfied = list.Sum(c => c.Satisfied),
            BasicallySatisfied = list.Sum(c => c.BasicallySatisfied),
            Dissatisfied = list.Sum(c => c.Dissatisfied),
            HandOffs = list.Sum(c => c.HandOffs),
            Open = list.Sum(c => c.Open),
            Overdue = list.Sum(c => c.Overdue),
            Dispatches = list.Sum(c => c.Dispatches),
            AcceptedOnTime = list.Sum(c => c.AcceptedOnTime),
            MultiOrganisation = list.Sum(c => c.MultiOrganisation),
            ClosedAfterOverdue = list.Sum(c => c.ClosedAfterOverdue),
        };
    }
}

internal static class Median
{
    public static MedianWait Of(List<double> hours)
    {
        if (hours.Count == 0)
        {
            return new MedianWait(0, null);
        }
        hours.Sort();
        var middle = hours.Count / 2;
        var median = hours.Count % 2 == 1 ? hours[middle] : (hours[middle - 1] + hours[middle]) / 2;
        return new MedianWait(hours.Count, Math.Round(median, 2));
    }
}

/// <summary>
/// Computes the indicators of docs/indicators.md. The cohort of a period is the cases registered (立案)
/// in it. Everything is added up by the database in one GROUP BY over the cohort's cases: the facts of a
/// case's history that the indicators need (dispatches, response in time, organisations involved, missed
/// deadlines) are kept on the case as they happen; only the waits between organisations, for the median,
/// are read back, from the few cases that were let go.
/// Over the city, a district or a street without other filters the daily counters answer instead
/// (<see cref="CounterReader"/>): the same sums, kept as the cases change.
/// Callers check the scope against the caller first: this service trusts the filter it is given.
/// The cases are read through Cases' read model (<see cref="CaseReadModel"/>), never its entities: the same single
/// statements, composed over <see cref="CaseRow"/>.
/// </summary>
public sealed class IndicatorService(GongzhiDbContext db)
{
    /// <summary>
    /// Up to this many waits the median is exact, from the waits of the cohort's cases; beyond, the
    /// counters' histogram estimates it, since reading that many cases would take longer than the rest.
    /// </summary>
    internal int ExactMedianLimit { get; init; } = 5_000;

    public async Task<IndicatorSet> ComputeAsync(IndicatorFilter filter, CancellationToken cancellationToken)
    {
        var length = filter.QueryPrefix.Length;
        var groups = CounterReader.CanAnswer(filter, length)
            ? await ComputeFromCountersAsync(filter, length, cancellationToken)
            : await ComputeFromCasesAsync(filter, length, cancellationToken);
        return groups.Values.SingleOrDefault() ?? IndicatorSet.Empty;
    }

    /// <summary>The indicators by one GROUP BY over the cohort's cases, grouped by the first <paramref name="keyLength"/> digits of their jurisdiction.</summary>
    internal Task<Dictionary<string, IndicatorSet>> ComputeFromCasesAsync(IndicatorFilter filter, int keyLength, CancellationToken cancellationToken) =>
        ComputeByAsync(filter, c => c.JurisdictionCode.Substring(0, keyLength), cancellationToken);

    /// <summary>The indicators by the daily counters, grouped by the first <paramref name="keyLength"/> digits of the street.</summary>
    internal async Task<Dictionary<string, IndicatorSet>> ComputeFromCountersAsync(IndicatorFilter filter, int keyLength,
        CancellationToken cancellationToken)
    {
        var counts = await CounterReader.CountsAsync(db, filter, keyLength, cancellationToken);
        var samples = counts.Values.Sum(c => (long)c.Waits);
        var medians = samples == 0 ? []
            : samples <= ExactMedianLimit
                ? (await WaitHoursAsync(Cohort(filter), c => c.JurisdictionCode.Substring(0, keyLength), cancellationToken))
                    .ToDictionary(w => w.Key, w => Median.Of(w.Value))
                : await CounterReader.EstimatedMediansAsync(db, filter, keyLength, cancellationToken);
        return counts.ToDictionary(c => c.Key, c => IndicatorSet.From(c.Value.Counts, medians.GetValueOrDefault(c.Key) ?? new MedianWait(0, null)));
    }

    /// <summary>The indicators per child node, per category or per lead organisation, keyed by code or id.</summary>
    public async Task<Dictionary<string, IndicatorSet>> BreakdownAsync(IndicatorFilter filter, BreakdownDimension by, CancellationToken cancellationToken)
    {
        switch (by)
        {
            case BreakdownDimension.Child:
                var childLength = ChildLength(filter.Scope) ?? throw new ArgumentException("A grid has no children.", nameof(filter));
                var children = CounterReader.CanAnswer(filter, childLength)
                    ? await ComputeFromCountersAsync(filter, childLength, cancellationToken)
                    : await ComputeFromCasesAsync(filter, childLength, cancellationToken);
                // Cases located only to the scope itself (no finer node) have no child to belong to.
                return children.Where(g => g.Key.Length == childLength).ToDictionary();
            case BreakdownDimension.Category:
                var categoryLength = filter.Category is null ? 2 : 4;
                return await ComputeByAsync(filter, c => c.CategoryCode.Substring(0, categoryLength), cancellationToken);
            default:
                // Guid.Empty stands for cases without a lead organisation now (not yet dispatched, or returned).
                var organisations = await ComputeByAsync(filter, c => c.LeadOrganisationId ?? Guid.Empty, cancellationToken);
                return organisations.ToDictionary(g => g.Key == Guid.Empty ? "" : g.Key.ToString(), g => g.Value);
        }
    }

    /// <summary>
    /// Open and overdue cases now, per child of the scope: what the map colours. Not bound to a period.
    /// Down to streets the month counters hold every registered case's part (an open case counts in the
    /// month it was registered, whatever its age) and only the reports never yet registered are read from
    /// the cases; inside a street the cases are read.
    /// </summary>
    public async Task<List<MapCount>> MapAsync(string scope, CancellationToken cancellationToken)
    {
        if (ChildLength(scope) is not { } length)
        {
            return [];
        }
        if (length > 9)
        {
            return await MapFromCasesAsync(scope, cancellationToken);
        }
        var prefix = JurisdictionCode.QueryPrefix(scope);
        var registered = await db.Set<CaseMonthCounter>().AsNoTracking()
            .Where(c => c.StreetCode.StartsWith(prefix))
            .GroupBy(c => c.StreetCode.Substring(0, length))
            .Select(g => new { Code = g.Key, Open = g.Sum(c => c.Open), Overdue = g.Sum(c => c.Overdue) })
            .ToListAsync(cancellationToken);
        // A transferred case waits to be registered again but keeps its registration: the counters already hold it.
        var submitted = await OpenByChildAsync(db.CaseRows().Where(c => c.State == CaseState.Submitted && c.RegisteredAt == null), prefix, length,
            cancellationToken);
        return registered.Select(r => new MapCount(r.Code, r.Open, r.Overdue)).Concat(submitted)
            .GroupBy(r => r.Code)
            .Select(g => new MapCount(g.Key, g.Sum(r => r.Open), g.Sum(r => r.Overdue)))
            .Where(r => r.Code.Length == length && r.Open > 0)
            .OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The map by one GROUP BY over the scope's open cases.</summary>
    internal async Task<List<MapCount>> MapFromCasesAsync(string scope, CancellationToken cancellationToken)
    {
        if (ChildLength(scope) is not { } length)
        {
            return [];
        }
        var rows = await OpenByChildAsync(db.CaseRows().Where(IsOpen), JurisdictionCode.QueryPrefix(scope), length, cancellationToken);
        return rows.Where(r => r.Code.Length == length).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    private static async Task<List<MapCount>> OpenByChildAsync(IQueryable<CaseRow> open, string prefix, int length, CancellationToken cancellationToken)
    {
        var rows = await open
            .Where(c => c.JurisdictionCode.StartsWith(prefix))
            .GroupBy(c => c.JurisdictionCode.Substring(0, length))
            .Select(g => new { Code = g.Key, Open = g.Count(), Overdue = g.Sum(c => c.Overdue ? 1 : 0) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MapCount(r.Code, r.Open, r.Overdue)).ToList();
    }

    /// <summary>
    /// New (registered), closed and newly overdue cases per interval. Each count goes by its own event's
    /// time, so a case registered in March and closed in April is new in March and closed in April.
    /// </summary>
    public async Task<List<TrendPoint>> TrendAsync(IndicatorFilter filter, TrendInterval interval, CancellationToken cancellationToken)
    {
        var (from, to) = (filter.FromInstant, filter.ToInstant);
        var cases = Filtered(filter);
        var registered = await cases.Where(c => c.RegisteredAt >= from && c.RegisteredAt < to)
            .Select(c => c.RegisteredAt!.Value).ToListAsync(cancellationToken);
        var closed = await cases.Where(c => c.ClosedAt >= from && c.ClosedAt < to)
            .Select(c => c.ClosedAt!.Value).ToListAsync(cancellationToken);
        var overdue = await db.OverdueTimes(cases, from, to).ToListAsync(cancellationToken);

        var buckets = new SortedDictionary<DateOnly, int[]>();
        for (var start = BucketOf(filter.From, interval); start < filter.To; start = Next(start, interval))
        {
            buckets[start] = new int[3];
        }
        void Add(IEnumerable<DateTimeOffset> instants, int slot)
        {
            foreach (var instant in instants)
            {
                if (buckets.TryGetValue(BucketOf(IndicatorFilter.DayOf(instant), interval), out var counts))
                {
                    counts[slot]++;
                }
            }
        }
        Add(registered, 0);
        Add(closed, 1);
        Add(overdue, 2);
        return buckets.Select(b => new TrendPoint(b.Key, b.Value[0], b.Value[1], b.Value[2])).ToList();
    }

    public static int BucketCount(IndicatorFilter filter, TrendInterval interval)
    {
        var count = 0;
        for (var start = BucketOf(filter.From, interval); start < filter.To; start = Next(start, interval))
        {
            count++;
        }
        return count;
    }

    /// <summary>Every case of the cohort, oldest first, for the export; read as it streams.</summary>
    public IQueryable<CaseRow> Cohort(IndicatorFilter filter)
    {
        var (from, to) = (filter.FromInstant, filter.ToInstant);
        return Filtered(filter).Where(c => c.RegisteredAt >= from && c.RegisteredAt < to && c.State != CaseState.Merged);
    }

    internal static int? ChildLength(string scope) => JurisdictionCode.LevelOf(scope) switch
    {
        JurisdictionLevel.City => 6,
        JurisdictionLevel.Grid => null,
        _ => scope.Length + 3,
    };

    // Spelled out rather than a list parameter: the states are stored as text through a converter.
    private static readonly Expression<Func<CaseRow, bool>> IsOpen = c => (c.State == CaseState.Submitted || c.State == CaseState.Registered || c.State == CaseState.Dispatched || c.State == CaseState.Accepted || c.State == CaseState.Resolved || c.State == CaseState.Verified);

    private IQueryable<CaseRow> Filtered(IndicatorFilter filter)
    {
        var prefix = filter.QueryPrefix;
        var query = db.CaseRows().Where(c => c.JurisdictionCode.StartsWith(prefix));
        if (filter.Organisation is { } organisation)
        {
            query = query.Where(c => c.LeadOrganisationId == organisation);
        }
        if (filter.Category is { } category)
        {
            query = query.Where(c => c.CategoryCode.StartsWith(category));
        }
        return query;
    }

    private async Task<Dictionary<TKey, IndicatorSet>> ComputeByAsync<TKey>(IndicatorFilter filter, Expression<Func<CaseRow, TKey>> key,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        var cohort = Cohort(filter);
        var counts = await cohort.GroupBy(key).Select(g => new
        {
            g.Key,
            Counts = new CaseCounts
            {
                Registered = g.Count(),
                Dispatched = g.Sum(c => c.DispatchedAt != null ? 1 : 0),
                Accepted = g.Sum(c => c.AcceptedAt != null ? 1 : 0),
                Resolved = g.Sum(c => c.ResolvedAt != null ? 1 : 0),
                ResolvedOnTime = g.Sum(c => c.ResolvedAt != null && c.ResolveDeadline != null && c.ResolvedAt <= c.ResolveDeadline ? 1 : 0),
                // Rework and reopening clear ResolvedAt, but such a case was resolved at least once.
                EverResolved = g.Sum(c => c.ResolvedAt != null || c.ReworkCount > 0 || c.ReopenCount > 0 ? 1 : 0),
                Reworked = g.Sum(c => c.ReworkCount > 0 ? 1 : 0),
                Returned = g.Sum(c => c.ReturnCount > 0 ? 1 : 0),
                Returns = g.Sum(c => c.ReturnCount),
                Extended = g.Sum(c => c.ExtensionCount > 0 ? 1 : 0),
                Closed = g.Sum(c => c.ClosedAt != null ? 1 : 0),
                Rated = g.Sum(c => c.Satisfaction != null ? 1 : 0),
                Satisfied = g.Sum(c => c.Satisfaction == Satisfaction.Satisfied ? 1 : 0),
                BasicallySatisfied = g.Sum(c => c.Satisfaction == Satisfaction.BasicallySatisfied ? 1 : 0),
                Dissatisfied = g.Sum(c => c.Satisfaction == Satisfaction.Dissatisfied ? 1 : 0),
                HandOffs = g.Sum(c => c.DispatchedAt != null ? c.HandOffCount : 0),
                Open = g.Sum(c => (c.State == CaseState.Submitted || c.State == CaseState.Registered || c.State == CaseState.Dispatched || c.State == CaseState.Accepted || c.State == CaseState.Resolved || c.State == CaseState.Verified) ? 1 : 0),
                Overdue = g.Sum(c => c.Overdue && (c.State == CaseState.Submitted || c.State == CaseState.Registered || c.State == CaseState.Dispatched || c.State == CaseState.Accepted || c.State == CaseState.Resolved || c.State == CaseState.Verified) ? 1 : 0),
                Dispatches = g.Sum(c => c.DispatchCount),
                AcceptedOnTime = g.Sum(c => c.AcceptedOnTime == true ? 1 : 0),
                MultiOrganisation = g.Sum(c => c.InvolvedOrganisationCount > 1 ? 1 : 0),
                // The flag is never cleared, and a closed case has no deadline left to miss: any overdue came before closure.
                ClosedAfterOverdue = g.Sum(c => c.ClosedAt != null && c.EverOverdue ? 1 : 0),
            },
        }).ToListAsync(cancellationToken);
        if (counts.Count == 0)
        {
            return [];
        }

        var waitHours = await WaitHoursAsync(cohort, key, cancellationToken);
        return counts.ToDictionary(c => c.Key, c => IndicatorSet.From(c.Counts, Median.Of(waitHours.GetValueOrDefault(c.Key) ?? [])));
    }

    private static async Task<Dictionary<TKey, List<double>>> WaitHoursAsync<TKey>(IQueryable<CaseRow> cohort, Expression<Func<CaseRow, TKey>> key,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        // Only cases let go by a return (退单) or a transfer (转办: a hand-off that is not a dispatch) have waits.
        var waits = await cohort.Where(c => c.ReturnCount > 0 || c.HandOffCount > c.DispatchCount)
            .Select(Waits(key)).ToListAsync(cancellationToken);
        return waits.GroupBy(w => w.Key).ToDictionary(g => g.Key, g => g.SelectMany(w => w.Hours).ToList());
    }

    internal sealed record CaseWaits<TKey>(TKey Key, IReadOnlyList<double> Hours);

    private static Expression<Func<CaseRow, CaseWaits<TKey>>> Waits<TKey>(Expression<Func<CaseRow, TKey>> key)
    {
        var parameter = key.Parameters[0];
        return Expression.Lambda<Func<CaseRow, CaseWaits<TKey>>>(
            Expression.New(typeof(CaseWaits<TKey>).GetConstructors()[0], key.Body, Expression.Property(parameter, nameof(CaseRow.HandOverWaitHours))),
            parameter);
    }

    private static DateOnly BucketOf(DateOnly day, TrendInterval interval) => interval switch
    {
        TrendInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        TrendInterval.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    private static DateOnly Next(DateOnly start, TrendInterval interval) => interval switch
    {
        TrendInterval.Week => start.AddDays(7),
        TrendInterval.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };
}
