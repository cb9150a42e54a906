using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Conferences;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Web;

/// <summary>The print layouts: a case's 派遣单 with its timeline, a meeting's minutes with its sign-in sheet, and paper without the shell.</summary>
public sealed class PrintPageTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DispatchSheet_ShowsTheCasesFields_ReporterMasked_AndItsTimeline()
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var posted = await CaseApiKit.PostCaseAsync(resident, new
        {
            categoryCode = "0103", title = "打印测试 井盖松动", description = "三栋门口井盖松动，踩上去会响。", lat, lon, attributes = new { },
            reporterName = "李四光", reporterPhone = "13987654321",
        });
        var submitted = (await posted.Content.ReadFromJsonAsync<Modules.Cases.Intake.CaseSubmitted>(CaseApiKit.Json, Cancel))!;
        using var browser = await WebSignIn.WithFormAsync(app, "street.420103001");

        var response = await browser.GetAsync($"/cases/{submitted.Id}/print", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>派遣单</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<span data-reference>{submitted.Reference}</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"title\">打印测试 井盖松动</td>", html, StringComparison.Ordinal);
        Assert.Contains("三栋门口井盖松动", html, StringComparison.Ordinal);
        Assert.Contains("李** 139****4321", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13987654321", html, StringComparison.Ordinal);
        Assert.Contains("万年社区", html, StringComparison.Ordinal);
        Assert.Contains("id=\"case-timeline\"", html, StringComparison.Ordinal);
        Assert.Contains("data-action=\"submit\"", html, StringComparison.Ordinal);
        Assert.Contains("承办人（签字）", html, StringComparison.Ordinal);
        // The case page links it.
        Assert.Contains($"href=\"cases/{submitted.Id}/print\"", await browser.GetStringAsync($"/cases/{submitted.Id}", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinutesSheet_ShowsTheMinutes_AndASignInSheetOfEveryMember()
    {
        const string api = "/api/v1/conferences";
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        using var street = await app.ClientForAsync("street.420103001");
        var body = await app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == "420103001", Cancel));
        var created = await (await street.PostAsJsonAsync($"{api}/bodies/{body.Id}/meetings",
            new { title = "打印测试联席会", scheduledAt = DateTimeOffset.UtcNow, place = "二楼会议室" }, Cancel)).Content.ReadFromJsonAsync<MeetingResponse>(json, Cancel);
        var opened = await (await street.PostAsync($"{api}/meetings/{created!.Id}/open", null, Cancel)).Content.ReadFromJsonAsync<MeetingResponse>(json, Cancel);
        var members = await street.GetFromJsonAsync<List<JsonElement>>($"{api}/bodies/{body.Id}/members", Cancel);
        var first = members![0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync($"{api}/meetings/{opened!.Id}/attendance",
            new { membershipId = first, attendeeName = "王签到" }, Cancel)).StatusCode);
        var signed = await street.GetFromJsonAsync<MeetingResponse>($"{api}/meetings/{opened.Id}", json, Cancel);
        Assert.Equal(HttpStatusCode.OK, (await street.PutAsJsonAsync($"{api}/meetings/{opened.Id}/minutes",
            new { minutes = "议定：三日内修复井盖。", version = signed!.Version }, Cancel)).StatusCode);
        using var browser = await WebSignIn.WithFormAsync(app, "street.420103001");

        var html = await browser.GetStringAsync($"/conferences/meetings/{opened.Id}/print", Cancel);

        Assert.Contains("data-field=\"title\">打印测试联席会</p>", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"place\">二楼会议室</td>", html, StringComparison.Ordinal);
        Assert.Contains("议定：三日内修复井盖。", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"print-signin\">签到表</h2>", html, StringComparison.Ordinal);
        Assert.Equal(members.Count, System.Text.RegularExpressions.Regex.Count(html, "<tr data-member="));
        Assert.Contains("王签到", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintStylesheet_DropsTheNavigationAndTheButtons()
    {
        using var browser = await WebSignIn.WithFormAsync(app, "street.420103001");
        var home = await browser.GetStringAsync("/", Cancel);
        var link = System.Text.RegularExpressions.Regex.Match(home, "<link rel=\"stylesheet\" href=\"(css/everyday[^\"]*\\.css)\"");
        Assert.True(link.Success, "The shell does not link the stylesheet with the print rules.");

        var css = await browser.GetStringAsync("/" + link.Groups[1].Value, Cancel);

        var print = css[css.IndexOf("@media print", StringComparison.Ordinal)..];
        Assert.Matches(@"\.site-header, \.site-footer, \.skip-link, nav, button, form, \.no-print[^{]*\{ display: none !important; \}", print);
    }
}
