using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Browser.Tests;

/// <summary>A dispatcher imports a spreadsheet of cases from the queue: a wrong file is turned back on the form, a good one runs to its end.</summary>
public sealed class ImportJourneyTests(BrowserApp app)
{
    private const string Grid = "420103001002001";

    [Fact]
    public async Task Dispatcher_UploadsACsv_WithOneGoodAndOneBadRow_SeesTheJobFinish_AndDownloadsTheErrorReport()
    {
        var (lat, lon) = await PointInGridAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        await using var context = await app.NewContextAsync("street.420103001");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/cases");
        await page.Locator("[data-import-link]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/cases/import$"));
        await Expect(page.Locator("table[data-columns]")).ToContainTextAsync("category_code");
        var template = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-template]").ClickAsync());
        var header = (await File.ReadAllTextAsync((await template.PathAsync())!, TestContext.Current.CancellationToken)).TrimStart('\uFEFF').Trim();
        Assert.StartsWith("category_code,title,description,lat,long,address", header, StringComparison.Ordinal);

        // No file, then a file whose header the importer does not know: both answered on the form.
        await page.Locator("button[data-submit]").ClickAsync();
        await Expect(page.Locator("[data-field=file]")).ToContainTextAsync("请选择");
        await page.Locator("#file").SetInputFilesAsync(Csv("wrong.csv", "类别,描述\n0103,路口油污\n"));
        await page.Locator("button[data-submit]").ClickAsync();
        await Expect(page.Locator("[data-field=file]")).ToContainTextAsync("未知的列");
        await Expect(page).ToHaveURLAsync(new Regex("/cases/import$"));

        var p = string.Create(CultureInfo.InvariantCulture, $"{lat:0.000000},{lon:0.000000}");
        await page.Locator("#file").SetInputFilesAsync(Csv($"cases-{marker}.csv",
            $"category_code,description,lat,long\n0103,路口油污导入 {marker},{p}\n9999,不存在的小类 {marker},{p}\n"));
        await page.Locator("button[data-submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/cases/import/[0-9a-f-]{36}$"));
        // The script follows the running job and shows the page again once it is done.
        await Expect(page.Locator("#import-job")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-accepted]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-failed]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-processed]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-refused-rows] tr[data-row='3']")).ToContainTextAsync("category_code");

        var report = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-error-report]").ClickAsync());
        var lines = (await File.ReadAllTextAsync((await report.PathAsync())!, TestContext.Current.CancellationToken)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,field,message", lines[0]);
        Assert.StartsWith("3,\"category_code\"", Assert.Single(lines.Skip(1)), StringComparison.Ordinal);

        // The accepted row is a case in the queue; the job is among the dispatcher's recent imports.
        await page.GotoAsync($"/cases?view=all&q={marker}");
        await Expect(page.Locator(".case-row")).ToHaveCountAsync(1);
        await Expect(page.Locator(".case-row .case-title")).ToContainTextAsync($"路口油污导入 {marker}");
        await page.GotoAsync("/cases/import");
        await Expect(page.Locator("[data-recent-imports]")).ToContainTextAsync($"cases-{marker}.csv");
    }

    private static FilePayload Csv(string name, string text) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private async Task<(double Lat, double Lon)> PointInGridAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        var grid = await db.Set<Jurisdiction>().IgnoreQueryFilters().AsNoTracking().FirstAsync(j => j.Code == Grid);
        var point = (grid.CentroidLat!.Value, grid.CentroidLon!.Value);
        Assert.Equal(Grid, await scope.ServiceProvider.GetRequiredService<JurisdictionIndex>().LocateAsync(point.Item1, point.Item2));
        return point;
    }
}
