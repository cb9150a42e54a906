using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Services.QueueApiTests;

namespace Gongzhi.Tests.Services;

/// <summary>
/// 催办 and 督办 of the service centre: a reminder the day before the promised limit, an overdue notice after it, a late
/// bad-rating follow-up reported; each once, however often the scan runs. An instance of its own: the scans run at days
/// ahead and would notify other tests' staff of their applications.
/// </summary>
public sealed class ApplicationDeadlineTests
{
    private const string Applications = "/api/v1/services/applications";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BeforeTheLimit_StaffAreReminded_AfterIt_StaffAndAdministratorsAreTold_ALateFollowUpToo_EachOnce()
    {
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        using var clerk = await app.ClientForAsync("street.420103001");
        using var resident = await app.ClientForAsync("resident1");
        var scans = app.Services.GetRequiredService<ApplicationDeadlines>();
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();

        var applied = await ReadAsync<ApplicationResponse>(await resident.PostAsJsonAsync(Applications, new
        {
            itemCode = "MZ-LS-01", jurisdictionCode = "420103001", applicant = new { name = "张三", idNumber = "420103198003151234", phone = "13800001234" },
        }, Json, Cancel), HttpStatusCode.Created);
        var accepted = await ActAsync(clerk, applied.Id, "accept");
        var due = accepted.DueDate!.Value;
        var link = $"/services/applications/{applied.Id}";

        // The working day before the limit, then the limit's own morning: one reminder, to the centre's staff.
        // Two working days before: not yet.
        await scans.RunOnceAsync(MorningOf(calendar, WorkingDayBefore(calendar, WorkingDayBefore(calendar, due))), Cancel);
        Assert.Empty(await NoticesAsync(app, link, ApplicationDeadlines.ReminderNotification));
        await scans.RunOnceAsync(MorningOf(calendar, WorkingDayBefore(calendar, due)), Cancel);
        await scans.RunOnceAsync(MorningOf(calendar, due), Cancel);
        var reminders = await NoticesAsync(app, link, ApplicationDeadlines.ReminderNotification);
        Assert.Equal(["street.420103001"], reminders);

        // Three days after: the overdue notice reaches the staff and the administrators over the centre, once.
        var late = MorningOf(calendar, due.AddDays(3));
        await scans.RunOnceAsync(late, Cancel);
        await scans.RunOnceAsync(late, Cancel);
        var overdue = await NoticesAsync(app, link, ApplicationDeadlines.OverdueNotification);
        Assert.Contains("street.420103001", overdue);
        Assert.Contains("admin", overdue);
        Assert.Equal(overdue.Distinct().Count(), overdue.Count);
        Assert.Single(await NoticesAsync(app, link, ApplicationDeadlines.ReminderNotification));

        // Decided and rated 1: the follow-up not closed by its day is reported after it.
        await ActAsync(clerk, applied.Id, "approve");
        var rated = await ReadAsync<ApplicationResponse>(await resident.PostAsJsonAsync($"{Applications}/{applied.Id}/evaluation",
            new { level = 1, comment = "跑了三趟" }, Json, Cancel), HttpStatusCode.OK);
        var followUpDue = rated.FollowUpDue!.Value;
        await scans.RunOnceAsync(MorningOf(calendar, followUpDue), Cancel);
        Assert.Empty(await NoticesAsync(app, link, ApplicationDeadlines.FollowUpLateNotification));
        await scans.RunOnceAsync(MorningOf(calendar, followUpDue.AddDays(2)), Cancel);
        await scans.RunOnceAsync(MorningOf(calendar, followUpDue.AddDays(2)), Cancel);
        Assert.Contains("street.420103001", await NoticesAsync(app, link, ApplicationDeadlines.FollowUpLateNotification));
        Assert.Single(await NoticesAsync(app, link, ApplicationDeadlines.FollowUpLateNotification), n => n == "street.420103001");
    }

    private static DateOnly WorkingDayBefore(WorkingCalendar calendar, DateOnly day)
    {
        do
        {
            day = day.AddDays(-1);
        }
        while (!calendar.IsWorkingDay(day));
        return day;
    }

    private static DateTimeOffset MorningOf(WorkingCalendar calendar, DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(9, 0));
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }

    /// <summary>The user names the notices of the kind about the application went to.</summary>
    private static Task<List<string>> NoticesAsync(GongzhiApp app, string link, string kind) =>
        app.WithDbAsync(db => db.Set<Notification>().Where(n => n.Link == link && n.Kind == kind)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => u.UserName!).ToListAsync(Cancel));

    private static async Task<ApplicationResponse> ActAsync(HttpClient client, Guid id, string action, object? body = null) =>
        await ReadAsync<ApplicationResponse>(await client.PostAsJsonAsync($"{Applications}/{id}/{action}", body ?? new { }, Json, Cancel), HttpStatusCode.OK);
}
