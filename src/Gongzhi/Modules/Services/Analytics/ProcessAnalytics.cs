using System.Globalization;
using System.Linq.Expressions;
using Gongzhi.Components;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Analytics;

/// <param name="Item">An item code; all items when empty.</param>
/// <param name="Centre">A jurisdiction code: its centre and the communities below; the caller's whole scope when empty.</param>
/// <param name="From">First local day of submission (inclusive).</param>
/// <param name="To">Last local day of submission (inclusive).</param>
/// <param name="Level">Items of one level (district, street or community); all when null.</param>
public sealed record AnalyticsQuery(string? Item = null, string? Centre = null, DateOnly? From = null, DateOnly? To = null, ServiceLevel? Level = null);

/// <summary>
/// How a breakdown groups the applications: by item, by the child areas of the centre, by the items' level, or by the department
/// that answers for the items (主管部门).
/// </summary>
public enum AnalyticsBreakdown
{
    Item,
    Area,
    Level,
    Department,
}

/// <summary>
/// Measures of the applications in the caller's scope (the context's filter) by item, centre, level and period, broken down
/// by item, child area or level, the before/after comparison around an item version, and the backlog per centre. Each read
/// is one grouped query: the database counts the applications per group and per pair of handling and promised days (which
/// each application stores when it is decided), and the median and p90 come exactly from that histogram. No applicant data
/// leaves the table.
/// </summary>
public sealed class ProcessAnalytics(GongzhiDbContext db, WorkingCalendar calendar, IJurisdictionBrowser jurisdictions, TimeProvider clock)
{
    /// <summary>The measures of a set that holds no group: a breakdown's key for everything.</summary>
    private const string Everything = "";

    public async Task<ProcessMeasures> MeasureAsync(Caller caller, AnalyticsQuery query, CancellationToken cancellationToken) =>
        ProcessMeasures.OfCells(await CellsAsync(caller, query, null, int.MaxValue, cancellationToken));

    public async Task<BeforeAfter> CompareAsync(Caller caller, string code, int version, AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var item = await db.Set<ServiceItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken)
            ?? throw new RecordNotFoundException(ServicesText.Get("Item.NotFound"));
        var change = await db.Set<ServiceItemVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == item.Id && v.Number == version, cancellationToken);
        var cells = await CellsAsync(caller, query with { Item = code }, null, version, cancellationToken);
        return new BeforeAfter(code, version, change?.EffectiveFrom, change?.Reason,
            ProcessMeasures.OfCells(cells.Where(c => !c.After).ToList()), ProcessMeasures.OfCells(cells.Where(c => c.After).ToList()));
    }

    /// <summary>
    /// The measures table as the page shows it and the export writes it: all, then the groups of <paramref name="by"/>, then
    /// before and after <paramref name="version"/> of the item.
    /// </summary>
    public async Task<MeasuresTableData> TableAsync(Caller caller, AnalyticsQuery query, AnalyticsBreakdown? by, int? version,
        CancellationToken cancellationToken)
    {
        var columns = new List<(string, ProcessMeasures)> { (ServicesText.Get("Analytics.All"), await MeasureAsync(caller, query, cancellationToken)) };
        if (by is { } breakdown)
        {
            columns.AddRange((await BreakdownAsync(caller, query, breakdown, cancellationToken)).Select(g => (g.Name, g.Measures)));
        }
        BeforeAfter? comparison = null;
        if (!string.IsNullOrWhiteSpace(query.Item) && version is { } v)
        {
            comparison = await CompareAsync(caller, query.Item.Trim(), v, query, cancellationToken);
            columns.Add((ServicesText.Get("Analytics.Before"), comparison.Before));
            columns.Add((ServicesText.Get("Analytics.After"), comparison.After));
        }
        return new MeasuresTableData(columns, comparison);
    }

    /// <summary>The measures per group, largest volume first (areas in code order, levels in their order).</summary>
    public async Task<IReadOnlyList<MeasuresOf>> BreakdownAsync(Caller caller, AnalyticsQuery query, AnalyticsBreakdown by,
        CancellationToken cancellationToken)
    {
        var area = AreaOf(caller, query);
        // A department's applications are its items' applications: the cells per item, put together by the catalogue.
        var cells = await CellsAsync(caller, query, by == AnalyticsBreakdown.Department ? AnalyticsBreakdown.Item : by, int.MaxValue, cancellationToken);
        Dictionary<string, string?>? departments = null;
        if (by == AnalyticsBreakdown.Department)
        {
            var codes = cells.Select(c => c.Group).Distinct().ToList();
            departments = await db.Set<ServiceItem>().AsNoTracking().Where(i => codes.Contains(i.Code))
                .ToDictionaryAsync(i => i.Code, i => i.Department, cancellationToken);
        }
        var groups = cells.GroupBy(c => departments is null ? c.Group : departments.GetValueOrDefault(c.Group) ?? Everything)
            .Select(g => (g.Key, Measures: ProcessMeasures.OfCells(g.ToList()))).ToList();
        switch (by)
        {
            case AnalyticsBreakdown.Department:
                return groups.OrderByDescending(g => g.Measures.Volume).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new MeasuresOf(g.Key, g.Key.Length > 0 ? g.Key : ServicesText.Get("Analytics.NoDepartment"), g.Measures)).ToList();
            case AnalyticsBreakdown.Item:
                var codes = groups.Select(g => g.Key).ToList();
                var names = await db.Set<ServiceItem>().AsNoTracking().Where(i => codes.Contains(i.Code))
                    .ToDictionaryAsync(i => i.Code, i => i.Name, cancellationToken);
                return groups.OrderByDescending(g => g.Measures.Volume).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new MeasuresOf(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, g.Measures)).ToList();
            case AnalyticsBreakdown.Area:
                var areaNames = await AreaNamesAsync(area, cancellationToken);
                return groups.OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new MeasuresOf(g.Key, areaNames.GetValueOrDefault(g.Key) ?? g.Key, g.Measures)).ToList();
            default:
                return groups.OrderBy(g => Enum.Parse<ServiceLevel>(g.Key))
                    .Select(g => new MeasuresOf(g.Key, ServicesText.Get($"Level.{g.Key}"), g.Measures)).ToList();
        }
    }

    /// <summary>
    /// The applications open now (submitted, accepted or waiting for materials) per street centre of the area (or per
    /// community under a street), with those past their limit; centres with nothing open are left out.
    /// </summary>
    public async Task<IReadOnlyList<CentreBacklog>> BacklogAsync(Caller caller, string? centre, CancellationToken cancellationToken)
    {
        var area = AreaOf(caller, new AnalyticsQuery(Centre: centre));
        var length = ChildLength(area);
        var (from, before) = JurisdictionCode.QueryRange(area);
        var today = ServiceDays.Today(calendar, clock.GetUtcNow());
        db.Caller = caller;
        var rows = await db.Set<ServiceApplication>().AsNoTracking()
            .Where(a => string.Compare(a.JurisdictionCode, from) >= 0 && string.Compare(a.JurisdictionCode, before) < 0
                && (a.State == ApplicationState.Submitted || a.State == ApplicationState.Accepted || a.State == ApplicationState.AwaitingMaterials))
            .GroupBy(a => a.JurisdictionCode.Substring(0, length))
            .Select(g => new { g.Key, Open = g.Count(), Overdue = g.Sum(a => a.State == ApplicationState.Accepted && a.DueDate < today ? 1 : 0) })
            .ToListAsync(cancellationToken);
        var names = await AreaNamesAsync(area, cancellationToken);
        return rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new CentreBacklog(r.Key, names.GetValueOrDefault(r.Key) ?? r.Key, r.Open, r.Overdue)).ToList();
    }

    /// <summary>
    /// The one grouped read: per group of <paramref name="by"/> (everything when null), version side and pair of handling and
    /// promised days, the counts every measure is made of. <paramref name="split"/> is the version from which an application
    /// counts as "after". A district or the city is read from the day rows, a street or a community from its applications.
    /// </summary>
    private async Task<List<MeasureCell>> CellsAsync(Caller caller, AnalyticsQuery query, AnalyticsBreakdown? by, int split,
        CancellationToken cancellationToken)
    {
        var area = AreaOf(caller, query);
        if (query.From is { } f && query.To is { } t && t < f)
        {
            throw FieldValidationException.Field("to", ServicesText.Get("Analytics.BadPeriod"));
        }
        db.Caller = caller;
        var today = ServiceDays.Today(calendar, clock.GetUtcNow());
        if (FromDayRows(caller, area, by))
        {
            var cells = await DayCellsAsync(query, area, by, split, cancellationToken);
            cells.AddRange(await PastDueFollowUpsAsync(query, area, by, split, today, cancellationToken));
            return cells;
        }
        return await Applications(query, area).GroupBy(KeyOf(GroupOf(by, area), split))
            .Select(g => new MeasureCell
            {
                Group = g.Key.Group,
                After = g.Key.After,
                HandlingDays = g.Key.HandlingDays,
                PromisedDays = g.Key.PromisedDays,
                Count = g.Count(),
                Immediate = g.Sum(a => a.Immediate ? 1 : 0),
                Online = g.Sum(a => a.Channel == ApplicationChannel.Online ? 1 : 0),
                Accepted = g.Sum(a => a.State != ApplicationState.Submitted && a.State != ApplicationState.NotAccepted ? 1 : 0),
                OneSubmission = g.Sum(a => a.State != ApplicationState.Submitted && a.State != ApplicationState.NotAccepted && a.MaterialRequests == 0 ? 1 : 0),
                NotAccepted = g.Sum(a => a.State == ApplicationState.NotAccepted ? 1 : 0),
                Visits = g.Sum(a => a.Visits),
                Rating1 = g.Sum(a => a.Rating == 1 ? 1 : 0),
                Rating2 = g.Sum(a => a.Rating == 2 ? 1 : 0),
                Rating3 = g.Sum(a => a.Rating == 3 ? 1 : 0),
                Rating4 = g.Sum(a => a.Rating == 4 ? 1 : 0),
                Rating5 = g.Sum(a => a.Rating == 5 ? 1 : 0),
                FollowUps = g.Sum(a => a.FollowUpDue != null ? 1 : 0),
                FollowUpsClosed = g.Sum(a => a.FollowUpOnTime != null ? 1 : 0),
                FollowUpsDue = g.Sum(a => a.FollowUpDue != null && (a.FollowUpOnTime != null || a.FollowUpDue < today) ? 1 : 0),
                FollowUpsOnTime = g.Sum(a => a.FollowUpOnTime == true ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The day rows hold whole districts, and the city's districts are its children: a district's or the city's measures by
    /// item, level or district come from them, when the caller covers the whole area (a street reading its district sees only
    /// its own applications, so it reads those).
    /// </summary>
    private static bool FromDayRows(Caller caller, string area, AnalyticsBreakdown? by) =>
        area.Length == 6 && caller.Covers(area) && (by != AnalyticsBreakdown.Area || area == JurisdictionCode.City);

    /// <summary>The applications of the query inside the area, by a range of codes an index can seek.</summary>
    private IQueryable<ServiceApplication> Applications(AnalyticsQuery query, string area)
    {
        var (inside, before) = JurisdictionCode.QueryRange(area);
        var applications = db.Set<ServiceApplication>().AsNoTracking()
            .Where(a => string.Compare(a.JurisdictionCode, inside) >= 0 && string.Compare(a.JurisdictionCode, before) < 0);
        if (!string.IsNullOrEmpty(query.Item))
        {
            applications = applications.Where(a => a.ItemCode == query.Item);
        }
        if (query.Level is { } level)
        {
            applications = applications.Where(a => a.Level == level);
        }
        if (query.From is { } from)
        {
            var start = LocalMidnight(from);
            applications = applications.Where(a => a.SubmittedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = LocalMidnight(to.AddDays(1));
            applications = applications.Where(a => a.SubmittedAt < end);
        }
        return applications;
    }

    /// <summary>The same cells summed from the day rows of the period (an open follow-up's lateness aside).</summary>
    private async Task<List<MeasureCell>> DayCellsAsync(AnalyticsQuery query, string area, AnalyticsBreakdown? by, int split,
        CancellationToken cancellationToken)
    {
        var days = DaysOf(db.Set<ServiceMeasureDay>().AsNoTracking(), query, area);
        var group = DayGroupOf(by);
        return await days.GroupBy(WithGroup<ServiceMeasureDay>(
                (d, g) => new CellKey { Group = g, After = d.ItemVersion >= split, HandlingDays = d.HandlingDays, PromisedDays = d.PromisedDays }, group))
            .Select(g => new MeasureCell
            {
                Group = g.Key.Group,
                After = g.Key.After,
                HandlingDays = g.Key.HandlingDays == ServiceMeasureDay.Undecided ? null : g.Key.HandlingDays,
                PromisedDays = g.Key.PromisedDays,
                Count = g.Sum(d => d.Count),
                Immediate = g.Sum(d => d.Immediate),
                Online = g.Sum(d => d.Online),
                Accepted = g.Sum(d => d.Accepted),
                OneSubmission = g.Sum(d => d.OneSubmission),
                NotAccepted = g.Sum(d => d.NotAccepted),
                Visits = g.Sum(d => d.Visits),
                Rating1 = g.Sum(d => d.Rating1),
                Rating2 = g.Sum(d => d.Rating2),
                Rating3 = g.Sum(d => d.Rating3),
                Rating4 = g.Sum(d => d.Rating4),
                Rating5 = g.Sum(d => d.Rating5),
                FollowUps = g.Sum(d => d.FollowUps),
                FollowUpsClosed = g.Sum(d => d.FollowUpsClosed),
                FollowUpsDue = g.Sum(d => d.FollowUpsClosed),
                FollowUpsOnTime = g.Sum(d => d.FollowUpsOnTime),
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The open follow-ups past their due day, in the day rows' groups. Whether an open follow-up is late changes with the date,
    /// which the day rows cannot hold, so these few are read from the applications: all of them the caller sees, by the partial
    /// index that holds only the open ones, then narrowed to the query's area, item, level and period here by the same
    /// conditions as the day rows. Narrowed in SQL, PostgreSQL's generic plan of the prepared statement took the item's or the
    /// area's index instead, and read a whole year of applications.
    /// </summary>
    private async Task<IEnumerable<MeasureCell>> PastDueFollowUpsAsync(AnalyticsQuery query, string area, AnalyticsBreakdown? by, int split,
        DateOnly today, CancellationToken cancellationToken)
    {
        var open = await db.Set<ServiceApplication>().AsNoTracking()
            .Where(a => a.FollowUpDue != null && a.FollowUpOnTime == null && a.FollowUpDue < today)
            .Select(a => new { a.ItemCode, a.JurisdictionCode, a.SubmittedAt, a.Level, a.ItemVersion })
            .ToListAsync(cancellationToken);
        var group = DayGroupOf(by).Compile();
        var rows = open.Select(a => new ServiceMeasureDay
        {
            ItemCode = a.ItemCode,
            DistrictCode = a.JurisdictionCode[..Math.Min(6, a.JurisdictionCode.Length)],
            Day = ServiceDays.Today(calendar, a.SubmittedAt),
            Level = a.Level,
            ItemVersion = a.ItemVersion,
        });
        return DaysOf(rows.AsQueryable(), query, area).AsEnumerable().GroupBy(d => (Group: group(d), After: d.ItemVersion >= split))
            .Select(g => new MeasureCell { Group = g.Key.Group, After = g.Key.After, FollowUpsDue = g.Count() });
    }

    /// <summary>The day rows of the query's item, area, level and period: the same conditions on the table and on rows in memory.</summary>
    private static IQueryable<ServiceMeasureDay> DaysOf(IQueryable<ServiceMeasureDay> days, AnalyticsQuery query, string area)
    {
        if (!string.IsNullOrEmpty(query.Item))
        {
            days = days.Where(d => d.ItemCode == query.Item);
        }
        if (area != JurisdictionCode.City)
        {
            days = days.Where(d => d.DistrictCode == area);
        }
        if (query.Level is { } level)
        {
            days = days.Where(d => d.Level == level);
        }
        if (query.From is { } from)
        {
            days = days.Where(d => d.Day >= from);
        }
        if (query.To is { } to)
        {
            days = days.Where(d => d.Day <= to);
        }
        return days;
    }

    /// <summary>What a day row's breakdown group is: everything, its item, its district (the city's children), or its level.</summary>
    private static Expression<Func<ServiceMeasureDay, string>> DayGroupOf(AnalyticsBreakdown? by) => by switch
    {
        null => _ => Everything,
        AnalyticsBreakdown.Item => d => d.ItemCode,
        AnalyticsBreakdown.Area => d => d.DistrictCode,
        _ => d => d.Level == ServiceLevel.District ? nameof(ServiceLevel.District)
            : d.Level == ServiceLevel.Street ? nameof(ServiceLevel.Street) : nameof(ServiceLevel.Community),
    };

    /// <summary>What an application's breakdown group is: everything, its item, its child area of <paramref name="area"/>, or its level.</summary>
    private static Expression<Func<ServiceApplication, string>> GroupOf(AnalyticsBreakdown? by, string area)
    {
        var length = ChildLength(area);
        return by switch
        {
            null => _ => Everything,
            AnalyticsBreakdown.Item => a => a.ItemCode,
            AnalyticsBreakdown.Area => a => a.JurisdictionCode.Substring(0, length),
            _ => a => a.Level == ServiceLevel.District ? nameof(ServiceLevel.District)
                : a.Level == ServiceLevel.Street ? nameof(ServiceLevel.Street) : nameof(ServiceLevel.Community),
        };
    }

    /// <summary>The grouping key: the breakdown's group, the side of the version split, and the two day counts.</summary>
    private sealed class CellKey
    {
        public string Group { get; init; } = "";

        public bool After { get; init; }

        public int? HandlingDays { get; init; }

        public int PromisedDays { get; init; }
    }

    private static Expression<Func<ServiceApplication, CellKey>> KeyOf(Expression<Func<ServiceApplication, string>> group, int split) =>
        WithGroup<ServiceApplication>(
            (a, g) => new CellKey { Group = g, After = a.ItemVersion >= split, HandlingDays = a.HandlingDays, PromisedDays = a.PromisedDays }, group);

    /// <summary>The key <paramref name="template"/> with the breakdown's <paramref name="group"/> put in for its second parameter.</summary>
    private static Expression<Func<T, CellKey>> WithGroup<T>(Expression<Func<T, string, CellKey>> template, Expression<Func<T, string>> group)
    {
        var row = template.Parameters[0];
        var body = new Substitute(template.Parameters[1], new Substitute(group.Parameters[0], row).Visit(group.Body)).Visit(template.Body);
        return Expression.Lambda<Func<T, CellKey>>(body, row);
    }

    /// <summary>Puts an expression where a parameter stood: the breakdown's group inside the key.</summary>
    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }

    /// <summary>The area asked for (checked against the caller's sight), or the caller's scope.</summary>
    private static string AreaOf(Caller caller, AnalyticsQuery query)
    {
        var centre = query.Centre?.Trim();
        if (string.IsNullOrEmpty(centre))
        {
            return string.IsNullOrEmpty(caller.ScopeCode) ? JurisdictionCode.City : caller.ScopeCode;
        }
        if (!JurisdictionCode.IsWellFormed(centre) || !caller.CanSee(centre))
        {
            throw new RecordNotFoundException();
        }
        return centre;
    }

    /// <summary>How long the codes of an area's children are: districts of the city, streets of a district, communities of a street.</summary>
    private static int ChildLength(string area) => area == JurisdictionCode.City ? 6 : Math.Min(area.Length + 3, 12);

    private async Task<Dictionary<string, string>> AreaNamesAsync(string area, CancellationToken cancellationToken)
    {
        var names = (await jurisdictions.GetChildrenAsync(area, cancellationToken)).ToDictionary(n => n.Code, n => n.Name, StringComparer.Ordinal);
        if (await jurisdictions.GetAsync(area, cancellationToken) is { } self)
        {
            // Applications at a street's own centre group under the street when its communities are the children.
            names[self.Code] = self.Name;
        }
        return names;
    }

    private DateTimeOffset LocalMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A day as the query string spells it (yyyy-MM-dd), or null.</summary>
    public static DateOnly? Day(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw FieldValidationException.Field(field, ServicesText.Get("Analytics.BadDay"));

    /// <summary>The query the parameters spell; a bad day or level is a 400 naming it.</summary>
    public static AnalyticsQuery Query(string? item, string? centre, string? from, string? to, string? level) =>
        new(string.IsNullOrWhiteSpace(item) ? null : item.Trim(), string.IsNullOrWhiteSpace(centre) ? null : centre.Trim(),
            ProcessAnalytics.Day(from, "from"), ProcessAnalytics.Day(to, "to"),
            string.IsNullOrWhiteSpace(level) ? null
            : Enum.TryParse<ServiceLevel>(level.Trim(), true, out var l) && Enum.IsDefined(l) && !int.TryParse(level, out _) ? l
            : throw FieldValidationException.Field("level", ServicesText.Get("Analytics.BadLevel")));

    /// <summary>item, area, level or department (any case); null for anything else.</summary>
    public static AnalyticsBreakdown? Breakdown(string? by) =>
        Enum.TryParse<AnalyticsBreakdown>(by?.Trim(), true, out var b) && Enum.IsDefined(b) && !int.TryParse(by, out _) ? b : null;
}
