using System.Globalization;
using Gongzhi.Components.Kit;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Conferences.Meetings;

/// <summary>The <c>Conferences</c> settings of the reminder service.</summary>
public sealed class ConferenceReminderOptions
{
    public const string Section = "Conferences";

    /// <summary>Seconds between scans; zero or less turns the timer off (tests call <see cref="ConferenceReminderMonitor.RunOnceAsync"/>).</summary>
    public int ReminderScanSeconds { get; set; } = 60;

    /// <summary>How long before a task's or directive's deadline its owners are reminded.</summary>
    public int DeadlineLeadHours { get; set; } = 72;

    /// <summary>How long before a meeting its invitees are reminded.</summary>
    public int MeetingLeadHours { get; set; } = 24;
}

public enum ConferenceNoticeKind
{
    TaskDueSoon = 0,
    TaskOverdue = 1,
    DirectiveDueSoon = 2,
    MeetingSoon = 3,
}

/// <summary>
/// A reminder the service has sent: the unique (kind, subject, due) key is the exactly-once guard, as for case
/// deadlines. A node that loses the race fails its insert and its notifications roll back with it; a restart
/// finds the row and sends nothing again. A moved deadline or meeting is a new due time and gets its own reminder.
/// </summary>
public sealed class ConferenceNotice
{
    private ConferenceNotice()
    {
    }

    public long Id { get; private set; }

    public ConferenceNoticeKind Kind { get; private set; }

    public Guid SubjectId { get; private set; }

    public DateTimeOffset Due { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public static ConferenceNotice For(ConferenceNoticeKind kind, Guid subject, DateTimeOffset due, string jurisdictionCode, DateTimeOffset now) =>
        new() { Kind = kind, SubjectId = subject, Due = due, SentAt = now, JurisdictionCode = jurisdictionCode };
}

internal sealed class ConferenceNoticeConfiguration : IEntityTypeConfiguration<ConferenceNotice>
{
    public void Configure(EntityTypeBuilder<ConferenceNotice> builder)
    {
        builder.ToTable("conference_notices");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(n => n.JurisdictionCode).HasMaxLength(15);
        builder.HasIndex(n => new { n.Kind, n.SubjectId, n.Due }).IsUnique();
    }
}

public sealed record ConferenceReminderScan(int TasksDueSoon, int TasksOverdue, int DirectivesDueSoon, int MeetingsSoon);

/// <summary>
/// Reminds task owners before the deadline and once it has passed, the nodes of a directive before its deadline,
/// and the units invited to a meeting before it starts. Claims each reminder like <see cref="DeadlineMonitor"/>:
/// one scope and one transaction per reminder, its <see cref="ConferenceNotice"/> row saved with its notifications.
/// </summary>
public sealed class ConferenceReminderMonitor(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ShownTime shown,
    IOptions<ConferenceReminderOptions> options,
    ILogger<ConferenceReminderMonitor> logger) : BackgroundService
{
    public const string TaskReminderNotification = "conference.task.reminder";
    public const string TaskOverdueNotification = "conference.task.overdue";
    public const string DirectiveReminderNotification = "conference.directive.reminder";
    public const string MeetingReminderNotification = "conference.meeting.reminder";

    private const int BatchSize = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(TimeSpan.FromSeconds(options.Value.ReminderScanSeconds), clock, logger, "The joint-conference reminder scan",
            RunOnceAsync, stoppingToken);

    public async Task<ConferenceReminderScan> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var lead = TimeSpan.FromHours(options.Value.DeadlineLeadHours);
        var meetingLead = TimeSpan.FromHours(options.Value.MeetingLeadHours);
        List<(Guid Id, DateTimeOffset Deadline)> tasks;
        List<(Guid Id, DateTimeOffset Deadline)> assignments;
        List<(Guid Id, DateTimeOffset At)> meetings;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = SystemDb(scope);
            var horizon = now + lead;
            var all = db.Set<ConferenceTask>();
            tasks = (await all.AsNoTracking()
                .Where(t => !t.Accepted && t.ProgressPercent < 100m && t.Deadline <= horizon && !all.Any(c => c.ParentTaskId == t.Id))
                .OrderBy(t => t.Deadline).Select(t => new { t.Id, t.Deadline }).Take(BatchSize).ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.Deadline)).ToList();
            assignments = (await db.Set<DirectiveAssignment>().AsNoTracking()
                .Where(a => a.Execution != ExecutionStatus.Done && a.Deadline > now && a.Deadline <= horizon)
                .OrderBy(a => a.Deadline).Select(a => new { a.Id, a.Deadline }).Take(BatchSize).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.Deadline)).ToList();
            var meetingHorizon = now + meetingLead;
            meetings = (await db.Set<Meeting>().AsNoTracking()
                .Where(m => m.State == MeetingState.Planned && m.ScheduledAt > now && m.ScheduledAt <= meetingHorizon)
                .OrderBy(m => m.ScheduledAt).Select(m => new { m.Id, m.ScheduledAt }).Take(BatchSize).ToListAsync(cancellationToken))
                .Select(m => (m.Id, m.ScheduledAt)).ToList();
        }
        int dueSoon = 0, overdue = 0, directives = 0, upcoming = 0;
        foreach (var (id, deadline) in tasks)
        {
            var kind = deadline <= now ? ConferenceNoticeKind.TaskOverdue : ConferenceNoticeKind.TaskDueSoon;
            if (await ClaimAsync(kind, id, deadline, now, cancellationToken))
            {
                _ = kind == ConferenceNoticeKind.TaskOverdue ? overdue++ : dueSoon++;
            }
        }
        foreach (var (id, deadline) in assignments)
        {
            if (await ClaimAsync(ConferenceNoticeKind.DirectiveDueSoon, id, deadline, now, cancellationToken))
            {
                directives++;
            }
        }
        foreach (var (id, at) in meetings)
        {
            if (await ClaimAsync(ConferenceNoticeKind.MeetingSoon, id, at, now, cancellationToken))
            {
                upcoming++;
            }
        }
        if (dueSoon + overdue + directives + upcoming > 0)
        {
            logger.LogInformation("Conference reminders: {DueSoon} tasks due soon, {Overdue} overdue, {Directives} directives, {Meetings} meetings",
                dueSoon, overdue, directives, upcoming);
        }
        return new ConferenceReminderScan(dueSoon, overdue, directives, upcoming);
    }

    private async Task<bool> ClaimAsync(ConferenceNoticeKind kind, Guid subject, DateTimeOffset due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A scope per claim: a lost claim leaves unsent notifications in its Notifier, which must not ride on a later save.
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        if (await db.Set<ConferenceNotice>().AnyAsync(n => n.Kind == kind && n.SubjectId == subject && n.Due == due, cancellationToken))
        {
            return false;
        }
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        string? node;
        switch (kind)
        {
            case ConferenceNoticeKind.TaskDueSoon or ConferenceNoticeKind.TaskOverdue:
                var task = await db.Set<ConferenceTask>().AsNoTracking().FirstAsync(t => t.Id == subject, cancellationToken);
                node = task.JurisdictionCode;
                var owners = task.OwnerOrganisationId is { } org
                    ? await ConferenceRecipients.StaffOfAsync(db, [org], cancellationToken)
                    : await ConferenceRecipients.RunnersOfAsync(db, task.JurisdictionCode, cancellationToken);
                notifier.Notify(owners, kind == ConferenceNoticeKind.TaskOverdue ? TaskOverdueNotification : TaskReminderNotification,
                    kind == ConferenceNoticeKind.TaskOverdue
                        ? ConferencesText.Format("Reminder.TaskOverdue", task.Title)
                        : ConferencesText.Format("Reminder.TaskDueSoon", task.Title),
                    ConferencesText.Format("Reminder.TaskBody", shown.Text(task.Deadline), task.ProgressPercent.ToString("0.##", CultureInfo.InvariantCulture)), $"/conferences/resolutions/{task.ResolutionId}",
                    outboundToo: kind == ConferenceNoticeKind.TaskOverdue);
                break;
            case ConferenceNoticeKind.DirectiveDueSoon:
                var assignment = await db.Set<DirectiveAssignment>().AsNoTracking().FirstAsync(a => a.Id == subject, cancellationToken);
                var directive = await db.Set<Directive>().AsNoTracking().FirstAsync(d => d.Id == assignment.DirectiveId, cancellationToken);
                node = assignment.JurisdictionCode;
                notifier.Notify(await ConferenceRecipients.RunnersOfAsync(db, assignment.JurisdictionCode, cancellationToken), DirectiveReminderNotification,
                    ConferencesText.Format("Reminder.Directive", directive.Title),
                    ConferencesText.Format("Reminder.DirectiveBody", shown.Text(assignment.Deadline)), $"/conferences/directives/{directive.Id}", outboundToo: true);
                break;
            default:
                var meeting = await db.Set<Meeting>().AsNoTracking().FirstAsync(m => m.Id == subject, cancellationToken);
                node = meeting.JurisdictionCode;
                var invited = await db.Set<MeetingInvitation>().Where(i => i.MeetingId == subject).Select(i => i.OrganisationId).ToListAsync(cancellationToken);
                notifier.Notify(await ConferenceRecipients.StaffOfAsync(db, invited, cancellationToken), MeetingReminderNotification,
                    ConferencesText.Format("Reminder.Meeting", meeting.Title), $"{shown.Text(meeting.ScheduledAt)}　{meeting.Place}",
                    $"/conferences/meetings/{meeting.Id}");
                break;
        }
        db.Add(ConferenceNotice.For(kind, subject, due, node, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another node sent it first; our notifications went with the failed insert.
            return false;
        }
    }

    private static GongzhiDbContext SystemDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }
}
