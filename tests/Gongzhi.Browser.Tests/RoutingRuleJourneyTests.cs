namespace Gongzhi.Browser.Tests;

/// <summary>An administrator keeps the routing rules through the pages: from the menu, a new rule with two assisting organisations.</summary>
public sealed class RoutingRuleJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Admin_AddsARuleWithAssistingOrganisations_FromTheMenu_AndFindsItByArea()
    {
        await using var context = await app.NewContextAsync("admin");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".main-nav a[href='admin/routing-rules']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("分派规则");

        await page.GetByRole(AriaRole.Link, new() { Name = "新建规则" }).ClickAsync();
        await page.Locator("#categoryCode").SelectOptionAsync("0404");
        await page.Locator("#jurisdictionPrefix").FillAsync("420103002");
        await page.Locator("#lead").SelectOptionAsync(new SelectOptionValue { Label = "江汉区城市管理执法局（420103.cgj）" });
        await page.Locator("#assisting").SelectOptionAsync([
            new SelectOptionValue { Label = "江汉区住房和城乡建设局（420103.zjj）" },
            new SelectOptionValue { Label = "江汉区园林和林业局（420103.yllyj）" },
        ]);
        // Inactive, so that the other journeys' cases are routed as before.
        await page.GetByLabel("启用（停用的规则不参与建议）").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/routing-rules#r"));
        await page.Locator("#area").FillAsync("420103002");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = "人行道损坏" });
        await Expect(row).ToContainTextAsync("花楼街街道");
        await Expect(row).ToContainTextAsync("江汉区住房和城乡建设局");
        await Expect(row).ToContainTextAsync("江汉区园林和林业局");
        await Expect(row).ToContainTextAsync("停用");
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "routing-rules-desktop.png"), FullPage = true });

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#assisting option:checked")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-assisting-chosen]")).ToContainTextAsync("江汉区住房和城乡建设局");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "routing-rule-edit-desktop.png"), FullPage = true });
    }
}
