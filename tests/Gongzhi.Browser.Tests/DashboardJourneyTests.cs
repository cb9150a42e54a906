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
}
