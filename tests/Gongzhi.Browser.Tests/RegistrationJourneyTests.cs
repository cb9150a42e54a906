using System.Text.RegularExpressions;
using Gongzhi.Modules.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Issue 16's joining journey on a 390 px phone: a visitor registers with a code texted to their number (read here from the
/// demo's outbound channel), community staff verify the residence, the resident answers the demo survey and finds it on
/// their account page, and the staff see the survey's breakdown by age.
/// </summary>
public sealed partial class RegistrationJourneyTests(BrowserApp app)
{
    private const string Staff = "community.420103001002";
    private const string DemoSurvey = "万年社区居家养老服务需求调研";

    [Fact]
    public async Task Visitor_RegistersWithACode_IsVerified_AnswersTheSurvey_StaffSeeTheBreakdown()
    {
        var phone = "137" + Random.Shared.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var name = "浏览器居民" + Guid.NewGuid().ToString("N")[..4];

        await using var visitorContext = await app.NewContextAsync(width: 390, height: 844);
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync("/account/login");
        await visitor.Locator("[data-register-link]").ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/participation/register$"));
        await visitor.Locator("#code-phone").FillAsync(phone);
        await visitor.Locator("[data-send-code]").ClickAsync();
        await Expect(visitor.Locator("[data-code-sent]")).ToBeVisibleAsync();
        var text = app.Services.GetRequiredService<LoggingOutboundChannel>().LastTextTo(phone);
        Assert.NotNull(text);
        var code = SixDigits().Match(text).Value;
        await AssertFitsAsync(visitor);

        await visitor.Locator("#community-query").FillAsync("万年");
        await visitor.Locator("[data-find-community]").ClickAsync();
        await visitor.Locator("[data-community='万年社区']").CheckAsync();
        await visitor.Locator("#reg-address").FillAsync("胜利街 8 号 2 栋 302");
        await visitor.Locator("#reg-name").FillAsync(name);
        await visitor.Locator("#reg-code").FillAsync(code);
        await visitor.Locator("#reg-password").FillAsync("Journey-resident-2026");
        await visitor.Locator("[data-register]").ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/participation\\?done=registered$"));
        await Expect(visitor.Locator("[data-residence-state]")).ToHaveAttributeAsync("data-residence-state", "Declared");
        await AssertFitsAsync(visitor);

        // The community's staff verify the declaration.
        await using var staffContext = await app.NewContextAsync(Staff, width: 390, height: 844);
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync("/participation/residents");
        await staff.Locator("[data-resident]", new() { HasText = name }).Locator("[data-verify]").ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("done=verified$"));
        await Expect(staff.Locator("[data-resident]", new() { HasText = name })).ToHaveAttributeAsync("data-state", "Verified");
        await AssertFitsAsync(staff);

        // The resident answers the demo survey.
        await visitor.GotoAsync("/participation/surveys");
        await visitor.Locator("[data-survey]", new() { HasText = DemoSurvey }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(visitor.Locator("h1")).ToHaveTextAsync(DemoSurvey);
        var surveyUrl = visitor.Url.Split('?')[0];
        await visitor.Locator("[data-question='您家中是否有 65 岁以上的老人？']").GetByLabel("有，独居").CheckAsync();
        await visitor.Locator("[data-question='您最需要哪些养老服务？']").GetByLabel("助餐").CheckAsync();
        await visitor.Locator("[data-question='您对目前社区养老服务的满意程度？'] input[type=radio]").Nth(3).CheckAsync();
        await visitor.Locator("#age-band").SelectOptionAsync("From75");
        await visitor.Locator("[data-submit-answers]").ClickAsync();
        await Expect(visitor.Locator("[data-answered]")).ToBeVisibleAsync();
        await AssertFitsAsync(visitor);

        // It is on the resident's account page.
        await visitor.GotoAsync("/account");
        await Expect(visitor.Locator($"[data-my-survey='{DemoSurvey}']")).ToBeVisibleAsync();
        await AssertFitsAsync(visitor);

        // The staff see the results broken down by age: the resident's band has their answer.
        await staff.GotoAsync(surveyUrl + "/results?by=age");
        var band = staff.Locator("[data-group='From75']");
        await Expect(band).ToBeVisibleAsync();
        var alone = band.Locator("[data-question-result='您家中是否有 65 岁以上的老人？'] [data-option='有，独居'] [data-count]");
        Assert.True(int.Parse(await alone.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await AssertFitsAsync(staff);
    }

    /// <summary>Nothing on the page is wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width} px wide");
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}
