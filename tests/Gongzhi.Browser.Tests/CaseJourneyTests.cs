using System.Text.RegularExpressions;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// A case from the resident's report to the resident's verdict, each step done by the person whose job it is,
/// through the pages; and the queue that shows a new case while it is open.
/// </summary>
public sealed class CaseJourneyTests(BrowserApp app)
{
    private const string Grid = "420103001002001";
    private const string Resident = "resident1";
    private const string Dispatcher = "street.420103001";
    private const string Department = "dept.420103.cgj";
    private const string GridWorker = "grid.420103001002001";
    private const string Command = "command.420103";

    [Fact]
    public async Task Report_DispatchReturnRedispatch_ResolveVerifyClose_RateSatisfied_ShowsOnTheDashboard()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        var marker = Guid.NewGuid().ToString("N")[..8];

        // What the command centre's drill-down counts for the grid before the journey (other data may be there too).
        await using var commandContext = await app.NewContextAsync(Command);
        var command = await commandContext.NewPageAsync();
        await command.GotoAsync($"/dashboard/{Grid}");
        await Expect(command.Locator("table[data-case-breakdown]")).ToBeVisibleAsync();
        var before = command.Locator("table[data-case-breakdown] tbody tr", new() { HasText = "市容环境" }).Locator("td").First;
        var registeredBefore = await before.CountAsync() == 0 ? 0 : int.Parse((await before.TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        // The resident reports with a photo; the description suggests the category.
        await using var residentContext = await app.NewContextAsync(Resident);
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync("/report");
        await Expect(resident.Locator("#report-map")).ToHaveAttributeAsync("data-ready", "true");
        await resident.Locator("#description").FillAsync($"小区门口有暴露垃圾，好几个垃圾袋堆在路边没人清运 {marker}");
        var chip = resident.Locator("#category-suggestions [data-suggest-code='0101']");
        await chip.ClickAsync();
        await Expect(resident.Locator("#category")).ToHaveValueAsync("0101");
        await resident.Locator("#attr-0101-volume").SelectOptionAsync("少量");
        await resident.Locator("#lat").FillAsync(lat.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        await resident.Locator("#lon").FillAsync(lon.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        await resident.Locator("#lon").DispatchEventAsync("change");
        await Expect(resident.Locator("#report-map")).ToHaveAttributeAsync("data-located", Grid);
        await Expect(resident.Locator("#grid-status")).ToContainTextAsync("万年社区");
        await resident.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "rubbish.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        await resident.Locator("#reporterPhone").FillAsync("13800001234");
        await resident.Locator("button[data-submit]").ClickAsync();

        await Expect(resident.Locator("[data-state]")).ToHaveTextAsync("待立案");
        await Expect(resident.Locator("[data-grid]")).ToContainTextAsync(Grid);
        var reference = (await resident.Locator("[data-reference]").TextContentAsync())!.Trim();
        Assert.Matches(@"^420103-\d{8}-\d{6}$", reference);
        await resident.Locator(".report-result a.button-primary").ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        var caseUrl = new Uri(resident.Url).AbsolutePath;
        await Expect(resident.Locator(".photos img")).ToHaveCountAsync(1);

        // The street registers and dispatches to the suggested department; the reporter's phone is masked until revealed.
        await using var streetContext = await app.NewContextAsync(Dispatcher);
        var street = await streetContext.NewPageAsync();
        await street.GotoAsync($"/cases?view=register&q={reference}");
        await street.Locator($"[data-reference='{reference}'] a.case-title").ClickAsync();
        await Expect(street.Locator("[data-reporter]")).Not.ToContainTextAsync("13800001234");
        await ActAsync(street, "register", "Registered");
        await Expect(street.Locator("details[data-action=dispatch] [data-suggestion]")).ToHaveAttributeAsync("data-suggestion", "江汉区城市管理执法局");
        await ActAsync(street, "dispatch", "Dispatched");
        await Expect(street.Locator("[data-lead]")).ToHaveTextAsync("江汉区城市管理执法局");

        // The department returns it once, with a reason.
        await using var departmentContext = await app.NewContextAsync(Department);
        var department = await departmentContext.NewPageAsync();
        await department.GotoAsync(caseUrl);
        var giveBack = department.Locator("details[data-action='return']");
        await giveBack.EvaluateAsync("d => d.open = true");
        await giveBack.Locator("[name=reason]").FillAsync("该处为小区内部道路，应由物业清运");
        await giveBack.Locator("button[type=submit]").ClickAsync();
        // Returned, the case leaves the department's sight: it lands back on its queue, told where the case went.
        await Expect(department).ToHaveURLAsync(new Regex("/cases\\?"));
        await Expect(department.Locator("#queue-message")).ToContainTextAsync(reference);

        // The dispatcher sends it again; the department accepts and resolves with a note.
        await street.GotoAsync(caseUrl);
        await Expect(street.Locator("#case-timeline")).ToContainTextAsync("该处为小区内部道路");
        await ActAsync(street, "dispatch", "Dispatched", ("note", "经核实为市政道路，请城管处置"));
        await department.GotoAsync(caseUrl);
        await ActAsync(department, "accept", "Accepted");
        await ActAsync(department, "resolve", "Resolved", ("note", "已清运垃圾并冲洗路面"));
        await Expect(department.Locator("[data-resolution]")).ToHaveTextAsync("已清运垃圾并冲洗路面");

        // The grid worker checks on the spot; the street closes the case.
        await using var gridContext = await app.NewContextAsync(GridWorker);
        var grid = await gridContext.NewPageAsync();
        await grid.GotoAsync($"/cases?view=verify&q={reference}");
        await grid.Locator($"[data-reference='{reference}'] a.case-title").ClickAsync();
        await ActAsync(grid, "verify", "Verified", ("note", "现场已清理干净"));
        await street.GotoAsync(caseUrl);
        await ActAsync(street, "close", "Closed");

        // The resident rates the result from the case page, reached from 我的诉求.
        await resident.GotoAsync("/cases");
        await Expect(resident.Locator($"[data-reference='{reference}'] [data-state]")).ToHaveTextAsync("已结案");
        await resident.Locator($"[data-reference='{reference}'] a.case-title").ClickAsync();
        await ActAsync(resident, "evaluate", "Evaluated", ("satisfaction", "Satisfied"));
        await Expect(resident.Locator("[data-satisfaction]")).ToContainTextAsync("满意");
        await Expect(resident.Locator("#case-timeline li[data-action=dispatch]")).ToHaveCountAsync(2);
        // A return is between offices: the resident sees neither the line nor its reason.
        await Expect(resident.Locator("#case-timeline li[data-action=return]")).ToHaveCountAsync(0);
        await Expect(resident.Locator("#case-timeline")).Not.ToContainTextAsync("该处为小区内部道路");

        // The command centre's dashboard, drilled down to the grid, counts the case under its category, rated.
        await command.GotoAsync($"/dashboard/{Grid}");
        // At grid level the breakdown is by 大类: one more 市容环境 case registered than before the journey, none of them open for it.
        var row = command.Locator("table[data-case-breakdown] tbody tr", new() { HasText = "市容环境" });
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync((registeredBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row.Locator("td").Nth(7)).Not.ToHaveTextAsync("—");
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await resident.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "case-page.png"), FullPage = true });
    }

    [Fact]
    public async Task OpenQueue_ShowsACaseReportedElsewhere_WithoutReload()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        var marker = "live" + Guid.NewGuid().ToString("N")[..8];
        await using var streetContext = await app.NewContextAsync(Dispatcher);
        var queue = await streetContext.NewPageAsync();
        await queue.GotoAsync($"/cases?view=register&q={marker}");
        await Expect(queue.Locator("#case-results")).ToHaveAttributeAsync("data-live", "on");
        await Expect(queue.Locator("#case-results .empty")).ToBeVisibleAsync();

        await using var residentContext = await app.NewContextAsync("resident2");
        var response = await residentContext.APIRequest.PostAsync("/api/v1/cases", new()
        {
            DataObject = new
            {
                categoryCode = "0402",
                title = $"路灯不亮 {marker}",
                description = $"小区门口的路灯一整晚都不亮 {marker}",
                lat,
                lon,
            },
        });
        Assert.Equal(201, response.Status);

        var row = queue.Locator("#case-results .case-row", new() { HasText = marker });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("[data-state]")).ToHaveTextAsync("待立案");
    }

    [Fact]
    public async Task CasePage_ChangedInAnotherBrowser_UpdatesLive_AndAStaleActionIsRefusedWithAClearMessage()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        await using var residentContext = await app.NewContextAsync("resident2");
        var created = await residentContext.APIRequest.PostAsync("/api/v1/cases", new()
        {
            DataObject = new { categoryCode = "0402", title = "路灯不亮", description = "楼下路灯坏了好几天", lat, lon },
        });
        Assert.Equal(201, created.Status);
        var id = System.Text.Json.JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("id").GetString();

        await using var firstContext = await app.NewContextAsync(Dispatcher);
        var first = await firstContext.NewPageAsync();
        await first.GotoAsync($"/cases/{id}");
        await Expect(first.Locator("#case-live")).ToHaveAttributeAsync("data-live", "on");
        await using var secondContext = await app.NewContextAsync(Dispatcher);
        var second = await secondContext.NewPageAsync();
        await second.GotoAsync($"/cases/{id}");
        await ActAsync(second, "register", "Registered");

        // The first page hears of it without a reload, and says its forms are for the old version.
        await Expect(first.Locator("#case-changed")).ToBeVisibleAsync();
        await Expect(first.Locator("#case-state")).ToHaveAttributeAsync("data-state", "Registered");
        await Expect(first.Locator("#case-timeline li[data-action=register]")).ToHaveCountAsync(1);

        // Its stale form still posts, and the answer is a message in the page, not an error page.
        var stale = first.Locator("details[data-action='register']");
        await stale.EvaluateAsync("d => d.open = true");
        await stale.Locator("button[type=submit]").ClickAsync();
        await Expect(first.Locator("#case-message")).ToContainTextAsync("已被他人修改");
        await Expect(first.Locator("#case-state")).ToHaveAttributeAsync("data-state", "Registered");
        await Expect(first.Locator("#case-timeline li[data-action=register]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task CasePage_LeftOpen_LearnsOfAChangeNoEventAnnounced()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        await using var residentContext = await app.NewContextAsync("resident2");
        var created = await residentContext.APIRequest.PostAsync("/api/v1/cases", new()
        {
            DataObject = new { categoryCode = "0402", title = "路灯闪烁", description = "路口的路灯一闪一闪", lat, lon },
        });
        Assert.Equal(201, created.Status);
        var id = Guid.Parse(System.Text.Json.JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("id").GetString()!);

        await using var context = await app.NewContextAsync(Dispatcher);
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        // The page looks again every 20 s rather than every minute: a fake minute without the hub's pings would end the
        // connection, and the catch-up after reconnecting would hide whether the page looks again by itself.
        await page.RouteAsync($"**/cases/{id}", async route =>
        {
            var response = await route.FetchAsync();
            var html = (await response.TextAsync()).Replace("id=\"case-live\"", "id=\"case-live\" data-live-resync=\"20\"", StringComparison.Ordinal);
            await route.FulfillAsync(new() { Response = response, Body = html });
        });
        await page.GotoAsync($"/cases/{id}");
        await Expect(page.Locator("#case-live")).ToHaveAttributeAsync("data-live", "on");

        // A change whose node died between its commit and its event: in the database, announced to nobody.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Gongzhi.Platform.Scoping.Caller.System;
            Assert.Equal(1, await db.Set<Gongzhi.Modules.Cases.Case>().Where(c => c.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, Gongzhi.Modules.Cases.CaseState.Registered)
                    .SetProperty(c => c.Version, c => c.Version + 1), TestContext.Current.CancellationToken));
        }
        await page.Clock.RunForAsync(5_000);
        await Expect(page.Locator("#case-changed")).ToBeHiddenAsync();

        // Once the page has looked again, it shows the change.
        await page.Clock.FastForwardAsync("00:16");
        await Expect(page.Locator("#case-live")).ToHaveAttributeAsync("data-live", "on");
        await Expect(page.Locator("#case-state")).ToHaveAttributeAsync("data-state", "Registered");
        await Expect(page.Locator("#case-changed")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ReportForm_WithMissingFields_ShowsEachMessageAtItsField_AndKeepsWhatWasTyped()
    {
        await using var context = await app.NewContextAsync(Resident);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/report");
        await page.Locator("#title").FillAsync("楼道灯不亮");
        await page.Locator("#category").SelectOptionAsync("0101");

        await page.Locator("button[data-submit]").ClickAsync();

        await Expect(page.Locator("#report-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#description-messages .validation-message")).ToContainTextAsync("描述必填");
        await Expect(page.Locator("#description")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#location-messages .validation-message")).ToContainTextAsync("请在地图上选点");
        await Expect(page.Locator("[data-attributes-for='0101'] .validation-message")).ToContainTextAsync("请填写垃圾量");
        await Expect(page.Locator("#title")).ToHaveValueAsync("楼道灯不亮");
        await Expect(page.Locator("#category")).ToHaveValueAsync("0101");
        await Expect(page.Locator("#category-messages .validation-message")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task GridWorker_OnAPhone_ReportsFromTheirPosition_AsAPatrolEvent()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        await using var context = await app.NewContextAsync(GridWorker, width: 390, height: 844);
        await context.GrantPermissionsAsync(["geolocation"]);
        await context.SetGeolocationAsync(new Geolocation { Latitude = (float)lat, Longitude = (float)lon });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("a[href='report?channel=patrol']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("巡查上报");
        await Expect(page.Locator("#photos")).ToHaveAttributeAsync("capture", "environment");

        await page.Locator("#locate-me").ClickAsync();
        await Expect(page.Locator("#report-map")).ToHaveAttributeAsync("data-located", Grid);
        await page.Locator("#description").FillAsync("路灯不亮，晚上路过很黑");
        await page.Locator("#category").SelectOptionAsync("0402");
        await page.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "lamp.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "report-phone.png"), FullPage = true });
        await page.Locator("button[data-submit]").ClickAsync();

        await Expect(page.Locator("[data-grid]")).ToContainTextAsync(Grid);
        await page.Locator(".report-result a.button-primary").ClickAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync("网格巡查");
        await Expect(page.Locator(".photos img")).ToHaveCountAsync(1);
        await page.GotoAsync("/cases?view=all");
        await Expect(page.Locator(".case-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "queue-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task HotlineEntry_NeedsTheCallersPhone_AndTheSamePostTwiceMakesOneCase()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        await using var context = await app.NewContextAsync(Dispatcher);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/report");
        await Expect(page.Locator("h1")).ToHaveTextAsync("热线代录");
        await page.Locator("#description").FillAsync("来电反映：楼下商铺占道经营，堵住了消防通道");
        await page.Locator("#category").SelectOptionAsync("0201");
        await page.Locator("#lat").FillAsync(lat.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#lon").FillAsync(lon.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#reporterName").FillAsync("王先生");
        await page.Locator("button[data-submit]").ClickAsync();

        await Expect(page.Locator("#reporterPhone-messages .validation-message")).ToContainTextAsync("来电人电话");
        await Expect(page.Locator("#reporterName")).ToHaveValueAsync("王先生");
        await page.Locator("#reporterPhone").FillAsync("027-8888 1234");

        // A double submit (or a retried post) carries the same hidden key: both answers name one case.
        var references = await page.EvaluateAsync<string[]>(@"async () => {
            const form = document.querySelector('form[data-case-report]');
            const data = new FormData(form);
            data.set('intent', 'submit');
            const post = () => fetch('report', { method: 'POST', body: data }).then(r => r.text())
                .then(html => new DOMParser().parseFromString(html, 'text/html').querySelector('[data-reference]')?.textContent.trim());
            return [await post(), await post()];
        }");
        Assert.Equal(2, references.Length);
        Assert.Matches(@"^420103-\d{8}-\d{6}$", references[0]);
        Assert.Equal(references[0], references[1]);
        await page.GotoAsync($"/cases?view=all&q={references[0]}");
        await Expect(page.Locator(".case-row")).ToHaveCountAsync(1);
        await page.Locator(".case-row a.case-title").ClickAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync("热线");
        // The operator's own street dispatches: the caller's name and phone are masked until revealed for a purpose.
        await Expect(page.Locator("[data-reporter]")).ToContainTextAsync("王*");
        await page.Locator("#purpose").SelectOptionAsync("contact-resident");
        await page.Locator("form:has(#purpose) button").ClickAsync();
        await Expect(page.Locator("[data-revealed]")).ToContainTextAsync("027-8888 1234");
    }

    [Fact]
    public async Task Whistle_SummonsADepartment_WhichReportsInFromItsQueue()
    {
        var (lat, lon) = await app.PointInGridAsync(Grid);
        await using var residentContext = await app.NewContextAsync("resident2");
        var created = await residentContext.APIRequest.PostAsync("/api/v1/cases", new()
        {
            DataObject = new { categoryCode = "0201", title = "占道经营", description = "早市摊贩占满了人行道", lat, lon },
        });
        Assert.Equal(201, created.Status);
        var root = System.Text.Json.JsonDocument.Parse(await created.TextAsync()).RootElement;
        var (id, reference) = (root.GetProperty("id").GetString(), root.GetProperty("reference").GetString()!);

        await using var streetContext = await app.NewContextAsync(Dispatcher);
        var street = await streetContext.NewPageAsync();
        await street.GotoAsync($"/cases/{id}");
        var whistle = street.Locator("details[data-action='whistle']");
        await whistle.EvaluateAsync("d => d.open = true");
        await whistle.GetByLabel("江汉区城市管理执法局").CheckAsync();
        await whistle.Locator("[name=reason]").FillAsync("早市占道反复出现，请城管到场联合整治");
        await whistle.Locator("button[type=submit]").ClickAsync();
        await Expect(street.Locator("#case-message")).ToContainTextAsync("已吹哨");
        await Expect(street.Locator("#case-whistles")).ToContainTextAsync("等待报到");

        await using var departmentContext = await app.NewContextAsync(Department);
        var department = await departmentContext.NewPageAsync();
        await department.GotoAsync("/cases");
        var summons = department.Locator($"[data-whistle-for='{reference}']");
        await summons.Locator("[name=note]").FillAsync("执法队员已到场");
        await summons.Locator("button[type=submit]").ClickAsync();
        await Expect(department.Locator("#queue-message")).ToContainTextAsync("已报到");
        await Expect(department.Locator($"[data-whistle-for='{reference}']")).ToHaveCountAsync(0);

        await street.GotoAsync($"/cases/{id}");
        await Expect(street.Locator("#case-whistles")).ToContainTextAsync("已报到");
        await Expect(street.Locator("#case-timeline li[data-action=report-in]")).ToHaveCountAsync(1);
    }

    /// <summary>Opens the action's form (it may be folded), fills it, submits, and waits for the case's new state.</summary>
    private static async Task ActAsync(IPage page, string action, string expectedState, params (string Name, string Value)[] fields)
    {
        var details = page.Locator($"details[data-action='{action}']");
        await details.EvaluateAsync("d => d.open = true");
        foreach (var (name, value) in fields)
        {
            var field = details.Locator($"[name='{name}']");
            if (name == "satisfaction")
            {
                await details.Locator($"input[name='satisfaction'][value='{value}']").CheckAsync();
            }
            else
            {
                await field.FillAsync(value);
            }
        }
        await details.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#case-state")).ToHaveAttributeAsync("data-state", expectedState);
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SaddleBrown);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }
}
