using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Conferences.Feed;
using Gongzhi.Modules.Conferences.Meetings;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Cases.Deadlines;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gongzhi.Tests.Conferences;

public sealed class CadenceRuleTests
{
    [Fact]
    public void MonthlyCadence_FindsTheNthAndTheLastWeekday_AndSkipsThisMonthsOnceItHasPassed()
    {
        var body = ConferenceBody.Create("街道联席会议", "420103001", null, null);
        var cadence = MeetingCadence.For(body);
        cadence.Set(2, DayOfWeek.Thursday, new TimeOnly(9, 30), "会议室", 3);
        // November 2026: Thursdays are the 5th, 12th, 19th, 26th.
        Assert.Equal(new DateTimeOffset(2026, 11, 12, 9, 30, 0, TimeSpan.FromHours(8)), cadence.OccurrenceIn(2026, 11, Zones.Wuhan));
        var after = cadence.Upcoming(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), Zones.Wuhan);
        Assert.Equal([new DateTimeOffset(2026, 12, 10, 9, 30, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2027, 1, 14, 9, 30, 0, TimeSpan.FromHours(8)),
            new DateTimeOffset(2027, 2, 11, 9, 30, 0, TimeSpan.FromHours(8))], after);
        cadence.Set(MeetingCadence.LastWeek, DayOfWeek.Friday, new TimeOnly(15, 0), null, 1);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(8)), cadence.OccurrenceIn(2026, 11, Zones.Wuhan));
        Assert.Throws<Gongzhi.Platform.Problems.RuleViolationException>(() => cadence.Set(0, DayOfWeek.Friday, new TimeOnly(15, 0), null, 1));
    }
}

public sealed class FeedAndInvitationApiTests(GongzhiApp app)
{
    private const string Api = "/api/v1/conferences";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }

    private Task<ConferenceBody> BodyAsync(string code) =>
        app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == code, Cancel));

    [Fact]
    public async Task Feed_IsReadByMembersAndTheLevelsAbove_NotByAnotherStreet()
    {
        using var street = await app.ClientForAsync("street.420103001");
        using var district = await app.ClientForAsync("command.420103");
        using var department = await app.ClientForAsync("dept.420103.cgj");
        using var community = await app.ClientForAsync("community.420103001002");
        using var foreign = await app.ClientForAsync("street.420103002");
        var body = await BodyAsync("420103001");
        var title = "关于开展冬季安全检查的通知" + Guid.NewGuid().ToString("N")[..6];

        var posted = await ReadAsync<FeedItemResponse>(await street.PostAsJsonAsync($"{Api}/bodies/{body.Id}/feed",
            new { kind = "announcement", title, text = "各成员单位于12月10日前完成自查。" }, Json, Cancel), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.BadRequest, (await street.PostAsJsonAsync($"{Api}/bodies/{body.Id}/feed", new { kind = "announcement" }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsJsonAsync($"{Api}/bodies/{body.Id}/feed",
            new { kind = "document", title = "无附件" }, Json, Cancel)).StatusCode);
        // A member unit reads but does not post; the community, a body below, reads as a member.
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsJsonAsync($"{Api}/bodies/{body.Id}/feed",
            new { kind = "announcement", title = "x", text = "x" }, Json, Cancel)).StatusCode);
        foreach (var reader in new[] { street, district, department, community })
        {
            var feed = await ReadAsync<List<FeedItemResponse>>(await reader.GetAsync($"{Api}/bodies/{body.Id}/feed", Cancel), HttpStatusCode.OK);
            Assert.Contains(feed, f => f.Id == posted.Id);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"{Api}/bodies/{body.Id}/feed", Cancel)).StatusCode);
        // The community's own body feed is not the district's business to post in, nor another street's to read.
        var lower = await BodyAsync("420103001002");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"{Api}/bodies/{lower.Id}/feed", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"{Api}/bodies/{lower.Id}/feed", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Cadence_PlansMeetingsAhead_InvitesMembers_AndTheyFindTheirInvitations()
    {
        using var street = await app.ClientForAsync("street.420103002");
        using var department = await app.ClientForAsync("dept.420103.cgj");
        var body = await BodyAsync("420103002");
        var cgj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel));
        // 区城管局 joins 花楼街's body so that it is invited.
        if (!await app.WithDbAsync(db => db.Set<BodyMembership>().AnyAsync(m => m.BodyId == body.Id && m.OrganisationId == cgj!.Id && m.LeftAt == null, Cancel)))
        {
            await ReadAsync<MemberResponse>(await street.PostAsJsonAsync($"{Api}/bodies/{body.Id}/members",
                new { organisationId = cgj!.Id, representative = "副局长" }, Json, Cancel), HttpStatusCode.Created);
        }

        var set = await ReadAsync<CadenceResponse>(await street.PutAsJsonAsync($"{Api}/bodies/{body.Id}/cadence",
            new { weekOfMonth = 3, day = "Wednesday", time = "09:30", place = "花楼街街道会议室", monthsAhead = 3 }, Json, Cancel), HttpStatusCode.OK);
        var cadenceMeetings = set.Planned.Where(m => m.Title.EndsWith("月例会", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, cadenceMeetings.Count);
        Assert.All(cadenceMeetings, m => Assert.Equal(DayOfWeek.Wednesday, m.ScheduledAt.ToOffset(TimeSpan.FromHours(8)).DayOfWeek));
        // Setting it again plans nothing twice.
        var again = await ReadAsync<CadenceResponse>(await street.PutAsJsonAsync($"{Api}/bodies/{body.Id}/cadence",
            new { weekOfMonth = 3, day = "Wednesday", time = "09:30", place = "花楼街街道会议室", monthsAhead = 3 }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(cadenceMeetings.Select(m => m.Id), again.Planned.Where(m => m.Title.EndsWith("月例会", StringComparison.Ordinal)).Select(m => m.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await street.PutAsJsonAsync($"{Api}/bodies/{body.Id}/cadence", new { weekOfMonth = 9 }, Json, Cancel)).StatusCode);

        var mine = await ReadAsync<List<InvitationResponse>>(await department.GetAsync($"{Api}/invitations", Cancel), HttpStatusCode.OK);
        Assert.Equal(3, mine.Count(i => cadenceMeetings.Any(m => m.Id == i.MeetingId)));
        var notified = await app.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.Kind == InvitationsApi.InvitedNotification
            && cadenceMeetings.Select(m => "/conferences/meetings/" + m.Id).Contains(n.Link!), Cancel));
        Assert.True(notified >= 3);

        // Inviting again adds no second invitation.
        var meeting = cadenceMeetings[0];
        var invitations = await ReadAsync<List<InvitationResponse>>(await street.PostAsJsonAsync($"{Api}/meetings/{meeting.Id}/invitations", new { }, Json, Cancel),
            HttpStatusCode.OK);
        Assert.Single(invitations, i => i.OrganisationId == cgj!.Id);
    }

    [Fact]
    public async Task Demo_HasSharedVenuesWithBookings_AFeed_AndAMonthlyCadenceWithInvitations()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var body = await BodyAsync("420103001");
        var venues = await ReadAsync<List<Gongzhi.Modules.Conferences.Venues.VenueResponse>>(await street.GetAsync($"{Api}/venues?body={body.Id}", Cancel),
            HttpStatusCode.OK);
        Assert.Contains(venues, v => v.Name == "民族街街道党群服务中心多功能厅" && v.OpeningHours.Count == 11);
        Assert.Contains(venues, v => v.Kind == Gongzhi.Modules.Conferences.Venues.VenueKind.Equipment);
        var hall = venues.First(v => v.Name == "民族街街道党群服务中心多功能厅");
        var calendar = await ReadAsync<List<Gongzhi.Modules.Conferences.Venues.BookingResponse>>(await street.GetAsync($"{Api}/venues/{hall.Id}/bookings", Cancel),
            HttpStatusCode.OK);
        Assert.Contains(calendar, b => b.State == Gongzhi.Modules.Conferences.Venues.BookingState.Approved);
        Assert.Contains(calendar, b => b.State == Gongzhi.Modules.Conferences.Venues.BookingState.Pending);
        var feed = await ReadAsync<List<FeedItemResponse>>(await street.GetAsync($"{Api}/bodies/{body.Id}/feed", Cancel), HttpStatusCode.OK);
        Assert.Contains(feed, f => f.Title == "关于召开第四季度联席会议的通知");
        var cadence = await ReadAsync<CadenceResponse>(await street.GetAsync($"{Api}/bodies/{body.Id}/cadence", Cancel), HttpStatusCode.OK);
        Assert.Equal((3, DayOfWeek.Thursday, "09:30"), (cadence.WeekOfMonth, cadence.Day, cadence.Time));
        var planned = cadence.Planned.Where(m => m.Title.EndsWith("月例会", StringComparison.Ordinal)).ToList();
        Assert.True(planned.Count >= 3);
        var invited = await ReadAsync<List<InvitationResponse>>(await street.GetAsync($"{Api}/meetings/{planned[0].Id}/invitations", Cancel), HttpStatusCode.OK);
        Assert.True(invited.Count >= 5);
    }

    [Fact]
    public async Task Followers_AreToldOfProgressReports_ButNotOfTheirOwn()
    {
        using var street = await app.ClientForAsync("street.420103001");
        using var district = await app.ClientForAsync("command.420103");
        using var department = await app.ClientForAsync("dept.420103.cgj");
        var task = await app.WithDbAsync(db => db.Set<ConferenceTask>().FirstAsync(t => t.Title == "清理占道经营和乱堆乱放", Cancel));
        await district.PostAsJsonAsync($"{Api}/resolutions/{task.ResolutionId}/follow", new { }, Json, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, (await street.PostAsJsonAsync($"{Api}/resolutions/{task.ResolutionId}/follow", new { }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await street.PostAsJsonAsync($"{Api}/resolutions/{task.ResolutionId}/follow", new { }, Json, Cancel)).StatusCode);
        var note = "又清理两条小巷" + Guid.NewGuid().ToString("N")[..6];
        await ReadAsync<ResolutionResponse>(await street.PostAsJsonAsync($"{Api}/tasks/{task.Id}/progress", new { percent = 70, note }, Json, Cancel),
            HttpStatusCode.OK);
        var told = await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.Kind == InvitationsApi.ProgressNotification && n.Body == note)
            .Select(n => n.RecipientUserId).ToListAsync(Cancel));
        var districtId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "command.420103").Select(u => u.Id).FirstAsync(Cancel));
        Assert.Equal([districtId], told);
        using var foreign = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsJsonAsync($"{Api}/resolutions/{task.ResolutionId}/follow", new { }, Json, Cancel)).StatusCode);
    }
}

/// <summary>The reminder service on instances of its own with a fake clock: each reminder once, across scans and a restart.</summary>
public sealed class ConferenceReminderTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reminders_GoOutOncePerDueTime_AcrossScansAndARestart()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var database = await TestDatabase.CreateAsync();
        Guid taskId, meetingId, assignmentId;
        string cgjUser;
        await using (var first = await DeadlineMonitorTests.StartAsync(database, clock, null))
        {
            (taskId, meetingId, assignmentId) = await first.WithDbAsync(async db =>
            {
                var street = await db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == "420103001", Cancel);
                var district = await db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == "420103", Cancel);
                var cgj = (await db.FindByCodeAsync("420103.cgj", Cancel))!;
                var held = Meeting.Schedule(street, MeetingKind.AdHoc, "专题会", Monday.AddDays(-1), null);
                held.Open(Monday.AddDays(-1), Zones.Wuhan);
                var resolution = Resolution.Adopt(held, "决议", Monday.AddDays(-1));
                var task = ConferenceTask.Assign(resolution, null, "提醒测试任务", cgj.Id, null, "420103", "420103001", Monday.AddHours(48), 1m);
                var upcoming = Meeting.Schedule(street, MeetingKind.Planned, "提醒测试会议", Monday.AddHours(12), "会议室");
                var membership = await db.Set<BodyMembership>().FirstAsync(m => m.BodyId == street.Id && m.OrganisationId == cgj.Id, Cancel);
                var (directive, assignments) = Directive.Issue(district, "提醒测试指令", "动作", Monday.AddHours(24),
                    [("420103001", "民族街街道", street.Id)], Monday.AddDays(-3));
                db.AddRange(held, resolution, task, upcoming, MeetingInvitation.For(upcoming, membership, Monday), directive);
                db.AddRange(assignments);
                await db.SaveChangesAsync(Cancel);
                return (task.Id, upcoming.Id, assignments[0].Id);
            });
            cgjUser = await first.WithDbAsync(db => db.Users.Where(u => u.UserName == "dept.420103.cgj").Select(u => u.Id).FirstAsync(Cancel));
            var monitor = first.Services.GetRequiredService<ConferenceReminderMonitor>();

            await monitor.RunOnceAsync(clock.GetUtcNow(), Cancel);
            await monitor.RunOnceAsync(clock.GetUtcNow(), Cancel);
            Assert.Equal([ConferenceNoticeKind.TaskDueSoon], await KindsAsync(first, taskId));
            Assert.Equal([ConferenceNoticeKind.MeetingSoon], await KindsAsync(first, meetingId));
            Assert.Equal([ConferenceNoticeKind.DirectiveDueSoon], await KindsAsync(first, assignmentId));

            clock.Advance(TimeSpan.FromHours(49));
            await monitor.RunOnceAsync(clock.GetUtcNow(), Cancel);
            Assert.Equal([ConferenceNoticeKind.TaskDueSoon, ConferenceNoticeKind.TaskOverdue], await KindsAsync(first, taskId));
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using (var second = await DeadlineMonitorTests.StartAsync(database, clock, null))
        {
            // Two nodes scanning at once after the restart send nothing new.
            var monitor = second.Services.GetRequiredService<ConferenceReminderMonitor>();
            await Task.WhenAll(monitor.RunOnceAsync(clock.GetUtcNow(), Cancel), monitor.RunOnceAsync(clock.GetUtcNow(), Cancel));
            Assert.Equal(2, (await KindsAsync(second, taskId)).Count);
            var toCgj = await second.WithDbAsync(db => db.Set<Notification>().Where(n => n.RecipientUserId == cgjUser
                && (n.Kind == ConferenceReminderMonitor.TaskReminderNotification || n.Kind == ConferenceReminderMonitor.TaskOverdueNotification
                    || n.Kind == ConferenceReminderMonitor.MeetingReminderNotification)
                && (n.Title.Contains("提醒测试任务") || n.Title.Contains("提醒测试会议"))).Select(n => n.Kind).ToListAsync(Cancel));
            Assert.Equal([ConferenceReminderMonitor.MeetingReminderNotification, ConferenceReminderMonitor.TaskOverdueNotification,
                ConferenceReminderMonitor.TaskReminderNotification], toCgj.Order(StringComparer.Ordinal));
            var streetUser = await second.WithDbAsync(db => db.Users.Where(u => u.UserName == "street.420103001").Select(u => u.Id).FirstAsync(Cancel));
            Assert.Equal(1, await second.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.RecipientUserId == streetUser
                && n.Kind == ConferenceReminderMonitor.DirectiveReminderNotification && n.Title.Contains("提醒测试指令"), Cancel)));
        }
    }

    private static Task<List<ConferenceNoticeKind>> KindsAsync(GongzhiApp app, Guid subject) =>
        app.WithDbAsync(db => db.Set<ConferenceNotice>().Where(n => n.SubjectId == subject).OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync(Cancel));
}
