using System.Text.RegularExpressions;
using Gongzhi.Modules.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// A grid worker on a phone (390 px) works through the care-visit list: visits an elderly resident who lives
/// alone, sees the full phone number for the visit's purpose, updates the record and opens a case from the visit.
/// </summary>
public sealed class RegistryJourneyTests(BrowserApp app)
{
    private const string GridWorker = "grid.420103001002001";
    private const string Resident = "王秀英";

    [Fact]
    public async Task GridWorkerOnAPhone_VisitsAnElderlyResidentLivingAlone_UpdatesTheRecord_AndOpensACaseFromTheVisit()
    {
        await app.Services.GetRequiredService<RegistryDemo>().Ready.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await using var context = await app.NewContextAsync(GridWorker, width: 390, height: 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/registry");
        await Expect(page.Locator("h1")).ToHaveTextAsync("实有人口");

        // The care-visit list shows her as due; her ID number is masked in the list.
        await page.Locator("[data-nav-care]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/registry/care-visits$"));
        var card = page.Locator("[data-people] [data-person]", new() { HasText = Resident });
        await Expect(card.Locator("[data-id-number]")).ToContainTextAsync("********");
        await Expect(card.Locator(".badge-overdue")).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Link, new() { Name = Resident }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/registry/persons/[0-9a-f-]{36}$"));
        var personUrl = page.Url;
        await Expect(page.Locator("[data-care-tags-shown] [data-tag=LivingAlone]")).ToHaveTextAsync("独居老人");
        await Expect(page.Locator("[data-person-facts] [data-phone]")).ToContainTextAsync("****");

        // Calling ahead needs the full number: a purpose is chosen, the reveal is recorded.
        await page.Locator("#reveal-purpose").SelectOptionAsync("care-visit");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看完整信息" }).ClickAsync();
        await Expect(page.Locator("[data-revealed]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-person-facts] [data-phone]")).Not.ToContainTextAsync("*");

        // The visit: what was found, and her new phone number.
        await page.Locator("#visit-notes").FillAsync("老人身体尚好，独自在家；厨房屋顶漏水，需维修。");
        await page.Locator("#visit-phone").FillAsync("13900271234");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/registry/persons/[0-9a-f-]{36}\\?visit=[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-message]")).ToContainTextAsync("走访已记录");
        await Expect(page.Locator("[data-person-facts] [data-phone]")).ToHaveTextAsync("139****1234");
        await Expect(page.Locator("[data-history] [data-change=phone]").First).ToContainTextAsync("139****1234");
        await Expect(page.Locator("[data-visits] [data-visit]").First).ToContainTextAsync("厨房屋顶漏水");

        // A case from the visit, at her home's position.
        await page.Locator("#case-category").SelectOptionAsync("0704");
        await page.Locator("#case-title").FillAsync("独居老人家中厨房屋顶漏水");
        await page.Locator("#case-description").FillAsync("走访发现王秀英家厨房屋顶漏水，老人独居，请物业尽快维修。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交案件" }).ClickAsync();
        var opened = page.Locator("[data-case-opened] a");
        await Expect(opened).ToHaveTextAsync(new Regex("^\\S+$"));
        var reference = await opened.TextContentAsync();
        await Expect(page.Locator("[data-visits] [data-visit]").First).ToContainTextAsync(reference!);

        // Nothing runs off the side of the phone.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The person's page is wider than the phone.");

        // She is no longer due: the list moves on to the next person.
        await page.GotoAsync("/registry/care-visits");
        await Expect(page.Locator("[data-people] [data-person]", new() { HasText = Resident })).ToHaveCountAsync(0);
        await opened.Page.GotoAsync(personUrl);
        await Expect(page.Locator("[data-last-visit]")).Not.ToHaveTextAsync("—");
    }
}
