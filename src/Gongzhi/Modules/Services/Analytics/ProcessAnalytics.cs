using System.Globalization;
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
public sealed record AnalyticsQuery(string? Item = null, string? Centre = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Measures of the applications in the caller's scope (the context's filter) by item, centre and period, and the before/after
/// comparison around an item version. Only the columns the measures need are read: no applicant data leaves the table.
/// </summary>
public sealed class ProcessAnalytics(GongzhiDbContext db, WorkingCalendar calendar)
{
    public async Task<ProcessMeasures> MeasureAsync(Caller caller, AnalyticsQuery query, CancellationToken cancellationToken) =>
        ProcessMeasures.Of(await FactsAsync(caller, query, cancellationToken));

    public async Task<BeforeAfter> CompareAsync(Caller caller, string code, int version, AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var item = await db.Set<ServiceItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken)
            ?? throw new RecordNotFoundException(ServicesText.Get("Item.NotFound"));
        var change = await db.Set<ServiceItemVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == item.Id && v.Number == version, cancellationToken);
        var facts = await FactsAsync(caller, query with { Item = code }, cancellationToken);
        return new BeforeAfter(code, version, change?.EffectiveFrom, change?.Reason,
            ProcessMeasures.Of(facts.Where(f => f.ItemVersion < version).ToList()), ProcessMeasures.Of(facts.Where(f => f.ItemVersion >= version).ToList()));
    }

    private async Task<List<ApplicationFact>> FactsAsync(Caller caller, AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var centre = query.Centre?.Trim();
        if (!string.IsNullOrEmpty(centre) && (!JurisdictionCode.IsWellFormed(centre) || !caller.CanSee(centre)))
        {
            throw new RecordNotFoundException();
        }
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
        if (!string.IsNullOrEmpty(centre))
        {
            applications = applications.Where(a => a.JurisdictionCode.StartsWith(centre));
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
        var rows = await applications.Select(a => new
        {
            a.ItemVersion, a.Immediate, a.Channel, a.PromisedDays, a.State, a.AcceptedAt, a.DecidedAt, a.StoppedWorkingDays, a.MaterialRequests, a.Rating,
        }).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var notAccepted = r.State == ApplicationState.NotAccepted;
            int? handling = r.AcceptedAt is { } accepted && r.DecidedAt is { } decided && !notAccepted
                ? Math.Max(0, ServiceDays.WorkingDaysBetween(calendar, ServiceDays.Today(calendar, accepted), ServiceDays.Today(calendar, decided))
                    - r.StoppedWorkingDays)
                : null;
            return new ApplicationFact(r.ItemVersion, r.Immediate, r.Channel == ApplicationChannel.Online, r.PromisedDays, r.AcceptedAt is not null,
                notAccepted, handling, r.MaterialRequests > 0, r.Rating);
        }).ToList();
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
}
