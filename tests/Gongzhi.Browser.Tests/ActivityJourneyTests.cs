using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Issue 17's activity journey on phones (390 px): the community publishes an activity, a resident registers for it,
/// the organiser shows the check-in QR code and the resident checks in with it.
/// </summary>
public sealed class ActivityJourneyTests(BrowserApp app)
{
    private const string Organiser = "community.420103001002";
    private const string Resident = "resident1";

    private static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static async Task AssertFitsThePhoneAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            $"{page.Url} scrolls sideways on a phone");

    [Fact]
    public async Task ResidentRegistersOnAPhone_AndChecksInWithTheCodeTheOrganiserShows()
    {
        var title = $"社区义诊-{Guid.NewGuid().ToString("N")[..6]}";
        var start = DateTimeOffset.UtcNow.AddMinutes(30);

        await using var organiserContext = await app.NewContextAsync(Organiser, width: 390, height: 844);
        var organiser = await organiserContext.NewPageAsync();
        await organiser.GotoAsync("/social/activities");
        await organiser.Locator("#activity-title").FillAsync(title);
        await organiser.Locator("#activity-starts").FillAsync(Local(start));
        await organiser.Locator("#activity-ends").FillAsync(Local(start.AddHours(2)));
        await organiser.Locator("#activity-capacity").FillAsync("20");
        await organiser.Locator("#activity-place").FillAsync("万年社区卫生服务站");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/social/activities/[0-9a-f-]{36}$"));
        await Expect(organiser.Locator("h1")).ToHaveTextAsync(title);
        var activityUrl = organiser.Url;

        // The resident finds the activity in the list on their phone and registers.
        await using var residentContext = await app.NewContextAsync(Resident, width: 390, height: 844);
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync("/social/activities");
        await AssertFitsThePhoneAsync(resident);
        await resident.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await resident.Locator("[data-register]").ClickAsync();
        await Expect(resident.Locator("[data-done]")).ToContainTextAsync("报名成功");
        await Expect(resident.Locator("[data-my-status]")).ToHaveAttributeAsync("data-my-status", "confirmed");
        await Expect(resident.Locator("[data-confirmed]")).ToHaveAttributeAsync("data-confirmed", "1");
        await AssertFitsThePhoneAsync(resident);

        // The organiser shows the check-in code on their phone.
        await organiser.GotoAsync(activityUrl);
        await organiser.Locator("[data-show-code]").ClickAsync();
        var qr = organiser.Locator("figure.checkin-code img");
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 100);
        await AssertFitsThePhoneAsync(organiser);
        var link = await organiser.Locator("[data-checkin-link]").GetAttributeAsync("href");
        Assert.NotNull(link);

        // The resident's phone opens what the code holds and checks in.
        await resident.GotoAsync(link);
        await Expect(resident.Locator("p.lead")).ToContainTextAsync(title);
        await resident.Locator("[data-attend]").ClickAsync();
        await Expect(resident.Locator("[data-attended]")).ToHaveAttributeAsync("data-attended", "in");
        await Expect(resident.Locator("[data-attended]")).ToContainTextAsync(title);

        // Attendance is recorded: the resident sees it, the organiser's list shows the time.
        await resident.GotoAsync(activityUrl);
        await Expect(resident.Locator("[data-checked-in]")).ToBeVisibleAsync();
        await organiser.GotoAsync(activityUrl);
        await Expect(organiser.Locator("[data-participants] [data-in]").First).Not.ToHaveTextAsync("—");
    }
}
