using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Conferences.Calendar;
using Gongzhi.Modules.Conferences.Indicators;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Conferences;

public sealed class ICalendarWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8));

    private static string Unfold(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal);

    [Fact]
    public void Event_HasTheRequiredProperties_InUtc_WithCrlfLineEnds()
    {
        var text = ICalendarWriter.Write("民族街街道联席会议", [new("meeting-1@gongzhi", Start, Start.AddHours(2), "月度联席会议", "三楼会议室", null)],
            new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
        var lines = Unfold(text).Split("\r\n");
        Assert.Contains("UID:meeting-1@gongzhi", lines);
        Assert.Contains("DTSTAMP:20261126T080000Z", lines);
        Assert.Contains("DTSTART:20261201T013000Z", lines);
        Assert.Contains("DTEND:20261201T033000Z", lines);
        Assert.Contains("SUMMARY:月度联席会议", lines);
        Assert.Contains("LOCATION:三楼会议室", lines);
    }

    [Fact]
    public void Text_IsEscaped()
    {
        Assert.Equal(@"a\, b\; c\\d\ne", ICalendarWriter.Escape("a, b; c\\d\r\ne"));
        var text = ICalendarWriter.Write("x", [new("u", Start, Start.AddHours(1), "议题一, 议题二; 其他", null, "第一行\n第二行")], Start);
        var lines = Unfold(text).Split("\r\n");
        Assert.Contains(@"SUMMARY:议题一\, 议题二\; 其他", lines);
        Assert.Contains(@"DESCRIPTION:第一行\n第二行", lines);
    }

    [Fact]
    public void LongLines_AreFoldedAt75Octets_NeverInsideACharacter_AndUnfoldToTheOriginal()
    {
        // Chinese characters are three octets in UTF-8, so a naive cut at 75 characters would be 225 octets.
        var summary = string.Concat(Enumerable.Repeat("背街小巷环境综合整治专题联席会议", 12)) + "🙂end";
        var text = ICalendarWriter.Write("x", [new("u", Start, Start.AddHours(1), summary, null, null)], Start);
        foreach (var line in text.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
        }
        var folded = text.Split("\r\n").SkipWhile(l => !l.StartsWith("SUMMARY:", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith(' ')).ToList();
        Assert.True(folded.Count >= 6);
        Assert.Contains("SUMMARY:" + summary, Unfold(text).Split("\r\n"));
        // The strict UTF-8 decoder throws on a split character; every physical line decodes on its own.
        var strict = new UTF8Encoding(false, true);
        Assert.All(text.Split("\r\n"), l => strict.GetString(strict.GetBytes(l)));
    }
}

public sealed class ConferenceCalendarApiTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeetingAndBodyFeed_AreServedAsICalendar_AndScoped()
    {
        var body = await app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == "420103001", Cancel));
        var meeting = await app.WithDbAsync(db => db.Set<Meeting>().FirstAsync(m => m.BodyId == body.Id, Cancel));
        using var street = await app.ClientForAsync("street.420103001");
        using var foreign = await app.ClientForAsync("street.420103002");

        var one = await street.GetAsync($"/api/v1/conferences/meetings/{meeting.Id}/calendar.ics", Cancel);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("text/calendar", one.Content.Headers.ContentType?.MediaType);
        var text = await one.Content.ReadAsStringAsync(Cancel);
        Assert.Contains($"UID:meeting-{meeting.Id}@gongzhi\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:" + ICalendarWriter.Utc(meeting.ScheduledAt), text, StringComparison.Ordinal);

        var feed = await street.GetStringAsync($"/api/v1/conferences/bodies/{body.Id}/calendar.ics", Cancel);
        Assert.Contains($"UID:meeting-{meeting.Id}@gongzhi", feed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/v1/conferences/meetings/{meeting.Id}/calendar.ics", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/v1/conferences/bodies/{body.Id}/calendar.ics", Cancel)).StatusCode);
    }
}

/// <summary>The indicators against a scenario counted by hand, in a street of 武昌区 that the demo leaves empty.</summary>
public sealed class ConferenceIndicatorTests(GongzhiApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Indicators_MatchAScenarioCountedByHand()
    {
        var now = DateTimeOffset.UtcNow;
        var (streetCode, communityCode) = await app.WithDbAsync(async db =>
        {
            var street = await db.Set<Jurisdiction>().Where(j => j.ParentCode == "420106").OrderBy(j => j.Code).Select(j => j.Code).FirstAsync(Cancel);
            var community = await db.Set<Jurisdiction>().Where(j => j.ParentCode == street).OrderBy(j => j.Code).Select(j => j.Code).FirstAsync(Cancel);
            return (street, community);
        });
        await app.WithDbAsync(async db =>
        {
            var body = ConferenceBody.Create("测试街道联席会议", streetCode, null, null);
            var lower = ConferenceBody.Create("测试社区联席会议", communityCode, body, null);
            db.AddRange(body, lower);
            Meeting Held(ConferenceBody b, MeetingKind kind, int daysAgo, bool close)
            {
                var m = Meeting.Schedule(b, kind, "会议", now.AddDays(-daysAgo), null);
                if (close)
                {
                    m.Open(now.AddDays(-daysAgo), Zones.Wuhan);
                    m.RecordMinutes("纪要");
                    m.Close(now.AddDays(-daysAgo).AddHours(2));
                }
                db.Add(m);
                return m;
            }
            // Street: planned meetings due 3, held 2; one planned in the future (not yet due); one ad hoc held.
            var m1 = Held(body, MeetingKind.Planned, 40, false);
            m1.Open(now.AddDays(-40), Zones.Wuhan);
            Held(body, MeetingKind.Planned, 20, true);
            Held(body, MeetingKind.Planned, 5, false);
            db.Add(Meeting.Schedule(body, MeetingKind.Planned, "下月例会", now.AddDays(20), null));
            Held(body, MeetingKind.AdHoc, 10, true);
            // Community: one planned meeting, held.
            Held(lower, MeetingKind.Planned, 15, true);

            // Resolutions: two adopted, one done.
            var r1 = Resolution.Adopt(m1, "决议一", now.AddDays(-40));
            var r2 = Resolution.Adopt(m1, "决议二", now.AddDays(-40));
            m1.RecordMinutes("纪要");
            m1.Close(now.AddDays(-40).AddHours(2));
            db.AddRange(r1, r2);
            ConferenceTask Task(Resolution r, ConferenceTask? parent, int deadlineDays, int? doneDays)
            {
                var t = ConferenceTask.Assign(r, parent, "任务", Guid.NewGuid(), null, streetCode, streetCode, now.AddDays(deadlineDays), 1m);
                if (doneDays is { } d)
                {
                    t.Report(100m, "完成", [], "t", false, now.AddDays(d));
                }
                db.Add(t);
                return t;
            }
            var a = Task(r1, null, -10, -12); // on time
            Task(r2, null, -10, -5);          // late
            Task(r2, null, -3, null);          // overdue, not done
            var parent = Task(r2, null, -8, null);
            Task(r2, parent, -8, -9);          // a sub-task on time: the parent is not counted itself
            Task(r2, null, 10, null);          // not yet due
            a.Accept(100m, now.AddDays(-11));
            r1.Complete([a], now.AddDays(-11));

            // Directives of the street to its community node: one done on time, one silent past its deadline, one done early but not yet due.
            var codes = new List<(string, string, Guid?)> { (communityCode, "社区", lower.Id) };
            var (d1, x) = Directive.Issue(body, "指令一", "动作", now.AddDays(-5), codes, now.AddDays(-30));
            var (d2, y) = Directive.Issue(body, "指令二", "动作", now.AddDays(-2), codes, now.AddDays(-30));
            var (d3, z) = Directive.Issue(body, "指令三", "动作", now.AddDays(5), codes, now.AddDays(-30));
            x[0].Acknowledge("t", now.AddDays(-29));
            x[0].Report(ExecutionStatus.Done, "已落实", [], now.AddDays(-6));
            y[0].Acknowledge("t", now.AddDays(-29));
            z[0].Acknowledge("t", now.AddDays(-29));
            z[0].Report(ExecutionStatus.Done, "已落实", [], now.AddDays(-1));
            db.AddRange(d1, d2, d3);
            db.AddRange(x[0], y[0], z[0]);
            return await db.SaveChangesAsync(Cancel);
        });

        using var admin = await app.ClientForAsync("admin");
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var response = await admin.GetFromJsonAsync<ConferenceIndicatorsResponse>(
            $"/api/v1/conferences/indicators?scope={streetCode}&from={today.AddDays(-60):yyyy-MM-dd}&to={today.AddDays(60):yyyy-MM-dd}", Json, Cancel);
        var set = response!.Indicators;
        Assert.Equal((3L, 4L), (set.MeetingsHeld.Numerator, set.MeetingsHeld.Denominator));
        Assert.Equal(1L, set.AdHocMeetingsHeld);
        Assert.Equal((1L, 2L), (set.ResolutionCompletion.Numerator, set.ResolutionCompletion.Denominator));
        Assert.Equal((2L, 4L), (set.OnTimeTasks.Numerator, set.OnTimeTasks.Denominator));
        // The three assignments sit at the community node.
        Assert.Equal((2L, 3L), (set.DirectiveCoverage.Numerator, set.DirectiveCoverage.Denominator));
        Assert.Equal((1L, 2L), (set.DirectiveLateness.Numerator, set.DirectiveLateness.Denominator));

        var street = response.ByLevel.Single(l => l.Level == JurisdictionLevel.Street).Indicators;
        var community = response.ByLevel.Single(l => l.Level == JurisdictionLevel.Community).Indicators;
        Assert.Equal((2L, 3L), (street.MeetingsHeld.Numerator, street.MeetingsHeld.Denominator));
        Assert.Equal((1L, 1L), (community.MeetingsHeld.Numerator, community.MeetingsHeld.Denominator));
        Assert.Equal(3L, community.DirectiveCoverage.Denominator);
        Assert.Equal(0L, street.DirectiveCoverage.Denominator);

        // A narrower period leaves the older records out: from 7 days ago only the meeting 5 days ago was due (not held).
        var recent = await admin.GetFromJsonAsync<ConferenceIndicatorsResponse>(
            $"/api/v1/conferences/indicators?scope={streetCode}&from={today.AddDays(-7):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}", Json, Cancel);
        Assert.Equal((0L, 1L), (recent!.Indicators.MeetingsHeld.Numerator, recent.Indicators.MeetingsHeld.Denominator));

        using var foreign = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.Forbidden, (await foreign.GetAsync($"/api/v1/conferences/indicators?scope={streetCode}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await foreign.GetAsync("/api/v1/conferences/indicators?scope=x", Cancel)).StatusCode);
    }
}
