using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Security;

/// <summary>
/// What one person wrote stays with the people who work on it: a resident's report offers nearby cases without other
/// people's words, the reporter sees their case without the offices' internal lines, and a department exports only the
/// cases it was given.
/// </summary>
public sealed class ResidentPrivacyTests(GongzhiApp app)
{
    [Fact]
    public async Task Report_NearAnotherResidentsCase_OffersItWithoutIdTitleOrExactPosition_StaffSeeItAll()
    {
        using var one = await app.ClientForAsync("resident1");
        using var two = await app.ClientForAsync("resident2");
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var secret = $"邻居的秘密 {Guid.NewGuid():N}"[..16];
        var theirs = await SubmitAsync(app, one, category: "0403", title: secret, description: "只写给处理的人看");

        var mine = await PostCaseAsync(two, await ReportAsync("路面坑洼"));
        var staff = await PostCaseAsync(grid, await ReportAsync("巡查发现坑洼"));

        var text = await mine.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(theirs.Reference, text, StringComparison.Ordinal);
        var offered = JsonDocument.Parse(text).RootElement.GetProperty("duplicates").EnumerateArray().ToList();
        Assert.NotEmpty(offered);
        foreach (var d in offered)
        {
            Assert.Equal("0403", d.GetProperty("categoryCode").GetString());
            Assert.False(string.IsNullOrEmpty(d.GetProperty("state").GetString()));
            Assert.True(d.GetProperty("distanceMeters").GetInt32() >= 0);
            Assert.Equal(Math.Round(d.GetProperty("lat").GetDouble(), 3), d.GetProperty("lat").GetDouble());
        }
        // The grid worker of the place works on these cases: they see which one it is.
        Assert.Contains(secret, await staff.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_SeesTheirCaseWithoutInternalNotes_InTheApiAndOnThePage_StaffSeeThem()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "registered");
        var dispatchNote = $"派遣说明 {Guid.NewGuid():N}"[..14];
        var handlingNote = $"内部备注 {Guid.NewGuid():N}"[..14];
        await DoAsync(a.Street, id, "dispatch", new() { ["note"] = dispatchNote });
        var noted = await a.Department.PostAsJsonAsync($"/api/v1/cases/{id}/note", new { text = handlingNote }, Json, Cancel);
        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);

        var own = await a.Resident.GetStringAsync($"/api/v1/cases/{id}/timeline", Cancel);
        var staff = await a.Street.GetStringAsync($"/api/v1/cases/{id}/timeline", Cancel);
        var page = await a.Resident.GetAsync($"/cases/{id}", Cancel);
        var pageText = await page.Content.ReadAsStringAsync(Cancel);

        Assert.DoesNotContain(handlingNote, own, StringComparison.Ordinal);
        Assert.DoesNotContain(dispatchNote, own, StringComparison.Ordinal);
        Assert.DoesNotContain("\"action\":\"note\"", own, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"dispatch\"", own, StringComparison.Ordinal);
        Assert.Contains(handlingNote, staff, StringComparison.Ordinal);
        Assert.Contains(dispatchNote, staff, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(handlingNote, pageText, StringComparison.Ordinal);
        Assert.DoesNotContain(dispatchNote, pageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepartmentExport_HoldsOnlyTheCasesItLedOrAssisted_TheCommandCentreExportsTheDistrict()
    {
        using var a = await ActorsAsync(app);
        using var command = await app.ClientForAsync("command.420103");
        var office = await app.WithDbAsync(db => db.FindByCodeAsync("420103001.office", Cancel));
        var cgj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel));
        var notOurs = await CaseInStateAsync(app, a, "registered");
        await DoAsync(a.Street, notOurs, "dispatch", new() { ["leadOrganisationId"] = office!.Id });
        var assisted = await CaseInStateAsync(app, a, "registered");
        await DoAsync(a.Street, assisted, "dispatch", new() { ["leadOrganisationId"] = office.Id, ["assistingOrganisationIds"] = new[] { cgj!.Id } });
        var led = await CaseInStateAsync(app, a, "dispatched");
        var references = new Dictionary<string, string>();
        foreach (var (name, id) in new[] { ("notOurs", notOurs), ("assisted", assisted), ("led", led) })
        {
            references[name] = (await GetAsync(a.Street, id)).Reference;
        }

        var department = await a.Department.GetStringAsync("/api/v1/exports/cases.csv?scope=420103", Cancel);
        var district = await command.GetStringAsync("/api/v1/exports/cases.csv?scope=420103", Cancel);

        Assert.DoesNotContain(references["notOurs"], department, StringComparison.Ordinal);
        Assert.Contains(references["assisted"], department, StringComparison.Ordinal);
        Assert.Contains(references["led"], department, StringComparison.Ordinal);
        Assert.All(references.Values, r => Assert.Contains(r, district, StringComparison.Ordinal));
    }

    private async Task<object> ReportAsync(string title)
    {
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        return new { categoryCode = "0403", title, description = "路面有个大坑", lat, lon };
    }
}
