using Deque.AxeCore.Playwright;

namespace Gongzhi.Browser.Tests;

/// <summary>axe finds no serious or critical violation on the main pages, in both languages' default.</summary>
public sealed class AccessibilityTests(BrowserApp app)
{
    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("grid.420103001002001", "/")]
    [InlineData("admin", "/")]
    [InlineData("grid.420103001002001", "/jurisdictions/420103001002001")]
    [InlineData("street.420103001", "/jurisdictions/420103001")]
    [InlineData("resident1", "/jurisdictions?q=%E4%B8%87%E5%B9%B4")]
    [InlineData("command.420103", "/dashboard")]
    [InlineData("command.420103", "/screen/420103")]
    [InlineData("resident1", "/report")]
    [InlineData("street.420103001", "/report")]
    [InlineData("street.420103001", "/cases")]
    [InlineData("resident1", "/cases")]
    [InlineData("street.420103001", "/cases/import")]
    [InlineData("admin", "/admin/routing-rules")]
    [InlineData("admin", "/admin/routing-rules/new")]
    public async Task Page_HasNoSeriousOrCriticalViolations(string? userName, string path)
    {
        await using var context = await app.NewContextAsync(userName);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        if (path.StartsWith("/jurisdictions/", StringComparison.Ordinal))
        {
            // Scan the drawn map too, with Leaflet's controls in it.
            await Expect(page.Locator("#jurisdiction-map")).ToHaveAttributeAsync("data-drawn", "true");
        }
        if (path.StartsWith("/dashboard", StringComparison.Ordinal) || path.StartsWith("/screen", StringComparison.Ordinal))
        {
            await Expect(page.Locator("#dashboard-map")).ToHaveAttributeAsync("data-drawn", "true");
            await Expect(page.Locator("#trend-chart")).ToHaveAttributeAsync("data-drawn", "true");
        }

        var results = await page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }
}
