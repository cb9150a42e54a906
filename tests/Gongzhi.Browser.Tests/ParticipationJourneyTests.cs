using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Issue 16's journey on a 390 px phone: community staff open a ballot and publish a notice asking for acknowledgement;
/// a verified resident supports a proposal, votes and acknowledges the notice, and finds it in the inbox; the staff see
/// the read receipt and the result.
/// </summary>
public sealed class ParticipationJourneyTests(BrowserApp app)
{
    private const string Staff = "community.420103001002";
    private const string Resident = "resident1";
    private const string DemoProposal = "在小区东门增设非机动车充电棚";

    [Fact]
    public async Task VerifiedResident_SupportsVotesAndAcknowledges_StaffSeeReceiptAndResult()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var ballotTitle = $"楼下空地用途表决-{run}";
        var noticeTitle = $"电梯检修通知-{run}";

        // Staff, on a phone too: a ballot and a notice for 万年社区.
        await using var staffContext = await app.NewContextAsync(Staff, width: 390, height: 844);
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync("/participation/ballots");
        await staff.Locator("#ballot-title").FillAsync(ballotTitle);
        await staff.Locator("#ballot-options").FillAsync("改建停车位\n改建健身角\n保持绿地");
        await staff.GetByRole(AriaRole.Button, new() { Name = "发起", Exact = true }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("/participation/ballots/[0-9a-f-]{36}\\?done=ballot$"));
        await Expect(staff.Locator("h1")).ToHaveTextAsync(ballotTitle);
        await AssertFitsAsync(staff);
        var ballotUrl = staff.Url.Split('?')[0];

        await staff.GotoAsync("/participation/notices");
        await staff.Locator("#notice-title").FillAsync(noticeTitle);
        await staff.Locator("#notice-body").FillAsync("12月12日 9:00—12:00 3栋电梯检修，请走楼梯。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("/participation/notices/[0-9a-f-]{36}\\?done=published$"));
        var noticeUrl = staff.Url.Split('?')[0];
        await Expect(staff.Locator("[data-receipt=unread]", new() { HasText = "居民一" })).ToBeVisibleAsync();

        // The resident: the notice waits in the inbox, counted in the header.
        await using var residentContext = await app.NewContextAsync(Resident, width: 390, height: 844);
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync("/participation");
        await Expect(resident.Locator("[data-residence-state]")).ToHaveAttributeAsync("data-residence-state", "Verified");
        await Expect(resident.Locator("[data-unread-count]").First).Not.ToHaveAttributeAsync("data-unread-count", "0");
        await AssertFitsAsync(resident);

        // Supports the community's proposal.
        await resident.Locator("[data-link-proposals]").ClickAsync();
        await resident.Locator("[data-proposal]", new() { HasText = DemoProposal }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(resident.Locator("h1")).ToHaveTextAsync(DemoProposal);
        await resident.Locator("[data-support]").ClickAsync();
        await Expect(resident.Locator("[data-message]")).ToContainTextAsync("联署成功");
        await Expect(resident.Locator("[data-supported]")).ToBeVisibleAsync();
        await Expect(resident.Locator(".support [data-support-count]")).ToHaveTextAsync("1");
        await AssertFitsAsync(resident);

        // Votes; a secret ballot says it keeps no record of the choice.
        await resident.GotoAsync(ballotUrl);
        await Expect(resident.Locator(".hint")).ToContainTextAsync("不记录您的选择");
        await resident.GetByLabel("改建健身角").CheckAsync();
        await resident.Locator("[data-vote]").ClickAsync();
        await Expect(resident.Locator("[data-message]")).ToContainTextAsync("投票成功");
        await Expect(resident.Locator("[data-voted]")).ToBeVisibleAsync();
        await Expect(resident.Locator("[data-vote]")).ToHaveCountAsync(0);
        await AssertFitsAsync(resident);

        // Reads the notice from the inbox and acknowledges it.
        await resident.GotoAsync("/inbox");
        await resident.Locator("[data-inbox] a", new() { HasText = noticeTitle }).ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex(Regex.Escape(noticeUrl) + "$"));
        await resident.Locator("[data-acknowledge]").ClickAsync();
        await Expect(resident.Locator("[data-acknowledged]")).ToContainTextAsync("确认阅读");
        await AssertFitsAsync(resident);

        // The staff see the receipt and the result.
        await staff.GotoAsync(noticeUrl);
        await Expect(staff.Locator("[data-receipt=read]", new() { HasText = "居民一" })).ToBeVisibleAsync();
        await Expect(staff.Locator("[data-receipt-counts]")).ToContainTextAsync("已读 1 人");
        await staff.GotoAsync(ballotUrl);
        await Expect(staff.Locator("[data-turnout]")).ToContainTextAsync("参与 1 人");
        await Expect(staff.Locator("[data-option='改建健身角'] [data-votes]")).ToHaveTextAsync("1");
        await AssertFitsAsync(staff);
    }

    /// <summary>Nothing on the page is wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width} px wide");
    }
}
