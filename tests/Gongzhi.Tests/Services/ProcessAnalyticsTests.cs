using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Analytics;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Services.QueueApiTests;

namespace Gongzhi.Tests.Services;

/// <summary>
/// Process analytics on a hand-computed scenario: 身后事 fee relief (MZ-SH-01, promised 3 working days) at 水塔街 in March 2026
/// (no holidays), four applications at the street under version 1, then devolved to a community and two more under version 2.
/// All at the window but the last, made online; one brought its missing materials to the window. Two bad ratings: the
/// not-accepted one (1, followed up late) and the one with materials (2, followed up on time).
/// </summary>
public sealed class ProcessAnalyticsTests(GongzhiApp app)
{
    private const string Centre = "420103003";
    private const string Community = "420103003001";
    private const string Item = "MZ-SH-01";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>10:00 in Wuhan on a day of March 2026.</summary>
    private static DateTimeOffset March(int day) => new(2026, 3, day, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Measures_OfAHandCountedSet()
    {
        ApplicationFact Fact(int? days, bool resubmitted = false, int? rating = null, bool notAccepted = false, bool online = false) =>
            new(1, false, online, 3, !notAccepted, notAccepted, days, resubmitted, rating);
        var measures = ProcessMeasures.Of([Fact(3, rating: 5), Fact(4, resubmitted: true, rating: 2), Fact(6, rating: 3), Fact(null, notAccepted: true, online: true)]);
        Assert.Equal(4, measures.Volume);
        Assert.Equal(3, measures.Decided);
        Assert.Equal(4, measures.MedianDays);
        Assert.Equal(6, measures.P90Days);
        Assert.Equal(0.3333, measures.OnTimeRate);
        Assert.Equal(0.6667, measures.OneSubmissionRate);
        Assert.Equal(0.25, measures.NotAcceptedRate);
        Assert.Equal(0.25, measures.OnlineShare);
        Assert.Equal([0, 1, 1, 0, 1], measures.Ratings);
        Assert.Equal(2.5, ProcessMeasures.Of([Fact(2), Fact(3)]).MedianDays);
        var none = ProcessMeasures.Of([]);
        Assert.Null(none.MedianDays);
        Assert.Null(none.OnTimeRate);
    }

    [Fact]
    public async Task BeforeAndAfterADevolution_AnswersTheHandComputedMeasures()
    {
        await SeedAsync();
        using var admin = await app.ClientForAsync("admin");
        var query = $"centre={Centre}&from=2026-03-01&to=2026-03-31";
        var compared = await ReadAsync<BeforeAfter>(await admin.GetAsync($"/api/v1/services/analytics/items/{Item}/versions/2?{query}", Cancel),
            HttpStatusCode.OK);

        // Before: handled in 3, 4 (7 less 3 days waiting for materials) and 6 working days; one not accepted.
        var before = compared.Before;
        Assert.Equal(4, before.Volume);
        Assert.Equal(3, before.Decided);
        Assert.Equal(4, before.MedianDays);
        Assert.Equal(6, before.P90Days);
        Assert.Equal(3, before.MedianPromisedDays);
        Assert.Equal(0.3333, before.OnTimeRate);
        Assert.Equal(0.6667, before.OneSubmissionRate);
        Assert.Equal(0.25, before.NotAcceptedRate);
        Assert.Equal(0, before.ImmediateShare);
        Assert.Equal([1, 1, 1, 0, 1], before.Ratings);
        // Four trips to submit, one more to bring the materials.
        Assert.Equal(1.25, before.AverageVisits);
        Assert.Equal(2, before.FollowUps);
        Assert.Equal(0, before.FollowUpsOpen);
        Assert.Equal(0.5, before.FollowUpOnTimeRate);

        // After: the community decides the same day and two days later.
        var after = compared.After;
        Assert.Equal(2, after.Volume);
        Assert.Equal(1, after.MedianDays);
        Assert.Equal(2, after.P90Days);
        Assert.Equal(1, after.OnTimeRate);
        Assert.Equal(1, after.OneSubmissionRate);
        Assert.Equal(0, after.NotAcceptedRate);
        Assert.Equal([0, 0, 0, 1, 1], after.Ratings);
        Assert.Equal(0.5, after.AverageVisits);
        Assert.Equal(0.5, after.OnlineShare);
        Assert.Equal(0, after.FollowUps);
        Assert.Null(after.FollowUpOnTimeRate);

        // The district and the city read the day rows where the street reads its applications: the scenario being all of March
        // in the district, they answer alike.
        foreach (var wider in new[] { "centre=420103", "centre=420100" })
        {
            var march = $"{wider}&from=2026-03-01&to=2026-03-31";
            foreach (var path in new[] { $"/api/v1/services/analytics/items/{Item}/versions/2?", $"/api/v1/services/analytics?item={Item}&",
                         $"/api/v1/services/analytics/breakdown?by=level&item={Item}&", $"/api/v1/services/analytics?level=community&",
                         "/api/v1/services/analytics/breakdown?by=department&" })
            {
                Assert.Equal(await admin.GetStringAsync(path + query, Cancel), await admin.GetStringAsync(path + march, Cancel));
            }
        }

        var all = await ReadAsync<ProcessMeasures>(await admin.GetAsync($"/api/v1/services/analytics?item={Item}&{query}", Cancel), HttpStatusCode.OK);
        Assert.Equal(6, all.Volume);
        // Handled in 0, 2, 3, 4 and 6 working days.
        Assert.Equal(3, all.MedianDays);
        Assert.Equal(6, all.P90Days);
        Assert.Equal(1, all.AverageVisits);

        // By area: the street's own centre and the community below it; by level: the item was a street item, then a community one.
        var areas = await ReadAsync<List<MeasuresOf>>(await admin.GetAsync($"/api/v1/services/analytics/breakdown?by=area&item={Item}&{query}", Cancel),
            HttpStatusCode.OK);
        Assert.Equal([(Centre, 4, 4.0), (Community, 2, 1.0)], areas.Select(a => (a.Key, a.Measures.Volume, a.Measures.MedianDays!.Value)));
        Assert.StartsWith("水塔街", areas[0].Name, StringComparison.Ordinal);
        var levels = await ReadAsync<List<MeasuresOf>>(await admin.GetAsync($"/api/v1/services/analytics/breakdown?by=level&item={Item}&{query}", Cancel),
            HttpStatusCode.OK);
        Assert.Equal([("Street", 4), ("Community", 2)], levels.Select(l => (l.Key, l.Measures.Volume)));
        var items = await ReadAsync<List<MeasuresOf>>(await admin.GetAsync($"/api/v1/services/analytics/breakdown?by=item&{query}", Cancel),
            HttpStatusCode.OK);
        Assert.Equal((Item, 6), (items.Single().Key, items.Single().Measures.Volume));
        // The department the catalogue names for the item answers for all six, before and after the devolution.
        var departments = await ReadAsync<List<MeasuresOf>>(await admin.GetAsync($"/api/v1/services/analytics/breakdown?by=department&{query}", Cancel),
            HttpStatusCode.OK);
        Assert.Equal(("区民政局", 6, 3.0), (departments.Single().Name, departments.Single().Measures.Volume, departments.Single().Measures.MedianDays!.Value));
        var community = await ReadAsync<ProcessMeasures>(await admin.GetAsync($"/api/v1/services/analytics?item={Item}&{query}&level=community", Cancel),
            HttpStatusCode.OK);
        Assert.Equal(2, community.Volume);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/services/analytics/breakdown?by=colour&{query}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/services/analytics?level=province&{query}", Cancel)).StatusCode);

        // The table as CSV and as a workbook: a column for all, then before and after the version.
        var csv = await admin.GetAsync($"/api/v1/services/analytics/export?format=csv&item={Item}&version=2&{query}", Cancel);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim('\uFEFF', '\n', '\r')).ToList();
        Assert.Equal("指标,合计,调整前,调整后", lines[0]);
        Assert.Contains("办件量,6,4,2", lines);
        Assert.Contains("平均跑动次数,1,1.25,0.5", lines);
        // Rates as the page shows them (the invariant culture's percent, "50 %").
        Assert.Contains("差评按期整改率,50 %,50 %,—", lines);
        var xlsx = await admin.GetAsync($"/api/v1/services/analytics/export?format=xlsx&item={Item}&by=area&{query}", Cancel);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync(Cancel))[..2]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/services/analytics/export?format=pdf&{query}", Cancel)).StatusCode);
        var late = await ReadAsync<ProcessMeasures>(await admin.GetAsync($"/api/v1/services/analytics?item={Item}&centre={Centre}&from=2026-03-15&to=2026-03-31", Cancel),
            HttpStatusCode.OK);
        Assert.Equal(2, late.Volume);

        // A street sees its own area only: another street's centre is not found, a resident is not let in at all.
        using var street = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"/api/v1/services/analytics?{query}", Cancel)).StatusCode);
        Assert.Equal(0, (await ReadAsync<ProcessMeasures>(await street.GetAsync($"/api/v1/services/analytics?item={Item}&from=2026-03-01&to=2026-03-31", Cancel),
            HttpStatusCode.OK)).Volume);
        using var resident = await app.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/services/analytics?{query}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/services/analytics/export?{query}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"/api/v1/services/analytics/export?{query}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/services/analytics?from=2026-3-1", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Backlog_CountsTheOpenApplicationsPerCentre_AndThosePastTheirLimit()
    {
        // January 2026, outside the scenario's month: one waiting to be accepted and one accepted at the street, both
        // open; one accepted at the community. The accepted ones were due three working days later, long past.
        await app.WithDbAsync(async db =>
        {
            var calendar = app.Services.GetRequiredService<WorkingCalendar>();
            var item = await db.Set<ServiceItem>().AsNoTracking().FirstAsync(i => i.Code == Item, Cancel);
            var january = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(8));
            ServiceApplication Submitted(string centre) => ServiceApplication.Submit(item, centre, ApplicationChannel.Window, null, null, "窗口",
                new ProtectedApplicant("x", "李*", "x", "h", "420103********4321", "x", "h", "139****0000"), [], null, $"BL-{Guid.NewGuid():N}", january);
            var waiting = Submitted(Centre);
            var running = Submitted(Centre);
            running.Accept("窗口", january, calendar, null);
            var atCommunity = Submitted(Community);
            atCommunity.Accept("社区", january, calendar, null);
            db.AddRange(waiting, running, atCommunity);
            return await db.SaveChangesAsync(Cancel);
        });
        using var admin = await app.ClientForAsync("admin");
        var street = await ReadAsync<List<CentreBacklog>>(await admin.GetAsync($"/api/v1/services/analytics/backlog?centre={Centre}", Cancel), HttpStatusCode.OK);
        Assert.Equal([(Centre, 2, 1), (Community, 1, 1)], street.Select(b => (b.Code, b.Open, b.Overdue)));
        var district = await ReadAsync<List<CentreBacklog>>(await admin.GetAsync("/api/v1/services/analytics/backlog?centre=420103", Cancel), HttpStatusCode.OK);
        Assert.Equal((3, 2), district.Where(b => b.Code == Centre).Select(b => (b.Open, b.Overdue)).Single());

        // The page shows the backlog under the table, and links the exports of what it shows.
        using var browser = await Gongzhi.Tests.Web.WebSignIn.WithFormAsync(app, "admin");
        var page = await browser.GetStringAsync($"/services/analytics?centre={Centre}&by=area", Cancel);
        Assert.Contains($"data-centre=\"{Community}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-export=\"xlsx\"", page, StringComparison.Ordinal);
        Assert.Contains("data-measure=\"follow-up-on-time\"", page, StringComparison.Ordinal);

        // The dashboard of the district shows each street's backlog now (past the limit in brackets).
        var dashboard = await browser.GetStringAsync("/dashboard/420103", Cancel);
        Assert.Contains("data-section=\"services\"", dashboard, StringComparison.Ordinal);
        var row = System.Text.RegularExpressions.Regex.Match(dashboard, $"<tr data-area=\"{Centre}\">(.*?)</tr>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.Contains("<td data-backlog>3 (2)</td>", row.Groups[1].Value, StringComparison.Ordinal);
    }

    private Task<int> SeedAsync() => app.WithDbAsync(async db =>
    {
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var item = await db.Set<ServiceItem>().AsNoTracking().FirstAsync(i => i.Code == Item, Cancel);
        Assert.Equal(3, item.PromisedDays);
        var number = 0;
        ServiceApplication Submitted(string centre, int day, ApplicationChannel channel = ApplicationChannel.Window) => ServiceApplication.Submit(item, centre, channel, null, null, "窗口",
            new ProtectedApplicant("x", "张*", "x", "h", "420103********1234", "x", "h", "138****5678"), [], null, $"AN-{Guid.NewGuid():N}-{number++}", March(day));

        var onTime = Submitted(Centre, 2);
        onTime.Accept("窗口", March(2), calendar, null);
        onTime.Approve("窗口", March(5), calendar, null);
        onTime.Evaluate(null, March(5), calendar, 5, null, 5);

        var withMaterials = Submitted(Centre, 2);
        withMaterials.Accept("窗口", March(2), calendar, null);
        withMaterials.RequestMaterials("窗口", March(3), ["死亡证明"], null);
        withMaterials.Supply("窗口", March(6), calendar, [], null, atWindow: true);
        withMaterials.Approve("窗口", March(11), calendar, null);
        withMaterials.Evaluate(null, March(11), calendar, 2, null, 5);
        // Due five working days after the rating, the 18th.
        withMaterials.CloseFollowUp("窗口", March(13), calendar, "已电话回访并说明补正要求。");

        var slow = Submitted(Centre, 2);
        slow.Accept("窗口", March(2), calendar, null);
        slow.Approve("窗口", March(10), calendar, null);
        slow.Evaluate(null, March(10), calendar, 3, null, 5);

        var refused = Submitted(Centre, 2);
        refused.NotAccept("窗口", March(2), "不属于本中心受理范围");
        refused.Evaluate(null, March(2), calendar, 1, null, 5);
        // Due the 9th, closed the 12th.
        refused.CloseFollowUp("窗口", March(12), calendar, "已回访，说明受理范围。");

        item.Devolve(ServiceLevel.Community, March(13), "下放社区办理");
        var sameDay = Submitted(Community, 16);
        sameDay.Accept("社区", March(16), calendar, null);
        sameDay.Approve("社区", March(16), calendar, null);
        sameDay.Evaluate(null, March(16), calendar, 5, null, 5);

        var twoDays = Submitted(Community, 16, ApplicationChannel.Online);
        twoDays.Accept("社区", March(16), calendar, null);
        twoDays.Approve("社区", March(18), calendar, null);
        twoDays.Evaluate(null, March(18), calendar, 4, null, 5);

        db.AddRange(onTime, withMaterials, slow, refused, sameDay, twoDays);
        return await db.SaveChangesAsync(Cancel);
    });
}
