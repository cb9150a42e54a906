using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Reminders;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Notifications;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static Gongzhi.Tests.Cases.Deadlines.DueCases;

namespace Gongzhi.Tests.Cases.Deadlines;

/// <summary>
/// The deadline service on instances of its own (a scan touches every case of its database), with a fake
/// clock: overdue marks and reminders fire once per deadline, across runs, restarts and concurrent nodes.
/// </summary>
public sealed class DeadlineMonitorTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeadlinePassed_MarksOverdueOnce_NotifiesEachRecipientOnce_AndNeverAgainAfterARestart()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var database = await TestDatabase.CreateAsync();
        var outbound = new RecordingOutbound();
        Guid id;
        await using (var first = await StartAsync(database, clock, outbound))
        {
            var c = await AcceptedAsync(first, clock.GetUtcNow(), Monday.AddHours(2), Cancel);
            id = c.Id;
            var monitor = first.Services.GetRequiredService<DeadlineMonitor>();

            Assert.Equal(0, (await monitor.RunOnceAsync(clock.GetUtcNow(), Cancel)).MarkedOverdue);
            Assert.Empty(await TimelineAsync(first, id, CaseActions.Overdue));

            clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(1, (await monitor.RunOnceAsync(clock.GetUtcNow(), Cancel)).MarkedOverdue);
            Assert.Equal(0, (await monitor.RunOnceAsync(clock.GetUtcNow(), Cancel)).MarkedOverdue);
            clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(0, (await monitor.RunOnceAsync(clock.GetUtcNow(), Cancel)).MarkedOverdue);

            var marked = await first.WithDbAsync(db => db.Set<Case>().SingleAsync(x => x.Id == id, Cancel));
            Assert.True(marked.Overdue);
            Assert.Equal(Monday.AddHours(2), marked.OverdueMarkedAt);
            Assert.Single(await TimelineAsync(first, id, CaseActions.Overdue));
            var notices = await NotificationsAsync(first, id, DeadlineMonitor.OverdueNotification);
            var expected = new[] { await UserIdAsync(first, "street.420103001"), await UserIdAsync(first, "dept.420103.cgj") }.Order();
            Assert.Equal(expected, notices.Select(n => n.RecipientUserId).Order());
            Assert.All(notices, n => Assert.Contains("督办", n.Title, StringComparison.Ordinal));
            await WaitForAsync(() => outbound.Sent.Count >= 2);
        }

        // A restart: a new instance on the same database, later the same day.
        clock.Advance(TimeSpan.FromHours(1));
        await using (var second = await StartAsync(database, clock, outbound))
        {
            var scan = await second.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(clock.GetUtcNow(), Cancel);
            Assert.Equal(new DeadlineScan(0, 0, 0), scan);
            Assert.Single(await TimelineAsync(second, id, CaseActions.Overdue));
            Assert.Equal(2, (await NotificationsAsync(second, id, DeadlineMonitor.OverdueNotification)).Count);
        }
        Assert.Equal(2, outbound.Sent.Count);
    }

    [Fact]
    public async Task Reminder_FiresOnceAtFourFifthsOfTheStepsWorkingTime_ToTheLeadOrganisation()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var app = await StartAsync(null, clock, null);
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var hours = await app.WithDbAsync(async db =>
            (await db.Set<CaseCategory>().SingleAsync(c => c.Code == "0101", Cancel)).Limits.WorkingHours(CaseStep.Resolve, CaseUrgency.Normal));
        var c = await AcceptedAsync(app, Monday, calendar.AddWorkingHours(Monday, hours), Cancel);
        var monitor = app.Services.GetRequiredService<DeadlineMonitor>();

        var justBefore = calendar.AddWorkingHours(Monday, hours * 0.8 - 0.25);
        Assert.Equal(0, (await monitor.RunOnceAsync(justBefore, Cancel)).Reminded);

        var fourFifths = calendar.AddWorkingHours(Monday, hours * 0.8);
        Assert.Equal(1, (await monitor.RunOnceAsync(fourFifths, Cancel)).Reminded);
        Assert.Equal(0, (await monitor.RunOnceAsync(fourFifths.AddMinutes(10), Cancel)).Reminded);

        var reminders = await NotificationsAsync(app, c.Id, DeadlineMonitor.ReminderNotification);
        Assert.Equal(await UserIdAsync(app, "dept.420103.cgj"), Assert.Single(reminders).RecipientUserId);
        Assert.Contains("催办", reminders[0].Title, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<DeadlineNotice>().CountAsync(n => n.CaseId == c.Id, Cancel)));
        Assert.Empty(await TimelineAsync(app, c.Id, CaseActions.Overdue));
    }

    [Fact]
    public async Task Reminders_PastPagesOfCasesAlreadyReminded_AreFound_ABatchAScan()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var app = await StartAsync(null, clock, null, batch: 4);
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var hours = await app.WithDbAsync(async db =>
            (await db.Set<CaseCategory>().SingleAsync(c => c.Code == "0101", Cancel)).Limits.WorkingHours(CaseStep.Resolve, CaseUrgency.Normal));
        var now = Monday.AddHours(2);
        var lead = hours * 0.2;
        // Six cases sharing one deadline (the pages part them by reference), inside the reminder's lead.
        var first = await AcceptedManyAsync(app, 6, Monday, calendar.AddWorkingHours(now, lead / 3), Cancel);
        var monitor = app.Services.GetRequiredService<DeadlineMonitor>();

        Assert.Equal(4, (await monitor.RunOnceAsync(now, Cancel)).Reminded);
        Assert.Equal(2, (await monitor.RunOnceAsync(now, Cancel)).Reminded);
        Assert.Equal(0, (await monitor.RunOnceAsync(now, Cancel)).Reminded);

        // Three more, due later than the six: a scan reads past two pages of reminded cases to reach them.
        var later = await AcceptedManyAsync(app, 3, Monday, calendar.AddWorkingHours(now, lead * 2 / 3), Cancel);
        Assert.Equal(3, (await monitor.RunOnceAsync(now, Cancel)).Reminded);
        Assert.Equal(0, (await monitor.RunOnceAsync(now.AddMinutes(1), Cancel)).Reminded);

        var ids = first.Concat(later).Select(c => c.Id).ToList();
        var notices = await app.WithDbAsync(db => db.Set<DeadlineNotice>().Where(n => ids.Contains(n.CaseId)).Select(n => n.CaseId).ToListAsync(Cancel));
        Assert.Equal(ids.Order(), notices.Order());
    }

    [Fact]
    public async Task Reminder_ForALaterDeadline_IsNotKeptWaiting_ByEarlierDeadlinesNotYetDue()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var app = await StartAsync(null, clock, null, batch: 4);
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var limits = await app.WithDbAsync(async db => (await db.Set<CaseCategory>().SingleAsync(c => c.Code == "0101", Cancel)).Limits);
        var (criticalLead, normalLead) = (limits.WorkingHours(CaseStep.Resolve, CaseUrgency.Critical) * 0.2, limits.WorkingHours(CaseStep.Resolve, CaseUrgency.Normal) * 0.2);
        Assert.True(criticalLead * 1.5 < normalLead * 0.9, "the category's critical and normal limits are too close for this test");
        // Five critical cases, due in half again their reminder's lead: near, but not yet due. One normal case, due later
        // than they are but already inside its own, longer lead.
        await AcceptedManyAsync(app, 5, Monday, calendar.AddWorkingHours(Monday, criticalLead * 1.5), Cancel, CaseUrgency.Critical);
        var normal = await AcceptedAsync(app, Monday, calendar.AddWorkingHours(Monday, normalLead * 0.9), Cancel);

        Assert.Equal(1, (await app.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(Monday, Cancel)).Reminded);
        Assert.Single(await NotificationsAsync(app, normal.Id, DeadlineMonitor.ReminderNotification));
    }

    [Fact]
    public async Task Timer_ScansByItselfAsTheClockMoves()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var app = await StartAsync(null, clock, null, scanSeconds: 30);
        var c = await AcceptedAsync(app, Monday, Monday.AddHours(1), Cancel);

        clock.Advance(TimeSpan.FromHours(1));
        await WaitForAsync(async () =>
        {
            // Each tick of the fake clock lets the timer run once more.
            clock.Advance(TimeSpan.FromSeconds(30));
            return (await TimelineAsync(app, c.Id, CaseActions.Overdue)).Count > 0;
        });
        Assert.Single(await TimelineAsync(app, c.Id, CaseActions.Overdue));
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgres_ClaimEachDeadlineExactlyOnce()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres,
            "Several application nodes share only PostgreSQL (DESIGN.md, scale-out); SQLite is the single-node embedded store, "
            + "where one writer at a time makes the race this test is about impossible. ./test.sh runs it on PostgreSQL.");
        var clock = new FakeTimeProvider(Monday);
        await using var database = await TestDatabase.CreateAsync();
        var outbound = new RecordingOutbound();
        await using var a = await StartAsync(database, clock, outbound);
        await using var b = await StartAsync(database, clock, outbound);
        var calendar = a.Services.GetRequiredService<WorkingCalendar>();
        var hours = await a.WithDbAsync(async db =>
            (await db.Set<CaseCategory>().SingleAsync(c => c.Code == "0101", Cancel)).Limits.WorkingHours(CaseStep.Resolve, CaseUrgency.Normal));
        var overdue = await AcceptedManyAsync(a, 60, Monday, Monday.AddHours(1), Cancel);
        // Due for a 催办 two hours in: one working hour is left of their step.
        var nearlyDue = await AcceptedManyAsync(b, 30, Monday, calendar.AddWorkingHours(Monday.AddHours(2), Math.Min(1, hours * 0.2)), Cancel);

        var now = Monday.AddHours(2);
        var scans = await Task.WhenAll(
            Task.Run(() => a.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(now, Cancel), Cancel),
            Task.Run(() => b.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(now, Cancel), Cancel));

        Assert.Equal(overdue.Count, scans.Sum(s => s.MarkedOverdue));
        Assert.Equal(nearlyDue.Count, scans.Sum(s => s.Reminded));
        var overdueIds = overdue.Select(c => c.Id).ToList();
        var lines = await a.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.Action == CaseActions.Overdue && overdueIds.Contains(e.CaseId))
            .GroupBy(e => e.CaseId).Select(g => g.Count()).ToListAsync(Cancel));
        Assert.Equal(overdue.Count, lines.Count);
        Assert.All(lines, count => Assert.Equal(1, count));

        var notifications = await a.WithDbAsync(db => db.Set<Notification>()
            .Where(n => n.Kind == DeadlineMonitor.OverdueNotification || n.Kind == DeadlineMonitor.ReminderNotification)
            .Select(n => new { n.Kind, n.Link, n.RecipientUserId }).ToListAsync(Cancel));
        // Two recipients per overdue case (the street's dispatcher and the department), one per reminder (the department).
        Assert.Equal(overdue.Count * 2, notifications.Count(n => n.Kind == DeadlineMonitor.OverdueNotification));
        Assert.Equal(nearlyDue.Count, notifications.Count(n => n.Kind == DeadlineMonitor.ReminderNotification));
        Assert.Equal(notifications.Count, notifications.Distinct().Count());
        await WaitForAsync(() => outbound.Sent.Count >= notifications.Count);
        await Task.Delay(200, Cancel);
        Assert.Equal(notifications.Count, outbound.Sent.Count);

        var again = await Task.WhenAll(
            a.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(now.AddMinutes(1), Cancel),
            b.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(now.AddMinutes(1), Cancel));
        Assert.All(again, s => Assert.Equal(new DeadlineScan(0, 0, 0), s));
    }

    internal static async Task<GongzhiApp> StartAsync(TestDatabase? database, TimeProvider clock, IOutboundChannel? outbound, int scanSeconds = 0,
        int? batch = null)
    {
        var app = new GongzhiApp
        {
            SharedDatabase = database,
            Clock = clock,
            TestServices = outbound is null ? null : services =>
            {
                services.RemoveAll<IOutboundChannel>();
                services.AddSingleton(outbound);
            },
        };
        app.Settings["Cases:DeadlineScanSeconds"] = scanSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (batch is { } size)
        {
            app.Settings["Cases:DeadlineScanBatch"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await app.InitializeAsync();
        return app;
    }

    internal static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    internal static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not come true within 20 seconds.");
            await Task.Delay(50, Cancel);
        }
    }
}
