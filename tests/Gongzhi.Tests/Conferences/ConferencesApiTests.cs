using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Conferences;

public sealed class ConferencesApiTests(GongzhiApp app)
{
    private const string Api = "/api/v1/conferences";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<ConferenceBody> BodyAsync(string code) =>
        app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == code, Cancel));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }

    private static async Task<MeetingResponse> OpenMeetingAsync(HttpClient client, ConferenceBody body, string title)
    {
        var created = await ReadAsync<MeetingResponse>(await client.PostAsJsonAsync($"{Api}/bodies/{body.Id}/meetings",
            new { title, scheduledAt = DateTimeOffset.UtcNow, place = "会议室" }, Json, Cancel), HttpStatusCode.Created);
        return await ReadAsync<MeetingResponse>(await client.PostAsync($"{Api}/meetings/{created.Id}/open", null, Cancel), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Close_WithoutMinutes_Returns409_AndWithMinutesCloses()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var meeting = await OpenMeetingAsync(street, await BodyAsync("420103001"), "临时联席会议");

        var refused = await street.PostAsJsonAsync($"{Api}/meetings/{meeting.Id}/close", new { }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var withMinutes = await ReadAsync<MeetingResponse>(await street.PutAsJsonAsync($"{Api}/meetings/{meeting.Id}/minutes",
            new { minutes = "议定：成立专班。", version = meeting.Version }, Json, Cancel), HttpStatusCode.OK);
        var stale = await street.PutAsJsonAsync($"{Api}/meetings/{meeting.Id}/minutes", new { minutes = "旧稿", version = meeting.Version }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var closed = await ReadAsync<MeetingResponse>(await street.PostAsJsonAsync($"{Api}/meetings/{meeting.Id}/close",
            new { version = withMinutes.Version }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(MeetingState.Closed, closed.State);
    }

    [Fact]
    public async Task Resolution_WithTasksForTwoMembersAndACommunity_RollsUp_AndIsDoneOnlyWhenAllAreDoneAndAccepted()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var body = await BodyAsync("420103001");
        var community = await BodyAsync("420103001002");
        var cgj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel));
        var zjj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.zjj", Cancel));
        var meeting = await OpenMeetingAsync(street, body, "背街小巷整治专题会");
        var deadline = DateTimeOffset.UtcNow.AddDays(30);

        var resolution = await ReadAsync<ResolutionResponse>(await street.PostAsJsonAsync($"{Api}/meetings/{meeting.Id}/resolutions", new
        {
            text = "限期完成背街小巷整治",
            tasks = new object[]
            {
                new { title = "清理占道经营", ownerOrganisationId = cgj!.Id, deadline, weight = 2 },
                new { title = "管网改造", ownerOrganisationId = zjj!.Id, deadline, weight = 1 },
                new { title = "居民议事", ownerBodyId = community.Id, deadline, weight = 1 },
            },
        }, Json, Cancel), HttpStatusCode.Created);
        var byTitle = resolution.Tasks.ToDictionary(t => t.Title, t => t.Id);

        using var department = await app.ClientForAsync("dept.420103.cgj");
        using var communityStaff = await app.ClientForAsync("community.420103001002");
        var afterDepartment = await ReadAsync<ResolutionResponse>(await department.PostAsJsonAsync($"{Api}/tasks/{byTitle["清理占道经营"]}/progress",
            new { percent = 50, note = "过半" }, Json, Cancel), HttpStatusCode.OK);
        // The report names the account as people know it, not by its login name.
        Assert.Equal("江汉区城管局", afterDepartment.Tasks.Single(t => t.Title == "清理占道经营").Reports.Single().ReportedBy);
        var afterCommunity = await ReadAsync<ResolutionResponse>(await communityStaff.PostAsJsonAsync($"{Api}/tasks/{byTitle["居民议事"]}/progress",
            new { percent = 100, note = "已议定" }, Json, Cancel), HttpStatusCode.OK);
        // (50×2 + 0×1 + 100×1) / 4
        Assert.Equal(50m, afterCommunity.Progress);

        // The department cannot report on another unit's task.
        var foreignTask = await department.PostAsJsonAsync($"{Api}/tasks/{byTitle["管网改造"]}/progress", new { percent = 10 }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, foreignTask.StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsJsonAsync($"{Api}/resolutions/{resolution.Id}/complete", new { }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/tasks/{byTitle["清理占道经营"]}/accept", null, Cancel)).StatusCode);

        await ReadAsync<ResolutionResponse>(await department.PostAsJsonAsync($"{Api}/tasks/{byTitle["清理占道经营"]}/progress",
            new { percent = 100, note = "完成" }, Json, Cancel), HttpStatusCode.OK);
        await ReadAsync<ResolutionResponse>(await street.PostAsJsonAsync($"{Api}/tasks/{byTitle["管网改造"]}/progress",
            new { percent = 100, note = "局里电话报告完成" }, Json, Cancel), HttpStatusCode.OK);
        foreach (var id in byTitle.Values.Take(2))
        {
            await ReadAsync<ResolutionResponse>(await street.PostAsync($"{Api}/tasks/{id}/accept", null, Cancel), HttpStatusCode.OK);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsJsonAsync($"{Api}/resolutions/{resolution.Id}/complete", new { }, Json, Cancel)).StatusCode);

        await ReadAsync<ResolutionResponse>(await street.PostAsync($"{Api}/tasks/{byTitle.Values.Last()}/accept", null, Cancel), HttpStatusCode.OK);
        var done = await ReadAsync<ResolutionResponse>(await street.PostAsJsonAsync($"{Api}/resolutions/{resolution.Id}/complete", new { }, Json, Cancel),
            HttpStatusCode.OK);
        Assert.Equal(ResolutionState.Done, done.State);
        Assert.Equal(100m, done.Progress);
    }

    [Fact]
    public async Task Escalation_AppearsOnTheUpperBodysNextAgenda_AndItsAnswerFlowsBackDown()
    {
        using var street = await app.ClientForAsync("street.420103001");
        using var district = await app.ClientForAsync("command.420103");
        var meeting = await OpenMeetingAsync(street, await BodyAsync("420103001"), "街道联席会议");
        var withItem = await ReadAsync<MeetingResponse>(await street.PostAsJsonAsync($"{Api}/meetings/{meeting.Id}/agenda",
            new { title = "跨街道渍水点治理" + Guid.NewGuid().ToString("N")[..6] }, Json, Cancel), HttpStatusCode.OK);
        var item = withItem.Agenda[^1];

        var escalation = await ReadAsync<EscalationResponse>(await street.PostAsJsonAsync($"{Api}/meetings/{meeting.Id}/agenda/{item.Id}/escalate",
            new { history = "街道已协调两次，涉及市政排水管网，街道无权处置。" }, Json, Cancel), HttpStatusCode.Created);

        var upper = await ReadAsync<MeetingResponse>(await district.PostAsJsonAsync($"{Api}/bodies/{(await BodyAsync("420103")).Id}/meetings",
            new { title = "区联席会议", scheduledAt = DateTimeOffset.UtcNow.AddDays(3) }, Json, Cancel), HttpStatusCode.Created);
        Assert.Contains(upper.Agenda, a => a.Source == AgendaSource.Escalation && a.SourceId == escalation.Id && a.Title == item.Title);

        // The street cannot answer its own escalation.
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"{Api}/escalations/{escalation.Id}/answer",
            new { answer = "x" }, Json, Cancel)).StatusCode);
        var answered = await ReadAsync<EscalationResponse>(await district.PostAsJsonAsync($"{Api}/escalations/{escalation.Id}/answer",
            new { answer = "由区水务和湖泊局牵头，两周内完成管网疏通。" }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(EscalationState.Answered, answered.State);

        var lower = await street.GetFromJsonAsync<MeetingResponse>($"{Api}/meetings/{meeting.Id}", Json, Cancel);
        var lowerItem = lower!.Agenda.Single(a => a.Id == item.Id);
        Assert.Equal(AgendaItemStatus.Answered, lowerItem.Status);
        Assert.Equal("由区水务和湖泊局牵头，两周内完成管网疏通。", lowerItem.Answer);
    }

    [Fact]
    public async Task Directive_FansOutToEveryStreetOfTheDistrict_AndCoverageShowsEachNodesStatus()
    {
        using var district = await app.ClientForAsync("command.420103");
        using var street = await app.ClientForAsync("street.420103001");
        var streets = await app.WithDbAsync(db => db.Set<Jurisdiction>().Where(j => j.ParentCode == "420103").Select(j => j.Code).ToListAsync(Cancel));
        Assert.InRange(streets.Count, 12, 15);

        var directive = await ReadAsync<DirectiveResponse>(await district.PostAsJsonAsync($"{Api}/bodies/{(await BodyAsync("420103")).Id}/directives",
            new { title = "防汛隐患排查", requiredActions = "排查辖区渍水点并上报台账", deadline = DateTimeOffset.UtcNow.AddDays(7) }, Json, Cancel),
            HttpStatusCode.Created);
        Assert.Equal(streets.Count, directive.Nodes);

        var mine = (await street.GetFromJsonAsync<List<AssignmentResponse>>($"{Api}/directives/assigned", Json, Cancel))!
            .Single(a => a.DirectiveId == directive.Id);
        Assert.Equal("420103001", mine.JurisdictionCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsJsonAsync($"{Api}/directives/assignments/{mine.Id}/report",
            new { status = "done", note = "x" }, Json, Cancel)).StatusCode);
        await ReadAsync<AssignmentResponse>(await street.PostAsync($"{Api}/directives/assignments/{mine.Id}/acknowledge", null, Cancel), HttpStatusCode.OK);
        await ReadAsync<AssignmentResponse>(await street.PostAsJsonAsync($"{Api}/directives/assignments/{mine.Id}/report",
            new { status = "partly", note = "已排查8处" }, Json, Cancel), HttpStatusCode.OK);

        var coverage = await district.GetFromJsonAsync<CoverageResponse>($"{Api}/directives/{directive.Id}/coverage", Json, Cancel);
        Assert.Equal(streets.Order(StringComparer.Ordinal), coverage!.Nodes.Select(n => n.JurisdictionCode));
        Assert.Equal((1, 1, streets.Count - 1), (coverage.Acknowledged, coverage.Partly, coverage.None));
        Assert.Equal(ExecutionStatus.Partly, coverage.Nodes.Single(n => n.JurisdictionCode == "420103001").Execution);

        // A street sees its own row only; another street's assignment is not there for it.
        var own = await street.GetFromJsonAsync<CoverageResponse>($"{Api}/directives/{directive.Id}/coverage", Json, Cancel);
        Assert.Equal(["420103001"], own!.Nodes.Select(n => n.JurisdictionCode));
        var other = coverage.Nodes.Single(n => n.JurisdictionCode == "420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await street.PostAsync($"{Api}/directives/assignments/{other.Id}/acknowledge", null, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Community_CannotReadAnotherStreetsBody_ButReadsItsOwnStreetsBody()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var foreign = await BodyAsync("420103002");
        var ownStreet = await BodyAsync("420103001");

        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"{Api}/bodies/{foreign.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"{Api}/bodies/{foreign.Id}/members", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync($"{Api}/bodies/{ownStreet.Id}", Cancel)).StatusCode);
        // Reading the street's body does not let the community run it.
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsJsonAsync($"{Api}/bodies/{ownStreet.Id}/meetings",
            new { title = "x", scheduledAt = DateTimeOffset.UtcNow }, Json, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Demo_HasTheDistrictStreetAndCommunityBodies_MaskedContacts_AndADirectiveWithMixedCoverage()
    {
        using var district = await app.ClientForAsync("command.420103");
        var body = await BodyAsync("420103");
        var members = await district.GetFromJsonAsync<List<MemberResponse>>($"{Api}/bodies/{body.Id}/members", Json, Cancel);
        Assert.Contains(members!, m => m.Kind == OrganisationKind.Department);
        Assert.Contains(members!, m => m.Kind == OrganisationKind.ResidentUnit);
        Assert.All(members!, m => Assert.Contains("****", m.LiaisonPhone));

        var directives = await district.GetFromJsonAsync<List<DirectiveResponse>>($"{Api}/bodies/{body.Id}/directives", Json, Cancel);
        var seeded = directives!.Single(d => d.Title.Contains("双报到", StringComparison.Ordinal));
        var coverage = await district.GetFromJsonAsync<CoverageResponse>($"{Api}/directives/{seeded.Id}/coverage", Json, Cancel);
        Assert.True(coverage!.Done > 0 && coverage.Partly > 0 && coverage.None > 0 && coverage.Late > 0);
        Assert.Contains(coverage.Nodes, n => n.Execution == ExecutionStatus.Done && n.Late);
    }
}
