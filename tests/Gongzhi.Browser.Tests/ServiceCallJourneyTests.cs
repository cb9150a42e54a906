using System.Text.RegularExpressions;
using Gongzhi.Modules.SocialForces.Calls;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Issue 17's purchase journey: a street publishes a project and its call for proposals, a social organisation applies on a
/// phone, the street scores and awards after the deadline, the organisation delivers a milestone, the street accepts and pays.
/// </summary>
public sealed class ServiceCallJourneyTests(BrowserApp app)
{
    private const string Purchaser = "street.420103001";
    private const string Organisation = "org.420103001";

    private static async Task AssertFitsThePhoneAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            $"{page.Url} scrolls sideways on a phone");

    /// <summary>Applications have closed: the call's deadline moves into the past, as time would move it.</summary>
    private async Task CloseAsync(Guid call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        await db.Set<ProposalCall>().Where(c => c.Id == call)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Deadline, DateTimeOffset.UtcNow.AddMinutes(-1)), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StreetPublishesACall_OrganisationApplies_WinsDeliversAndIsPaid()
    {
        var title = $"社区助老服务-{Guid.NewGuid().ToString("N")[..6]}";

        await using var streetContext = await app.NewContextAsync(Purchaser, width: 390, height: 844);
        var street = await streetContext.NewPageAsync();
        await street.GotoAsync("/social/projects");
        await street.Locator("#project-title").FillAsync(title);
        await street.Locator("#project-budget").FillAsync("200000");
        await street.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(street).ToHaveURLAsync(new Regex("/social/projects/[0-9a-f-]{36}$"));
        var projectUrl = street.Url;

        // The call keeps the default rubric (weights 40/30/20/10) and deadline.
        await street.Locator("[data-publish-call] button[type=submit]").ClickAsync();
        await Expect(street).ToHaveURLAsync(new Regex("/social/calls/[0-9a-f-]{36}\\?done=published$"));
        await Expect(street.Locator("[data-rubric] [data-criterion]")).ToHaveCountAsync(4);
        await AssertFitsThePhoneAsync(street);
        var callUrl = street.Url.Split('?')[0];
        var callId = Guid.Parse(callUrl[^36..]);

        // The organisation applies on its phone.
        await using var organisationContext = await app.NewContextAsync(Organisation, width: 390, height: 844);
        var organisation = await organisationContext.NewPageAsync();
        await organisation.GotoAsync("/social/calls");
        await organisation.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await organisation.Locator("#apply-proposal").FillAsync("每周三次上门助洁、助餐，每月一次健康讲座。");
        await organisation.Locator("#apply-amount").FillAsync("180000");
        await organisation.GetByRole(AriaRole.Button, new() { Name = "提交申报" }).ClickAsync();
        await Expect(organisation.Locator("[data-done]")).ToHaveAttributeAsync("data-done", "applied");
        await Expect(organisation.Locator("[data-my-application]")).ToContainTextAsync("¥180,000.00");
        await AssertFitsThePhoneAsync(organisation);

        // After the deadline the street scores the application and awards the call.
        await CloseAsync(callId);
        await street.GotoAsync(callUrl);
        var application = street.Locator("[data-application]").First;
        for (var i = 1; i <= 4; i++)
        {
            await application.Locator($"input[name=score-{i}]").FillAsync("8");
        }
        await application.GetByRole(AriaRole.Button, new() { Name = "保存评分" }).ClickAsync();
        await Expect(street.Locator("[data-done]")).ToHaveAttributeAsync("data-done", "scored");
        await Expect(street.Locator("[data-application]").First).ToHaveAttributeAsync("data-total", "80.00");
        await street.Locator("#cm-title-0").FillAsync("全年服务");
        await street.Locator("#cm-amount-0").FillAsync("180000");
        await street.Locator("#cm-due-0").FillAsync("2027-12-31");
        await street.Locator("[data-award-form] button[type=submit]").ClickAsync();
        await Expect(street).ToHaveURLAsync(new Regex("/social/projects/[0-9a-f-]{36}\\?done=awarded$"));
        await Expect(street.Locator("[data-awarded]")).ToHaveTextAsync("¥180,000.00");

        // The result is public.
        await using var anonymousContext = await app.NewContextAsync(width: 390, height: 844);
        var anonymous = await anonymousContext.NewPageAsync();
        await anonymous.GotoAsync(callUrl);
        await Expect(anonymous.Locator("[data-winner]")).ToContainTextAsync("民族街社区养老服务中心");
        await AssertFitsThePhoneAsync(anonymous);

        // The organisation delivers the milestone of the contract it won.
        await organisation.GotoAsync(projectUrl);
        var milestone = organisation.Locator("[data-milestone]").First;
        await milestone.Locator("input[name=deliverable]").FillAsync("全年服务台账与满意度调查报告。");
        await milestone.GetByRole(AriaRole.Button, new() { Name = "提交成果" }).ClickAsync();
        await Expect(organisation.Locator("[data-milestone]").First).ToHaveAttributeAsync("data-state", "Delivered");
        await Expect(organisation.Locator("[data-milestone]").First.GetByRole(AriaRole.Button, new() { Name = "验收通过" })).ToHaveCountAsync(0);
        await AssertFitsThePhoneAsync(organisation);

        // The street accepts, then pays.
        await street.GotoAsync(projectUrl);
        await street.Locator("[data-milestone]").First.GetByRole(AriaRole.Button, new() { Name = "验收通过" }).ClickAsync();
        await Expect(street.Locator("[data-milestone]").First).ToHaveAttributeAsync("data-state", "Accepted");
        await street.Locator("[data-milestone]").First.GetByRole(AriaRole.Button, new() { Name = "付款" }).ClickAsync();
        await Expect(street.Locator("[data-milestone]").First).ToHaveAttributeAsync("data-state", "Paid");
    }
}
