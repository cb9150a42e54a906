using System.Globalization;
using System.Linq.Expressions;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>What one scan sent: reminders before the promised limit, overdue notices, late follow-ups of bad ratings.</summary>
public sealed record ApplicationDeadlineScan(int Reminded, int Overdue, int FollowUpsLate);

/// <summary>
/// The centre's 催办 and 督办, as cases have them: the day before an accepted application's promised limit its centre's
/// staff are reminded; the day after, the staff and the administrators over the centre are told it is overdue; a bad
/// rating's follow-up that passes its day is reported the same way. The clock stands still while materials are awaited,
/// so only accepted applications (whose clock runs) are reminded or reported.
/// <para>
/// Several nodes scan one database, so each notice is claimed before it is written: a conditional update marks the
/// application with the date the notice is for, in the transaction that writes the notifications, and the node whose
/// update touches no row writes nothing. A limit pushed back by a 补正 is a new date, so it is reminded again. The
/// application's own version does not move: a notice is not a change of the application.
/// </para>
/// </summary>
public sealed class ApplicationDeadlines(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    WorkingCalendar calendar,
    IOptions<ServicesOptions> options,
    ILogger<ApplicationDeadlines> logger) : BackgroundService
{
    public const string ReminderNotification = "service.reminder";
    public const string OverdueNotification = "service.overdue";
    public const string FollowUpLateNotification = "service.follow-up-late";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(TimeSpan.FromSeconds(options.Value.DeadlineScanSeconds), clock, logger, "The service deadline scan", RunOnceAsync,
            stoppingToken);

    public async Task<ApplicationDeadlineScan> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var today = ServiceDays.Today(calendar, now);
        var tomorrow = ServiceDays.AddWorkingDays(calendar, today, 1);
        var reminded = await NoticeAsync(
            a => a.State == ApplicationState.Accepted && a.DueDate != null && a.DueDate >= today && a.DueDate <= tomorrow
                && (a.RemindedFor == null || a.RemindedFor != a.DueDate),
            a => a.DueDate!.Value, a => a.RemindedFor, ReminderNotification, "Deadline.Reminder", supervisors: false, cancellationToken);
        var overdue = await NoticeAsync(
            a => a.State == ApplicationState.Accepted && a.DueDate != null && a.DueDate < today
                && (a.OverdueNoticeFor == null || a.OverdueNoticeFor != a.DueDate),
            a => a.DueDate!.Value, a => a.OverdueNoticeFor, OverdueNotification, "Deadline.Overdue", supervisors: true, cancellationToken);
        var late = await NoticeAsync(
            a => a.FollowUpDue != null && a.FollowUpClosedAt == null && a.FollowUpDue < today
                && (a.FollowUpLateFor == null || a.FollowUpLateFor != a.FollowUpDue),
            a => a.FollowUpDue!.Value, a => a.FollowUpLateFor, FollowUpLateNotification, "Deadline.FollowUpLate", supervisors: true, cancellationToken);
        if (reminded + overdue + late > 0)
        {
            logger.LogInformation("Service deadline scan: {Reminded} reminded, {Overdue} overdue, {Late} follow-ups late", reminded, overdue, late);
        }
        return new ApplicationDeadlineScan(reminded, overdue, late);
    }

    private async Task<int> NoticeAsync(Expression<Func<ServiceApplication, bool>> due, Func<ServiceApplication, DateOnly> dateOf,
        Expression<Func<ServiceApplication, DateOnly?>> marker, string kind, string text, bool supervisors, CancellationToken cancellationToken)
    {
        List<ServiceApplication> found;
        await using (var scope = scopes.CreateAsyncScope())
        {
            found = await SystemDb(scope).Set<ServiceApplication>().AsNoTracking().Where(due).OrderBy(a => a.DueDate)
                .Take(options.Value.DeadlineScanBatch).ToListAsync(cancellationToken);
        }
        var sent = 0;
        foreach (var application in found)
        {
            if (await ClaimAsync(application, dateOf(application), marker, kind, text, supervisors, cancellationToken))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> ClaimAsync(ServiceApplication application, DateOnly date, Expression<Func<ServiceApplication, DateOnly?>> marker,
        string kind, string text, bool supervisors, CancellationToken cancellationToken)
    {
        // A scope per claim: a lost claim leaves unsent notifications in its Notifier, which must not ride on a later save.
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = application.Id;
        var claimed = await db.Set<ServiceApplication>()
            .Where(Claimable(id, date, marker))
            .ExecuteUpdateAsync(s => s.SetProperty(marker, date), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
        var recipients = new List<string>();
        recipients.AddRange(await directory.HoldersAsync(db, StaffRoleOf(application.JurisdictionCode), application.JurisdictionCode, cancellationToken));
        if (supervisors)
        {
            recipients.AddRange(await directory.HoldersAsync(db, Roles.Admin, application.JurisdictionCode, cancellationToken));
        }
        scope.ServiceProvider.GetRequiredService<Notifier>().Notify(recipients, kind,
            ServicesText.Format(text + ".Title", application.Reference, application.ItemName),
            ServicesText.Format(text + ".Body", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), $"/services/applications/{application.Id}", outboundToo: supervisors);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The application <paramref name="id"/> while its marker is not yet <paramref name="date"/>: the claim's condition.</summary>
    private static Expression<Func<ServiceApplication, bool>> Claimable(Guid id, DateOnly date, Expression<Func<ServiceApplication, DateOnly?>> marker)
    {
        var a = marker.Parameters[0];
        var notYet = Expression.OrElse(
            Expression.Equal(marker.Body, Expression.Constant(null, typeof(DateOnly?))),
            Expression.NotEqual(marker.Body, Expression.Constant(date, typeof(DateOnly?))));
        var isIt = Expression.Equal(Expression.Property(a, nameof(ServiceApplication.Id)), Expression.Constant(id));
        return Expression.Lambda<Func<ServiceApplication, bool>>(Expression.AndAlso(isIt, notYet), a);
    }

    /// <summary>Who works the centre: street staff at a street's, community staff at a community's.</summary>
    private static string StaffRoleOf(string centre) =>
        JurisdictionCode.LevelOf(centre) == JurisdictionLevel.Community ? Roles.CommunityStaff : Roles.StreetStaff;

    private static GongzhiDbContext SystemDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }
}
