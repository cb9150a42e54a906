namespace Gongzhi.Browser.Tests;

/// <summary>
/// The district reads its duty lists side by side and decides an overlap: 区城管局 and 区园林局 both claim the lead for fallen
/// trees; the administrator chooses 园林, says why, and the decision is listed while the overlap leaves the page.
/// </summary>
public sealed class DutyJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Admin_DecidesTheTreeOverlap_AMissingReasonStandsUnderItsField_TheDecisionIsListed()
    {
        await using var context = await app.NewContextAsync("admin");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-nav-duty-review]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("职责交叉与空白");
        await Expect(page.Locator("[data-gaps]")).ToContainTextAsync("僵尸车");
        await Expect(page.Locator("[data-contradictions]")).ToContainTextAsync("商业噪音");

        var overlap = page.Locator("[data-overlap='0502@420103']");
        await Expect(overlap).ToContainTextAsync("江汉区城市管理执法局");
        await overlap.GetByLabel("江汉区园林和林业局").CheckAsync();
        await overlap.Locator("[data-resolve]").ClickAsync();
        await Expect(page.Locator("[data-overlap='0502@420103'] [data-field=reason]")).ToBeVisibleAsync();

        overlap = page.Locator("[data-overlap='0502@420103']");
        await overlap.GetByLabel("江汉区园林和林业局").CheckAsync();
        await overlap.Locator("select[name=outcome]").SelectOptionAsync("Assist");
        await overlap.Locator("textarea[name=reason]").FillAsync("区编办协调会：倒伏树木由园林部门牵头处置，城管配合清障");
        await overlap.Locator("[data-resolve]").ClickAsync();

        await Expect(page.Locator("[data-flash]")).ToContainTextAsync("派遣规则已随之更新");
        await Expect(page.Locator("[data-overlap='0502@420103']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-decisions]")).ToContainTextAsync("倒伏树木由园林部门牵头处置");
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "duty-review-desktop.png"), FullPage = true });
    }
}
