using System.Globalization;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Scoping;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Issue 21's reporting without an account: a visitor reports with a code texted to their number (read here from the demo's
/// outbound channel) and follows the case by its link; another visitor finds an open case of the same kind nearby and says
/// 我也遇到了 instead of filing it again, and the street's dispatcher sees the supporter on the case.
/// </summary>
public sealed partial class GuestReportJourneyTests(BrowserApp app)
{
    private const string Grid = "420103001002001";

    [Fact]
    public async Task Visitor_ReportsWithoutAnAccountWithACode_AndFollowsIt()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        var phone = NewPhone();
        var name = "浏览器游客" + Guid.NewGuid().ToString("N")[..4];

        await using var visitorContext = await app.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync("/report");
        await Expect(visitor.Locator("p[data-guest]")).ToBeVisibleAsync();
        await visitor.Locator("#description").FillAsync("人行道上有一大片油污，老人走路容易滑倒");
        await visitor.Locator("#category").SelectOptionAsync("0103");
        await PlaceAsync(visitor, lat, lon);
        await visitor.Locator("#reporterName").FillAsync(name);
        await visitor.Locator("#reporterPhone").FillAsync(phone);
        await visitor.Locator("[data-send-code]").ClickAsync();
        await Expect(visitor.Locator("[data-code-sent]")).ToBeVisibleAsync();
        await Expect(visitor.Locator("#reporterName")).ToHaveValueAsync(name);

        await visitor.Locator("#code").FillAsync(CodeSentTo(phone));
        await visitor.Locator("button[data-submit]").ClickAsync();
        await Expect(visitor.Locator("[data-state]")).ToHaveTextAsync("待立案");
        var reference = (await visitor.Locator("[data-reference]").TextContentAsync())!.Trim();
        Assert.Matches(@"^420103-\d{8}-\d{6}$", reference);

        await visitor.Locator("[data-follow-link]").ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/cases/follow/[0-9a-f]{64}$"));
        await Expect(visitor.Locator("[data-reference]")).ToHaveTextAsync(reference);
        await Expect(visitor.Locator("#case-state")).ToContainTextAsync("待立案");
        var page = await visitor.ContentAsync();
        Assert.DoesNotContain(name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, page, StringComparison.Ordinal);
        Assert.DoesNotContain(phone[..3] + "****" + phone[^4..], page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visitor_SaysMeTooOnANearbyReport_InsteadOfFilingItAgain()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        // Someone reported the problem before, by the hotline.
        string caseId;
        using (var scope = app.Services.CreateScope())
        {
            var reported = await scope.ServiceProvider.GetRequiredService<CaseIntakeService>().SubmitAsync(Caller.System,
                new CaseSubmission("0105", CaseUrgency.Normal, "墙上小广告", "单元门口贴满了小广告", lat, lon), null, CancellationToken.None);
            caseId = reported.Case.Id.ToString();
        }

        var phone = NewPhone();
        await using var visitorContext = await app.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync("/report");
        await visitor.Locator("#description").FillAsync("楼下墙上又被贴了小广告");
        await visitor.Locator("#category").SelectOptionAsync("0105");
        await PlaceAsync(visitor, lat + 0.0003, lon);
        var nearby = visitor.Locator($"[data-nearby-case='{caseId}']");
        await Expect(nearby).ToBeVisibleAsync();

        await visitor.Locator("#reporterPhone").FillAsync(phone);
        await visitor.Locator("[data-send-code]").ClickAsync();
        await Expect(visitor.Locator("[data-code-sent]")).ToBeVisibleAsync();
        await visitor.Locator("#code").FillAsync(CodeSentTo(phone));
        await nearby.Locator("[data-me-too]").ClickAsync();
        await Expect(visitor.Locator("[data-supported]")).ToHaveAttributeAsync("data-supported", "1");

        await visitor.Locator("[data-follow-link]").ClickAsync();
        await Expect(visitor.Locator("[data-supporters]")).ToHaveAttributeAsync("data-supporters", "1");

        // The street's dispatcher sees that someone else met the problem too.
        await using var streetContext = await app.NewContextAsync("street.420103001");
        var street = await streetContext.NewPageAsync();
        await street.GotoAsync($"/cases/{caseId}");
        await Expect(street.Locator("[data-supporters]")).ToHaveAttributeAsync("data-supporters", "1");
    }

    private static async Task PlaceAsync(IPage page, double lat, double lon)
    {
        await page.Locator("#lat").FillAsync(lat.ToString("0.000000", CultureInfo.InvariantCulture));
        await page.Locator("#lon").FillAsync(lon.ToString("0.000000", CultureInfo.InvariantCulture));
        await page.Locator("#lon").DispatchEventAsync("change");
    }

    private string CodeSentTo(string phone)
    {
        var text = app.Services.GetRequiredService<LoggingOutboundChannel>().LastTextTo(phone);
        Assert.NotNull(text);
        return SixDigits().Match(text).Value;
    }

    private static string NewPhone() => "136" + Random.Shared.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}
