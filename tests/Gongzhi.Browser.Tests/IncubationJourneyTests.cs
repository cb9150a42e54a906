using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Incubation through the pages: 民族街's office takes an organisation into its incubation room with a mentor, records
/// funds given, is refused graduation until an assessment reaches the threshold, records one, and graduates it.
/// </summary>
public sealed class IncubationJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task StreetAdmitsAnOrganisation_RecordsSupportAndAnAssessment_AndGraduatesIt()
    {
        var yesterday = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var context = await app.NewContextAsync("street.420103001");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/social/incubation");
        await page.Locator("[data-bases] a", new() { HasText = "民族街社区社会组织孵化园" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("民族街社区社会组织孵化园");

        await page.Locator("#apply-organisation").SelectOptionAsync(new SelectOptionValue { Label = "民族街青少年成长社工服务社" });
        await page.Locator("#apply-need").FillAsync("需要课业辅导场地和志愿者培训。");
        await page.Locator("[data-apply] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/social/incubation/records/[0-9a-f-]{36}\\?done=applied$"));
        await Expect(page.Locator("h1 [data-state]")).ToHaveAttributeAsync("data-state", "Applied");

        // Admitting without a mentor names the field; with one the organisation is in.
        await page.Locator("[data-admit] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-admit] [data-field=mentor]")).ToContainTextAsync("督导");
        await page.Locator("#admit-mentor").FillAsync("陈思远（中级社会工作师）");
        await page.Locator("[data-admit] button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1 [data-state]")).ToHaveAttributeAsync("data-state", "Incubating");
        await Expect(page.Locator("[data-flash]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-mentor]")).ToHaveTextAsync("陈思远（中级社会工作师）");

        await page.Locator("#support-kind").SelectOptionAsync("Funds");
        await page.Locator("#support-on").FillAsync(yesterday);
        await page.Locator("#support-amount").FillAsync("5000");
        await page.Locator("#support-description").FillAsync("公益微创投启动资金");
        await page.Locator("[data-support-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-funds-total]")).ToHaveTextAsync("¥5,000.00");

        // No assessment reaches the threshold yet: graduation is refused with the reason at the top.
        await page.Locator("[data-graduate] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-message]").First).ToContainTextAsync("18");
        await Expect(page.Locator("h1 [data-state]")).ToHaveAttributeAsync("data-state", "Incubating");

        await page.Locator("#assess-on").FillAsync(yesterday);
        await page.Locator("#assess-assessor").FillAsync("江汉区社会组织服务中心");
        foreach (var (dimension, score) in new[] { ("governance", "4"), ("finance", "4"), ("projects", "4"), ("people", "3"), ("publicTrust", "4") })
        {
            await page.Locator($"#assess-{dimension}").FillAsync(score);
        }
        await page.Locator("[data-assess-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-assessment]")).ToHaveAttributeAsync("data-assessment", "19");

        await page.Locator("#graduate-note").FillAsync("已独立承接社区课业辅导项目");
        await page.Locator("[data-graduate] button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1 [data-state]")).ToHaveAttributeAsync("data-state", "Graduated");
    }
}
