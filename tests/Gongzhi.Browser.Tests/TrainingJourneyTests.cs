using System.Text.RegularExpressions;

namespace Gongzhi.Browser.Tests;

/// <summary>
/// Staff training through the pages: 花楼街's dispatcher failed the demo's 12345 work-order course and is flagged; the
/// administrator opens the session, records a passing score, and the dispatcher's own page shows the course completed.
/// </summary>
public sealed class TrainingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task AdminRecordsAPass_TheStaffMembersPageShowsTheCourseCompleted()
    {
        await using var staffContext = await app.NewContextAsync("street.420103002", width: 390, height: 844);
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync("/services/training/mine");
        await Expect(staff.Locator("[data-required-course='RX-12345-01']")).ToHaveAttributeAsync("data-completed", "false");
        await Expect(staff.Locator("[data-still-required]")).ToBeVisibleAsync();

        await using var adminContext = await app.NewContextAsync("admin");
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync("/services/training/compliance?scope=420103");
        await Expect(admin.Locator("[data-flagged-staff='street.420103002'] [data-missing]")).ToContainTextAsync("12345热线工单处理");
        await admin.GotoAsync("/services/training?past=true");
        await admin.Locator("[data-session] a", new() { HasText = "12345热线工单处理" }).First.ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/services/training/sessions/[0-9a-f-]{36}$"));
        var row = admin.Locator("[data-enrolment]", new() { HasText = "花楼街街道网格中心" });
        await Expect(row).ToHaveAttributeAsync("data-passed", "false");
        // A score beyond 100 is refused under its field; the pass is then recorded.
        await row.Locator("input[name=score]").FillAsync("120");
        await row.Locator("[data-assess]").ClickAsync();
        await Expect(admin.Locator("[data-field=score]")).ToBeVisibleAsync();
        row = admin.Locator("[data-enrolment]", new() { HasText = "花楼街街道网格中心" });
        await row.Locator("input[name=score]").FillAsync("76");
        await row.Locator("[data-assess]").ClickAsync();
        await Expect(admin.Locator("[data-enrolment]", new() { HasText = "花楼街街道网格中心" })).ToHaveAttributeAsync("data-passed", "true");

        await staff.ReloadAsync();
        await Expect(staff.Locator("[data-required-course='RX-12345-01']")).ToHaveAttributeAsync("data-completed", "true");
    }
}
