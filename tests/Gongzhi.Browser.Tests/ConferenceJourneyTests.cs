using System.Globalization;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Conferences;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Issue 4's journey through the pages: the 民族街街道 party secretary holds a meeting and assigns tasks to two member
/// units and a community; each owner reports as itself; the resolution rolls up by weight; a district directive's
/// coverage shows what the street reported.
/// </summary>
public sealed class ConferenceJourneyTests(BrowserApp app)
{
    private const string Secretary = "party.420103001";
    private const string StreetBody = "民族街街道区域化党建联席会议";
    private const string Cgj = "江汉区城市管理执法局";
    private const string Zjj = "江汉区住房和城乡建设局";
    private const string Wannian = "万年社区区域化党建联席会议";

    private static string Deadline(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task StreetSecretary_HoldsAMeeting_AssignsTasks_OwnersReport_AndTheResolutionRollsUpByWeight()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        string[] titles = [$"整治占道经营-{run}", $"改造雨污管网-{run}", $"居民议事协商-{run}"];

        await using var secretary = await app.NewContextAsync(Secretary);
        var page = await secretary.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".main-nav").GetByRole(AriaRole.Link, new() { Name = "联席会议" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/conferences$"));
        await page.Locator("[data-body='420103001']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(StreetBody);
        // The contact directory masks phones.
        await Expect(page.Locator("[data-members] [data-phone]").First).ToContainTextAsync("****");

        // Schedule and prepare the meeting.
        await page.Locator("#meeting-title").FillAsync($"联席会议-{run}");
        await page.Locator("#meeting-when").FillAsync($"{Deadline(0)}T09:00");
        await page.Locator("#meeting-place").FillAsync("党群服务中心三楼会议室");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排会议" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/conferences/meetings/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync($"联席会议-{run}");

        await page.Locator("#item-title").FillAsync($"背街小巷环境整治-{run}");
        await page.Locator("#item-by").SelectOptionAsync(new SelectOptionValue { Label = Cgj });
        await page.GetByRole(AriaRole.Button, new() { Name = "加入议程" }).ClickAsync();
        await Expect(page.Locator("[data-agenda]")).ToContainTextAsync($"背街小巷环境整治-{run}");

        await page.Locator("[data-open-meeting]").ClickAsync();
        await Expect(page.Locator(".node-heading [data-state]")).ToHaveAttributeAsync("data-state", "Open");

        // Sign-in of two member units.
        foreach (var unit in new[] { Cgj, Zjj })
        {
            var row = page.Locator("[data-attendance] li", new() { HasText = unit });
            await row.GetByRole(AriaRole.Button, new() { Name = "签到" }).ClickAsync();
            await Expect(page.Locator("[data-attendance] li", new() { HasText = unit }).Locator("[data-signed]")).ToBeVisibleAsync();
        }

        // No minutes, no closing: the page says so.
        await page.Locator("[data-close-meeting]").ClickAsync();
        await Expect(page.Locator("[data-message]")).ToContainTextAsync("没有会议纪要，会议不能结束");
        await Expect(page.Locator(".node-heading [data-state]")).ToHaveAttributeAsync("data-state", "Open");

        await page.Locator("#minutes").FillAsync("议定：城管执法局牵头整治占道经营，住建局负责管网改造，万年社区组织居民议事。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存纪要" }).ClickAsync();
        await Expect(page.Locator("[data-message]")).ToHaveTextAsync("会议纪要已保存。");

        // A resolution with tasks for two member units and one community, weighted 2 : 1 : 1.
        await page.Locator("#resolution-text").FillAsync($"开展背街小巷环境综合整治-{run}");
        (string Title, string Owner, string Weight)[] tasks = [(titles[0], Cgj, "2"), (titles[1], Zjj, "1"), (titles[2], Wannian, "1")];
        for (var i = 0; i < tasks.Length; i++)
        {
            await page.Locator($"#task-title-{i}").FillAsync(tasks[i].Title);
            await page.Locator($"#task-owner-{i}").SelectOptionAsync(new SelectOptionValue { Label = tasks[i].Owner });
            await page.Locator($"#task-deadline-{i}").FillAsync(Deadline(30));
            await page.Locator($"#task-weight-{i}").FillAsync(tasks[i].Weight);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "通过决议" }).ClickAsync();
        await Expect(page.Locator("[data-message]")).ToHaveTextAsync("决议已通过，任务已分派。");

        await page.Locator("[data-close-meeting]").ClickAsync();
        await Expect(page.Locator(".node-heading [data-state]")).ToHaveAttributeAsync("data-state", "Closed");
        await Expect(page.Locator("[data-minutes]")).ToContainTextAsync("住建局负责管网改造");
        var resolutionLink = page.Locator("[data-resolutions] a").First;
        await Expect(resolutionLink).ToHaveTextAsync($"开展背街小巷环境综合整治-{run}");
        var resolutionUrl = await resolutionLink.GetAttributeAsync("href");
        Assert.NotNull(resolutionUrl);

        // Each owner reports from its own task board, signed in as itself.
        await ReportAsync("dept.420103.cgj", titles[0], "100", "12条背街小巷已清理完毕。", withPhoto: true);
        await ReportAsync("dept.420103.zjj", titles[1], "50", "施工单位已进场。", withPhoto: false);
        await ReportAsync("community.420103001002", titles[2], "20", "已召开一次居民议事会。", withPhoto: false);

        // (100×2 + 50×1 + 20×1) / 4 = 67.5
        await page.GotoAsync("/" + resolutionUrl);
        await Expect(page.Locator("[data-overall] [data-progress]")).ToHaveTextAsync("67.5%");
        var cgjRow = page.Locator("[data-tasks] tr[data-task]", new() { HasText = titles[0] });
        await Expect(cgjRow.Locator("[data-owner]")).ToHaveTextAsync(Cgj);
        await Expect(page.Locator("[data-tasks] .evidence-link")).ToHaveCountAsync(1);

        // Done only when every task is done and accepted.
        await page.Locator("[data-complete]").ClickAsync();
        await Expect(page.Locator("[data-message]")).ToContainTextAsync(titles[1]);
        await cgjRow.Locator("[data-accept]").ClickAsync();
        await Expect(page.Locator("[data-tasks] tr[data-task]", new() { HasText = titles[0] }).Locator("[data-column]"))
            .ToHaveAttributeAsync("data-column", "accepted");
        await Expect(page.Locator("[data-overall] [data-progress]")).ToHaveTextAsync("67.5%");
    }

    private async Task ReportAsync(string account, string taskTitle, string percent, string note, bool withPhoto)
    {
        await using var context = await app.NewContextAsync(account);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "任务看板" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/conferences/tasks$"));
        var card = page.Locator("[data-task]", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = taskTitle }) });
        await card.GetByLabel("完成百分比").FillAsync(percent);
        await card.GetByLabel("说明").FillAsync(note);
        if (withPhoto)
        {
            await card.GetByLabel("佐证照片（可选）").SetInputFilesAsync(new FilePayload { Name = "evidence.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        }
        await card.GetByRole(AriaRole.Button, new() { Name = "提交进度" }).ClickAsync();
        await Expect(page.Locator("[data-message]")).ToHaveTextAsync("已报告。");
        var after = page.Locator("[data-task]", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = taskTitle }) });
        await Expect(after.Locator("[data-task-progress]")).ToHaveTextAsync(percent + "%");
        if (percent == "100")
        {
            await Expect(page.Locator("[data-board-column=awaiting]")).ToContainTextAsync(taskTitle);
        }
    }

    [Fact]
    public async Task DistrictDirective_StreetAcknowledgesAndReports_CoverageShowsTheStreetsStatus_OnTableAndMap()
    {
        var title = $"关于开展垃圾分类入户宣传的通知-{Guid.NewGuid().ToString("N")[..6]}";
        await using var district = await app.NewContextAsync("command.420103");
        var page = await district.NewPageAsync();
        await page.GotoAsync("/conferences");
        await page.Locator("[data-body='420103']").ClickAsync();
        await page.Locator("#directive-title").FillAsync(title);
        await page.Locator("#directive-actions").FillAsync("各街道组织社区入户宣传，月底前报告覆盖户数。");
        await page.Locator("#directive-deadline").FillAsync(Deadline(14));
        await page.GetByRole(AriaRole.Button, new() { Name = "下达", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/conferences/directives/[0-9a-f-]{36}$"));
        var coverageUrl = page.Url;
        await Expect(page.Locator("[data-coverage] tr[data-node='420103001'] [data-status]")).ToHaveAttributeAsync("data-status", "none");
        // The tiles count with the table's words: every node is still "未报告", none "未落实".
        var nodes = await page.Locator("[data-coverage] tr[data-node]").CountAsync();
        await Expect(page.Locator("[data-total=none]")).ToHaveTextAsync(nodes.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-total=notyet]")).ToHaveTextAsync("0");

        await using var street = await app.NewContextAsync(Secretary);
        var streetPage = await street.NewPageAsync();
        await streetPage.GotoAsync("/conferences");
        await streetPage.Locator("[data-body='420103001']").ClickAsync();
        var assignment = streetPage.Locator("[data-assignment]", new() { HasText = title });
        await assignment.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await Expect(streetPage.Locator("[data-message]")).ToHaveTextAsync("已签收。");
        assignment = streetPage.Locator("[data-assignment]", new() { HasText = title });
        await assignment.GetByLabel("落实情况").SelectOptionAsync("Partly");
        await assignment.GetByLabel("说明").FillAsync("已完成六个社区的入户宣传。");
        await assignment.GetByRole(AriaRole.Button, new() { Name = "报告落实情况" }).ClickAsync();
        await Expect(streetPage.Locator("[data-message]")).ToHaveTextAsync("已报告。");

        await page.GotoAsync(coverageUrl);
        var row = page.Locator("[data-coverage] tr[data-node='420103001']");
        await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "partly");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("部分落实");
        await Expect(row.Locator("[data-acknowledged]")).ToHaveAttributeAsync("data-acknowledged", "yes");
        await Expect(page.Locator("[data-total=partly]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#directive-map")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(page.Locator("#directive-map path[data-code='420103001']")).ToHaveAttributeAsync("data-status", "partly");
        await Expect(page.Locator("#directive-map path[data-status]")).ToHaveCountAsync(await page.Locator("[data-coverage] tr[data-node]").CountAsync());
    }

    [Fact]
    public async Task Secretary_PostsAnAnnouncement_AndTheDistrictSeesItAppearLive_OnTheStreetBodysPage()
    {
        var title = $"本周六志愿服务活动-{Guid.NewGuid().ToString("N")[..6]}";
        // The district reads the street's body and has its page open before anything is posted.
        await using var district = await app.NewContextAsync("command.420103");
        var watching = await district.NewPageAsync();
        await watching.GotoAsync("/conferences");
        await watching.Locator("[data-body='420103001']").ClickAsync();
        await Expect(watching.Locator("h1")).ToHaveTextAsync(StreetBody);
        await Expect(watching.Locator("#body-feed")).ToHaveAttributeAsync("data-live", "on");
        // Only the body's own level posts.
        await Expect(watching.Locator("#feed-title")).ToHaveCountAsync(0);

        await using var secretary = await app.NewContextAsync(Secretary);
        var page = await secretary.NewPageAsync();
        await page.GotoAsync("/conferences");
        await page.Locator("[data-body='420103001']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(page.Locator("form:has(#feed-title) [data-field=title]")).ToBeVisibleAsync();

        await page.Locator("#feed-title").FillAsync(title);
        await page.Locator("#feed-text").FillAsync("请各成员单位组织志愿者参加社区清洁活动。");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-message]")).ToHaveTextAsync("已发布。");
        await Expect(page.Locator("[data-feed-item]", new() { HasText = title })).ToContainTextAsync("公告");

        await Expect(watching.Locator("[data-feed-item]", new() { HasText = title })).ToBeVisibleAsync();
        await Expect(watching.Locator("[data-body-calendar]")).ToHaveAttributeAsync("href", new Regex("calendar\\.ics$"));
    }

    [Fact]
    public async Task SeededDirective_CoverageShowsTheStreetDone_AndOthersMixed()
    {
        await using var district = await app.NewContextAsync("command.420103");
        var page = await district.NewPageAsync();
        await page.GotoAsync("/conferences");
        await page.Locator("[data-body='420103']").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "关于开展“双报到”党员进社区服务的通知" }).ClickAsync();

        await Expect(page.Locator("[data-coverage] tr[data-node='420103001'] [data-status]")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.Locator("[data-coverage] [data-status=partly]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-coverage] [data-status=none]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-coverage] [data-late=yes]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CommunityAccount_CannotOpenAnotherStreetsBody_AndGetsTheNotFoundPage()
    {
        Guid other;
        Guid own;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            other = await db.Set<ConferenceBody>().IgnoreQueryFilters().Where(b => b.JurisdictionCode == "420103002").Select(b => b.Id).SingleAsync(TestContext.Current.CancellationToken);
            own = await db.Set<ConferenceBody>().IgnoreQueryFilters().Where(b => b.JurisdictionCode == "420103001").Select(b => b.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        await using var context = await app.NewContextAsync("community.420103001002");
        var page = await context.NewPageAsync();

        var refused = await page.GotoAsync($"/conferences/bodies/{other}");

        Assert.Equal(404, refused!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("页面不存在");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("花楼街");
        // Its own street's body, the one above it, opens.
        var allowed = await page.GotoAsync($"/conferences/bodies/{own}");
        Assert.Equal(200, allowed!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync(StreetBody);
        await page.GotoAsync("/conferences");
        await Expect(page.Locator("[data-body='420103002']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Secretary_RevealsALiaisonPhoneForAPurpose_AndTheRevealIsAudited_WhileAMemberUnitSeesItMasked()
    {
        await using var secretary = await app.NewContextAsync(Secretary);
        var page = await secretary.NewPageAsync();
        await page.GotoAsync("/conferences");
        await page.Locator("[data-body='420103001']").ClickAsync();
        var row = page.Locator("[data-members] tr[data-member]", new() { HasText = Zjj });
        await Expect(row.Locator("[data-phone]")).ToContainTextAsync("****");

        await row.GetByLabel("查看目的").SelectOptionAsync(new SelectOptionValue { Label = "联系居民" });
        await row.GetByRole(AriaRole.Button, new() { Name = "查看完整号码" }).ClickAsync();

        await Expect(page.Locator("[data-members] tr[data-member]", new() { HasText = Zjj }).Locator("[data-phone-revealed]"))
            .ToHaveTextAsync(new Regex(@"^139\d{8}$"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            Assert.True(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == Gongzhi.Platform.Audit.AuditActions.Revealed
                && e.Subject == nameof(BodyMembership) && e.Detail == "liaisonPhone: contact-resident", TestContext.Current.CancellationToken));
        }

        await using var member = await app.NewContextAsync("dept.420103.zjj");
        var memberPage = await member.NewPageAsync();
        await memberPage.GotoAsync(page.Url);
        await Expect(memberPage.Locator("[data-members] [data-phone]").First).ToContainTextAsync("****");
        await Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "查看完整号码" })).ToHaveCountAsync(0);
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(new SKColor(0x1d, 0x4f, 0x91));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
