using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

public sealed class DashboardJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Leader_OpensTheDashboard_SeesTilesAndTheMap_AndDrillsDownToAStreet()
    {
        await using var context = await app.NewContextAsync("command.420103");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "数据看板" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("江汉区");
        await Expect(page.Locator(".tile[data-indicator=ResponseRate] .tile-label")).ToHaveTextAsync("响应率");
        await Expect(page.Locator("#dashboard-map")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(page.Locator("#trend-chart")).ToHaveAttributeAsync("data-drawn", "true");
        var streets = page.Locator("#dashboard-map .leaflet-overlay-pane svg path");
        await Expect(streets.First).ToBeAttachedAsync();

        // Leaflet listens on the area's own path; a dispatched click reaches it even where areas touch.
        await streets.First.DispatchEventAsync("click");

        await Expect(page).ToHaveURLAsync(new Regex(@"/dashboard/420103\d{3}\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$"));
        await Expect(page.Locator(".node-heading .level")).ToHaveTextAsync("街道");
        await Expect(page.Locator(".breadcrumb a[href='dashboard/420103']")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard-map")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(page.Locator("table[data-case-breakdown] tbody tr").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Leader_OpensTheScreen_SeesLabelledAreasAndTheRanking_AndANewCaseCountsWithoutReload()
    {
        await using var context = await app.NewContextAsync("command.420103", width: 1920, height: 1080);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard");

        await page.Locator("[data-screen-link]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/screen/420103$"));
        await Expect(page.Locator("nav.main-nav")).ToHaveCountAsync(0);
        await Expect(page.Locator("#screen-live")).ToHaveAttributeAsync("data-live", "on");
        await Expect(page.Locator("#dashboard-map")).ToHaveAttributeAsync("data-drawn", "true");
        // Every street of the district carries its name on the map, not only under the pointer.
        await Expect(page.Locator("#dashboard-map .leaflet-tooltip.area-label").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("#dashboard-map .leaflet-tooltip.area-label").CountAsync() >= 10);
        var registered = page.Locator("[data-screen-tile=registered] strong");
        var before = await registered.InnerTextAsync();
        await page.EvaluateAsync("() => { window.screenNotReloaded = true; }");

        var (lat, lon) = await app.PointInGridAsync("420103001002001");
        await using var resident = await app.NewContextAsync("resident1");
        var filed = await resident.APIRequest.PostAsync("/api/v1/cases", new()
        {
            DataObject = new { categoryCode = "0402", title = "路灯不亮", description = "大屏测试：楼下路灯坏了", lat, lon },
        });
        Assert.Equal(201, filed.Status);
        var id = System.Text.Json.JsonDocument.Parse(await filed.TextAsync()).RootElement.GetProperty("id").GetString();
        // The screen counts registered cases (立案), as the indicators do: the street registers the report.
        await using var street = await app.NewContextAsync("street.420103001");
        foreach (var action in new[] { "register", "dispatch" })
        {
            // Dispatched to the organisation the routing names, which then leads a case of the period and is ranked.
            var current = await street.APIRequest.GetAsync($"/api/v1/cases/{id}");
            var version = System.Text.Json.JsonDocument.Parse(await current.TextAsync()).RootElement.GetProperty("version").GetInt64();
            var done = await street.APIRequest.PostAsync($"/api/v1/cases/{id}/{action}", new() { DataObject = new { version } });
            Assert.True(done.Status == 200, $"{action}: {done.Status} {await done.TextAsync()}");
        }

        // The screen waits for changes to settle for five seconds before it fetches itself again.
        // Other journeys may register cases in the district meanwhile: more than before, not exactly one more.
        await Expect(registered).Not.ToHaveTextAsync(before, new() { Timeout = 20_000 });
        Assert.True(int.Parse(await registered.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > int.Parse(before, System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("table[data-ranking] tbody tr").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.screenNotReloaded === true"));
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "leader-screen.png") });
    }
}
