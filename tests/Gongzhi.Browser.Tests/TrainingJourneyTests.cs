using System.Globalization;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Services.Training;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Staff training through the pages: 万年社区's worker is flagged because the demo's continuing-education certificate
/// (社会工作者继续教育合格证明) lapsed. 民族街's street office schedules a session of the city's required course, enrols her,
/// keeps the register and records a passing score; the flag leaves the street's compliance page and the new certificate
/// shows on her own training page; revoked as issued in error, it flags her again.
/// </summary>
public sealed class TrainingJourneyTests(BrowserApp app)
{
    private const string Worker = "community.420103001002";
    private const string Grid = "grid.420103001002001";

    [Fact]
    public async Task StreetOfficeRecordsAPass_TheFlagGoes_TheCertificateShows_AndRevokingItFlagsAgain()
    {
        await using var workerContext = await app.NewContextAsync(Worker, width: 390, height: 844);
        var worker = await workerContext.NewPageAsync();
        await worker.GotoAsync("/services/training/mine");
        await Expect(worker.Locator("[data-required-course='SG-JX-01']")).ToHaveAttributeAsync("data-completed", "false");

        await using var streetContext = await app.NewContextAsync("street.420103001");
        var street = await streetContext.NewPageAsync();
        await street.GotoAsync("/services/training/compliance");
        await Expect(street.Locator($"[data-flagged-staff='{Worker}'] [data-missing]")).ToContainTextAsync("社会工作者继续教育");

        // A session of the city's course, held by the street the day after tomorrow.
        var session = await ScheduleAsync(street, "SG-JX-01 · 社会工作者继续教育", "民族街街道社会工作服务站二楼", 30);

        await street.Locator("#enrol-user").FillAsync(Worker);
        await street.Locator("[data-enrol-staff]").ClickAsync();
        await Expect(street.Locator("[data-places]")).ToHaveTextAsync("1 / 30");
        await Expect(street.Locator("[data-enrolment]", new() { HasText = "万年社区工作者" })).ToHaveAttributeAsync("data-attended", "none");

        // The day comes: the register opens once the session has begun.
        await HoldAsync(session);
        await street.ReloadAsync();
        await street.Locator("[data-enrolment]", new() { HasText = "万年社区工作者" }).Locator("[data-present]").ClickAsync();
        var row = street.Locator("[data-enrolment]", new() { HasText = "万年社区工作者" });
        await Expect(row).ToHaveAttributeAsync("data-attended", "true");
        await row.Locator("input[name=score]").FillAsync("82");
        await row.Locator("[data-assess]").ClickAsync();
        await Expect(street.Locator("[data-enrolment]", new() { HasText = "万年社区工作者" })).ToHaveAttributeAsync("data-passed", "true");

        await street.GotoAsync("/services/training/compliance");
        await Expect(street.Locator("[data-flagged]")).ToBeVisibleAsync();
        await Expect(street.Locator($"[data-flagged-staff='{Worker}']")).ToHaveCountAsync(0);

        await worker.ReloadAsync();
        await Expect(worker.Locator("[data-required-course='SG-JX-01']")).ToHaveAttributeAsync("data-completed", "true");
        var certificate = worker.Locator("[data-certificates] [data-certificate^='SG-JX-01-']");
        await Expect(certificate).ToHaveAttributeAsync("data-valid", "true");
        await Expect(certificate).ToContainTextAsync("社会工作者继续教育合格证明");

        // Found to be issued in error, the certificate is revoked with its reason (none is refused under its field): the flag returns.
        var number = await certificate.GetAttributeAsync("data-certificate");
        await street.GotoAsync("/services/training/compliance");
        var manage = street.Locator($"[data-manage-certificate='{number}']");
        await manage.Locator("summary").ClickAsync();
        await manage.Locator("[data-revoke]").ClickAsync();
        await Expect(street.Locator($"[data-manage-certificate='{number}'] [data-field=reason]")).ToBeVisibleAsync();
        await street.Locator($"[data-manage-certificate='{number}'] input[name=reason]").FillAsync("成绩登记有误，经核实撤销");
        await street.Locator($"[data-manage-certificate='{number}'] [data-revoke]").ClickAsync();
        await Expect(street.Locator($"[data-area-certificates] [data-certificate='{number}']")).ToHaveAttributeAsync("data-revoked", "true");
        await Expect(street.Locator($"[data-flagged-staff='{Worker}']")).ToHaveCountAsync(1);
        await worker.ReloadAsync();
        await Expect(worker.Locator("[data-required-course='SG-JX-01']")).ToHaveAttributeAsync("data-completed", "false");
        await Expect(worker.Locator($"[data-certificate='{number}']")).ToContainTextAsync("成绩登记有误，经核实撤销");
    }

    [Fact]
    public async Task AWorkerWithdrawsAndTakesThePlaceAgain_TheStreetChangesThenCancelsTheSession()
    {
        await using var streetContext = await app.NewContextAsync("street.420103001");
        var street = await streetContext.NewPageAsync();
        var session = await ScheduleAsync(street, "GR-BH-01 · 个人信息保护", "民族街街道党群服务中心一楼", 2);
        await street.Locator("#enrol-user").FillAsync(Grid);
        await street.Locator("[data-enrol-staff]").ClickAsync();
        await Expect(street.Locator("[data-places]")).ToHaveTextAsync("1 / 2");

        // The grid worker gives the place up on the phone, and takes it again.
        await using var gridContext = await app.NewContextAsync(Grid, width: 390, height: 844);
        var grid = await gridContext.NewPageAsync();
        await grid.GotoAsync($"/services/training/sessions/{session}");
        await grid.Locator("[data-withdraw]").ClickAsync();
        await Expect(grid.Locator("[data-message]")).ToBeVisibleAsync();
        await Expect(grid.Locator("[data-places]")).ToHaveTextAsync("0 / 2");
        await street.ReloadAsync();
        await Expect(street.Locator("[data-enrolment]", new() { HasText = "万年社区第一网格网格员" })).ToHaveAttributeAsync("data-withdrawn", "true");
        await grid.Locator("[data-enrol]").ClickAsync();
        await Expect(grid.Locator("[data-places]")).ToHaveTextAsync("1 / 2");
        await Expect(grid.Locator("[data-withdraw]")).ToBeVisibleAsync();

        // A capacity below the places taken is refused under its field; a larger room is then recorded.
        await street.ReloadAsync();
        await street.Locator("#edit-capacity").FillAsync("0");
        await street.Locator("[data-save-session]").ClickAsync();
        await Expect(street.Locator("[data-session-edit] [data-field=capacity]")).ToBeVisibleAsync();
        await street.Locator("#edit-capacity").FillAsync("25");
        await street.Locator("#edit-place").FillAsync("民族街街道党群服务中心三楼报告厅");
        await street.Locator("[data-save-session]").ClickAsync();
        await Expect(street.Locator("[data-places]")).ToHaveTextAsync("1 / 25");

        // Called off: every place is given up, and the session says so to everyone.
        await street.Locator("[data-cancel-session]").ClickAsync();
        await Expect(street.Locator("[data-cancelled]")).ToBeVisibleAsync();
        await Expect(street.Locator("[data-places]")).ToHaveTextAsync("0 / 25");
        await Expect(street.Locator("[data-enrolment]", new() { HasText = "万年社区第一网格网格员" })).ToHaveAttributeAsync("data-withdrawn", "true");
        await Expect(street.Locator("[data-session-edit]")).ToHaveCountAsync(0);
        await grid.ReloadAsync();
        await Expect(grid.Locator("[data-cancelled]")).ToBeVisibleAsync();
        await Expect(grid.Locator("[data-enrol]")).ToHaveCountAsync(0);
        await grid.GotoAsync("/services/training");
        await Expect(grid.Locator($"[data-session='{session}']")).ToHaveAttributeAsync("data-cancelled", "true");
    }

    /// <summary>Schedules a session of the course through the training page's form, the day after tomorrow at nine; its id.</summary>
    private static async Task<Guid> ScheduleAsync(IPage organiser, string course, string place, int capacity)
    {
        await organiser.GotoAsync("/services/training");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(2), shanghai).Date.AddHours(9);
        await organiser.Locator("#session-course").SelectOptionAsync(new SelectOptionValue { Label = course });
        await organiser.Locator("#session-starts").FillAsync(starts.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await organiser.Locator("#session-capacity").FillAsync(capacity.ToString(CultureInfo.InvariantCulture));
        await organiser.Locator("#session-place").FillAsync(place);
        await organiser.Locator("[data-session-form] button[type=submit]").ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/services/training/sessions/[0-9a-f-]{36}$"));
        return Guid.Parse(organiser.Url[^36..]);
    }

    /// <summary>Moves the session's start to an hour ago, as the API tests do: the register needs the session under way.</summary>
    private async Task HoldAsync(Guid session)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        // As the system: the journey stands in for the clock, not for a caller.
        await db.Set<CourseSession>().IgnoreQueryFilters().Where(s => s.Id == session)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddHours(-1)), TestContext.Current.CancellationToken);
    }
}
