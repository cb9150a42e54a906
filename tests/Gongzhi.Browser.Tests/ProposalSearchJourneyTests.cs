namespace Gongzhi.Browser.Tests;

/// <summary>
/// On a 390 px phone a resident searches the deliberation hall by a Chinese word, and sees the community's open proposal
/// like the one whose title they start typing.
/// </summary>
public sealed class ProposalSearchJourneyTests(BrowserApp app)
{
    private const string DemoProposal = "在小区东门增设非机动车充电棚";

    [Fact]
    public async Task Resident_SearchesProposalsByAWord_AndSeesASimilarOneWhileTypingATitle()
    {
        await using var context = await app.NewContextAsync("resident1", width: 390, height: 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/participation/proposals");

        await page.Locator("#proposal-search").FillAsync("充电");
        await page.Locator("[data-proposal-search] button").ClickAsync();

        await Expect(page.Locator("[data-search-results]")).ToContainTextAsync("充电");
        await Expect(page.Locator("[data-proposal]", new() { HasText = DemoProposal })).ToBeVisibleAsync();
        await Expect(page.Locator("#proposal-search")).ToHaveValueAsync("充电");

        await page.Locator("#proposal-title").PressSequentiallyAsync("东门充电棚");
        await Expect(page.Locator("[data-similar-list] a", new() { HasText = DemoProposal })).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width} px wide");
    }
}
