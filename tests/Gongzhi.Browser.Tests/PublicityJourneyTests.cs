using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// 居务公开 on a 390 px phone: community staff make a quarter's subsidies public for five working days; a verified resident
/// finds it in the inbox and objects; the staff read the objection and answer it; the resident reads the answer.
/// </summary>
public sealed class PublicityJourneyTests(BrowserApp app)
{
    private const string Staff = "community.420103001002";
    private const string Resident = "resident1";

    [Fact]
    public async Task StaffMakeSubsidiesPublic_AResidentObjects_StaffAnswer_TheResidentReadsTheAnswer()
    {
        var title = $"第四季度高龄津贴发放公示-{Guid.NewGuid().ToString("N")[..6]}";

        await using var staffContext = await app.NewContextAsync(Staff, width: 390, height: 844);
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync("/participation/publicity");
        await staff.Locator("#publicity-kind").SelectOptionAsync("Subsidy");
        await staff.Locator("#publicity-title").FillAsync(title);
        await staff.Locator("#publicity-body").FillAsync("万年里 3 栋 张** 300 元\n万年里 5 栋 王** 300 元");
        await staff.Locator("[data-publish-publicity]").ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("/participation/publicity/[0-9a-f-]{36}\\?done=publicized$"));
        await Expect(staff.Locator("[data-publicity-status]")).ToHaveAttributeAsync("data-publicity-status", "running");
        await Expect(staff.Locator("[data-period]")).ToContainTextAsync("5 个工作日");
        await AssertFitsAsync(staff);
        var url = staff.Url.Split('?')[0];

        await using var residentContext = await app.NewContextAsync(Resident, width: 390, height: 844);
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync("/inbox");
        await resident.Locator("[data-inbox] a", new() { HasText = title }).ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex(Regex.Escape(url) + "$"));
        await resident.Locator("[data-object]").ClickAsync();
        await Expect(resident.Locator("[data-field=text]")).ToBeVisibleAsync();
        await resident.Locator("#objection-text").FillAsync("7 栋的李爷爷今年满 80 岁，名单里没有。");
        await resident.Locator("[data-object]").ClickAsync();
        await Expect(resident.Locator("[data-message]")).ToContainTextAsync("异议已提交");
        await Expect(resident.Locator("[data-objection][data-answered=no]")).ToContainTextAsync("待答复");
        await Expect(resident.Locator("[data-object]")).ToHaveCountAsync(0);
        await AssertFitsAsync(resident);

        await staff.GotoAsync(url);
        await Expect(staff.Locator("[data-objection-counts]")).ToContainTextAsync("收到异议 1 条，已答复 0 条");
        var objection = staff.Locator("[data-objection]", new() { HasText = "李爷爷" });
        await objection.Locator("textarea").FillAsync("经核实已补入名单，下月随批发放。");
        await objection.Locator("[data-answer-objection]").ClickAsync();
        await Expect(staff.Locator("[data-message]")).ToContainTextAsync("已答复");
        await Expect(staff.Locator("[data-objection-counts]")).ToContainTextAsync("已答复 1 条");
        await AssertFitsAsync(staff);

        await resident.GotoAsync(url);
        await Expect(resident.Locator("[data-objection] [data-answer]")).ToHaveTextAsync("经核实已补入名单，下月随批发放。");
    }

    /// <summary>Nothing on the page is wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width} px wide");
    }
}
