using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>Reads applications as the caller may see them: a centre's queue for its staff, their own for a resident.</summary>
public sealed class ApplicationQueries(GongzhiDbContext db, WorkingCalendar calendar, TimeProvider clock)
{
    public const int MaxPageSize = 100;

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
        if (!string.IsNullOrWhiteSpace(scope) && JurisdictionCode.IsWellFormed(scope))
        {
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(a => a.JurisdictionCode.StartsWith(prefix));
        }
        size = Math.Clamp(size, 1, MaxPageSize);
        page = Math.Max(page, 1);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.SubmittedAt).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new ApplicationPage(rows.Select(a => ApplicationResponse.From(a, ApplicationRules.IsApplicant(caller, a), today)).ToList(), total);
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
