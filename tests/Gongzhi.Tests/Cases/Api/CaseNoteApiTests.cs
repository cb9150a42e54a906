using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>办理备注: a timeline line with photos that leaves the state alone, for the organisations on the case and its dispatchers.</summary>
public sealed class CaseNoteApiTests(GongzhiApp app)
{
    [Fact]
    public async Task Note_ByAnAssistingOrganisation_AddsATimelineLineWithPhotos_AndKeepsStateAndVersion()
    {
        using var a = await ActorsAsync(app);
        var id = await DispatchedWithCgjAssistingAsync(a);
        var before = await GetAsync(a.Street, id);
        var photo = await UploadPhotoAsync(a.Department);

        var response = await a.Department.PostAsJsonAsync($"/api/v1/cases/{id}/note",
            new { text = "已派执法队员到场协助", photoIds = new[] { photo } }, Json, Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        var after = await GetAsync(a.Street, id);
        Assert.Equal((CaseState.Dispatched, before.Version), (after.State, after.Version));
        var timeline = await a.Street.GetFromJsonAsync<List<CaseTimelineEntry>>($"/api/v1/cases/{id}/timeline", Json, Cancel);
        var note = timeline!.Single(t => t.Action == "note");
        var cgj = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "dept.420103.cgj").Select(u => u.DisplayName).SingleAsync(Cancel));
        Assert.Equal((cgj, "已派执法队员到场协助", CaseState.Dispatched, CaseState.Dispatched),
            (note.Actor, note.Note, note.FromState, note.ToState));
        Assert.Contains(photo.ToString(), note.Data, StringComparison.Ordinal);
        // The photo now belongs to the case, so the case's handlers see it.
        Assert.Equal(HttpStatusCode.OK, (await a.Street.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);
    }

    public static TheoryData<string, string, HttpStatusCode> Callers() => new()
    {
        // lead organisation (street office as lead in this scenario), dispatcher, command centre covering the district
        { "dispatched", "street.420103001", HttpStatusCode.OK },
        { "dispatched", "command.420103", HttpStatusCode.OK },
        { "dispatched", "dept.420103.cgj", HttpStatusCode.OK },
        { "submitted", "street.420103001", HttpStatusCode.OK },
        // seeing the case is not enough: the community and the grid worker are not on it
        { "dispatched", "community.420103001002", HttpStatusCode.Forbidden },
        { "dispatched", "grid.420103001002001", HttpStatusCode.Forbidden },
        { "dispatched", "resident1", HttpStatusCode.Forbidden },
        // another street does not see the case at all
        { "dispatched", "street.420103002", HttpStatusCode.NotFound },
        { "dispatched", "resident2", HttpStatusCode.NotFound },
        // the case is finished
        { "closed", "street.420103001", HttpStatusCode.Conflict },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Note_ByRoleScopeAndState(string state, string account, HttpStatusCode expected)
    {
        using var a = await ActorsAsync(app);
        var id = state == "dispatched" ? await DispatchedWithCgjAssistingAsync(a) : await CaseInStateAsync(app, a, state);
        using var client = await app.ClientForAsync(account);

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{id}/note", new { text = "现场情况说明" }, Json, Cancel);

        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        var notes = await app.WithDbAsync(db => db.Set<CaseEvent>().CountAsync(e => e.CaseId == id && e.Action == "note", Cancel));
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, notes);
    }

    [Fact]
    public async Task Note_ByTheLeadOrganisation_IsAllowed_AndWithoutTextOrWithSomeoneElsesPhoto_Returns400()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "accepted");
        var othersPhoto = await UploadPhotoAsync(a.Resident);

        Assert.Equal(HttpStatusCode.OK, (await a.Department.PostAsJsonAsync($"/api/v1/cases/{id}/note", new { text = "材料已采购" }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await a.Department.PostAsJsonAsync($"/api/v1/cases/{id}/note", new { text = " " }, Json, Cancel)).StatusCode);
        var stolen = await a.Department.PostAsJsonAsync($"/api/v1/cases/{id}/note", new { text = "照片", photoIds = new[] { othersPhoto } }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Contains("photoIds", await stolen.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_WithAPhoto_GivesItToTheCase_SoTheGridWorkerWhoVerifiesSeesIt()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "accepted");
        var photo = await UploadPhotoAsync(a.Department);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Grid.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);

        await DoAsync(a.Department, id, "resolve", new() { ["note"] = "已清理完毕", ["photoIds"] = new[] { photo } });

        Assert.Equal(HttpStatusCode.OK, (await a.Grid.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);
    }

    /// <summary>A case dispatched to the street office as lead with the district's 城管局 assisting.</summary>
    private async Task<Guid> DispatchedWithCgjAssistingAsync(Actors a)
    {
        var id = await CaseInStateAsync(app, a, "registered");
        var office = await app.WithDbAsync(db => db.FindByCodeAsync("420103001.office", Cancel));
        var cgj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel));
        await DoAsync(a.Street, id, "dispatch", new() { ["leadOrganisationId"] = office!.Id, ["assistingOrganisationIds"] = new[] { cgj!.Id } });
        return id;
    }
}
