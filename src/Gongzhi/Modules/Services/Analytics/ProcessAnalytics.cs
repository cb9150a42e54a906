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

/// <summary>How a breakdown groups the applications: by item, by the child areas of the centre, or by the items' level.</summary>
public enum AnalyticsBreakdown
{
    Item,
    Area,
    Level,
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
        ProcessMeasures.OfCells(await CellsAsync(caller, query, _ => Everything, int.MaxValue, cancellationToken));

    public async Task<BeforeAfter> CompareAsync(Caller caller, string code, int version, AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var item = await db.Set<ServiceItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken)
            ?? throw new RecordNotFoundException(ServicesText.Get("Item.NotFound"));
        var change = await db.Set<ServiceItemVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == item.Id && v.Number == version, cancellationToken);
        var cells = await CellsAsync(caller, query with { Item = code }, _ => Everything, version, cancellationToken);
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
        var length = ChildLength(area);
        Expression<Func<ServiceApplication, string>> group = by switch
        {
            AnalyticsBreakdown.Item => a => a.ItemCode,
            AnalyticsBreakdown.Area => a => a.JurisdictionCode.Substring(0, length),
            _ => a => a.Level == ServiceLevel.District ? nameof(ServiceLevel.District)
                : a.Level == ServiceLevel.Street ? nameof(ServiceLevel.Street) : nameof(ServiceLevel.Community),
        };
        var groups = (await CellsAsync(caller, query, group, int.MaxValue, cancellationToken)).GroupBy(c => c.Group)
            .Select(g => (g.Key, Measures: ProcessMeasures.OfCells(g.ToList()))).ToList();
        switch (by)
        {
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
        var prefix = JurisdictionCode.QueryPrefix(area);
        var today = ServiceDays.Today(calendar, clock.GetUtcNow());
        db.Caller = caller;
        var rows = await db.Set<ServiceApplication>().AsNoTracking()
            .Where(a => a.JurisdictionCode.StartsWith(prefix)
                && (a.State == ApplicationState.Submitted || a.State == ApplicationState.Accepted || a.State == ApplicationState.AwaitingMaterials))
            .GroupBy(a => a.JurisdictionCode.Substring(0, length))
            .Select(g => new { g.Key, Open = g.Count(), Overdue = g.Sum(a => a.State == ApplicationState.Accepted && a.DueDate < today ? 1 : 0) })
            .ToListAsync(cancellationToken);
        var names = await AreaNamesAsync(area, cancellationToken);
        return rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new CentreBacklog(r.Key, names.GetValueOrDefault(r.Key) ?? r.Key, r.Open, r.Overdue)).ToList();
    }

    /// <summary>
    /// The one grouped read: per group, version side and pair of handling and promised days, the counts every measure is
    /// made of. <paramref name="split"/> is the version from which an application counts as "after".
    /// </summary>
    private async Task<List<MeasureCell>> CellsAsync(Caller caller, AnalyticsQuery query, Expression<Func<ServiceApplication, string>> group, int split,
        CancellationToken cancellationToken)
    {
        var area = AreaOf(caller, query);
        if (query.From is { } f && query.To is { } t && t < f)
        {
            throw FieldValidationException.Field("to", ServicesText.Get("Analytics.BadPeriod"));
        }
        db.Caller = caller;
        var applications = db.Set<ServiceApplication>().AsNoTracking();
        if (!string.IsNullOrEmpty(query.Item))
        {
            applications = applications.Where(a => a.ItemCode == query.Item);
        }
        if (!string.IsNullOrEmpty(query.Centre?.Trim()))
        {
            var prefix = JurisdictionCode.QueryPrefix(area);
            applications = applications.Where(a => a.JurisdictionCode.StartsWith(prefix));
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
        var today = ServiceDays.Today(calendar, clock.GetUtcNow());
        return await applications.GroupBy(KeyOf(group, split))
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

    /// <summary>The grouping key: the breakdown's group, the side of the version split, and the two day counts.</summary>
    private sealed class CellKey
    {
        public string Group { get; init; } = "";

        public bool After { get; init; }

        public int? HandlingDays { get; init; }

        public int PromisedDays { get; init; }
    }

    private static Expression<Func<ServiceApplication, CellKey>> KeyOf(Expression<Func<ServiceApplication, string>> group, int split)
    {
        Expression<Func<ServiceApplication, string, CellKey>> template = (a, g) => new CellKey
        {
            Group = g,
            After = a.ItemVersion >= split,
            HandlingDays = a.HandlingDays,
            PromisedDays = a.PromisedDays,
        };
        var application = template.Parameters[0];
        var body = new Substitute(template.Parameters[1], new Substitute(group.Parameters[0], application).Visit(group.Body)).Visit(template.Body);
        return Expression.Lambda<Func<ServiceApplication, CellKey>>(body, application);
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

    /// <summary>item, area or level (any case); null for anything else.</summary>
    public static AnalyticsBreakdown? Breakdown(string? by) =>
        Enum.TryParse<AnalyticsBreakdown>(by?.Trim(), true, out var b) && Enum.IsDefined(b) && !int.TryParse(by, out _) ? b : null;
}
