using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>Reads applications as the caller may see them: a centre's queue for its staff, their own for a resident.</summary>
public sealed class ApplicationQueries(GongzhiDbContext db, WorkingCalendar calendar, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// How far a list's total is counted. A street's year is tens of thousands of applications; counting them all for "共 N 件"
    /// took most of the queue's time at a city's size, and past this nobody pages to the end.
    /// </summary>
    public const int TotalCap = 10_000;

    public DateOnly Today => ServiceDays.Today(calendar, clock.GetUtcNow());

    public async Task<ApplicationResponse?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var application = await Visible(caller).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return application is not null && ApplicationRules.Instance.CanSee(caller, application)
            ? ApplicationResponse.From(application, ApplicationRules.IsApplicant(caller, application), Today)
            : null;
    }

    /// <summary>Newest first; <paramref name="overdue"/> keeps the running applications past their due date.</summary>
    public async Task<ApplicationPage> ListAsync(Caller caller, ApplicationState? state, bool overdue, string? scope, int page, int size,
        CancellationToken cancellationToken)
    {
        var query = Visible(caller);
        if (state is { } s)
        {
            query = query.Where(a => a.State == s);
        }
        var today = Today;
        if (overdue)
        {
            query = query.Where(a => a.State == ApplicationState.Accepted && a.DueDate < today);
        }
        // The staff's own scope unless they narrow it: spelled as a range, the index finds the centre's applications, where the
        // scope filter alone leaves PostgreSQL reading every application of the city.
        var area = !string.IsNullOrWhiteSpace(scope) && JurisdictionCode.IsWellFormed(scope) ? scope
            : ApplicationRules.IsCentreStaff(caller) && JurisdictionCode.IsWellFormed(caller.ScopeCode) ? caller.ScopeCode
            : null;
        if (area is not null)
        {
            var (from, before) = JurisdictionCode.QueryRange(area);
            query = query.Where(a => string.Compare(a.JurisdictionCode, from) >= 0 && string.Compare(a.JurisdictionCode, before) < 0);
        }
        size = Math.Clamp(size, 1, MaxPageSize);
        page = Math.Max(page, 1);
        var total = await query.Take(TotalCap + 1).CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.SubmittedAt).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new ApplicationPage(rows.Select(a => ApplicationResponse.From(a, ApplicationRules.IsApplicant(caller, a), today)).ToList(),
            Math.Min(total, TotalCap), total > TotalCap);
    }

    private IQueryable<ServiceApplication> Visible(Caller caller)
    {
        var set = db.Set<ServiceApplication>().AsNoTracking();
        if (ApplicationRules.IsCentreStaff(caller))
        {
            // The scope filter keeps the staff inside their jurisdiction; community staff work community items only.
            return caller.IsAdmin || caller.IsInRole(Roles.StreetStaff)
                ? set
                : set.Where(a => a.Level == Catalogue.ServiceLevel.Community);
        }
        var me = caller.UserId ?? "-";
        // A resident's own applications lie at their street's centre, outside their scope: the applicant is the rule here.
        return set.IgnoreQueryFilters().Where(a => a.ApplicantUserId == me);
    }
}
