using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Participation;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

public sealed class ProposalApiTests(GongzhiApp app)
{
    private static async Task<ProposalResponse> ProposeAsync(HttpClient resident, string code, string title = "增设充电棚") =>
        await ReadAsync<ProposalResponse>(await resident.PostAsJsonAsync($"{Api}/proposals",
            new { title = $"{title} {Guid.NewGuid().ToString("N")[..6]}", body = "楼道充电有隐患，建议增设充电棚。", jurisdictionCode = code }, Json, Cancel),
            HttpStatusCode.Created);

    private static Task<HttpResponseMessage> SupportAsync(HttpClient resident, Guid id) => resident.PostAsync($"{Api}/proposals/{id}/support", null, Cancel);

    [Fact]
    public async Task Support_ReachingTheCommunitysThreshold_PutsItOnTheAgendaAndTellsProposerAndSupporters_ThenTheOutcomeToo()
    {
        const string community = "420103001004";
        using var street = await app.ClientForAsync("street.420103001");
        await ReadAsync<ThresholdResponse>(await street.PutAsJsonAsync($"{Api}/thresholds/{community}", new { minSupporters = 2, windowDays = 30 }, Json, Cancel),
            HttpStatusCode.OK);
        using var a = await ResidentClientAsync(app, await VerifiedResidentAsync(app, community));
        using var b = await ResidentClientAsync(app, await VerifiedResidentAsync(app, community));
        var proposal = await ProposeAsync(a, community);

        var first = await ReadAsync<ProposalResponse>(await SupportAsync(a, proposal.Id), HttpStatusCode.Created);
        Assert.Equal((1, ProposalState.Open), (first.SupportCount, first.State));
        var second = await ReadAsync<ProposalResponse>(await SupportAsync(b, proposal.Id), HttpStatusCode.Created);
        Assert.Equal((2, ProposalState.OnAgenda), (second.SupportCount, second.State));
        await AssertStatusAsync(await SupportAsync(b, proposal.Id), HttpStatusCode.Conflict);

        foreach (var follower in new[] { a, b })
        {
            var inbox = await follower.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Cancel);
            Assert.Contains(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "participation.proposal.onAgenda"
                && n.GetProperty("link").GetString() == $"/participation/proposals/{proposal.Id}");
        }

        using var otherCommunity = await app.ClientForAsync("community.420103001002");
        await AssertStatusAsync(await otherCommunity.PostAsJsonAsync($"{Api}/proposals/{proposal.Id}/outcome", new { outcome = "Declined", text = "x" }, Json, Cancel),
            HttpStatusCode.NotFound);
        var noReasons = await street.PostAsJsonAsync($"{Api}/proposals/{proposal.Id}/outcome", new { outcome = "Declined" }, Json, Cancel);
        Assert.True((await ReadAsync<JsonElement>(noReasons, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("text", out _));
        var decided = await ReadAsync<ProposalResponse>(await street.PostAsJsonAsync($"{Api}/proposals/{proposal.Id}/outcome",
            new { outcome = "CommunityAction", text = "社区出资建设充电棚", owner = "社区居委会", dueAt = DateTimeOffset.UtcNow.AddDays(60) }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal((ProposalState.Decided, ProposalOutcome.CommunityAction), (decided.State, decided.Outcome));
        var told = await b.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Cancel);
        Assert.Contains(told.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "participation.proposal.decided");
    }

    [Fact]
    public async Task Support_WhenTwoRequestsOfOneResidentRace_CountsOnce()
    {
        using var proposer = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        var proposal = await ProposeAsync(proposer, Wannian);
        var userName = await VerifiedResidentAsync(app);
        using var one = await ResidentClientAsync(app, userName);
        using var two = await ResidentClientAsync(app, userName);

        var responses = await Task.WhenAll(SupportAsync(one, proposal.Id), SupportAsync(two, proposal.Id));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var (rows, count) = await app.WithDbAsync(async db => (
            await db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposal.Id, Cancel),
            await db.Set<Proposal>().Where(p => p.Id == proposal.Id).Select(p => p.SupportCount).SingleAsync(Cancel)));
        Assert.Equal((1, 1), (rows, count));
    }

    [Fact]
    public async Task Submit_ByUnverifiedResident_Returns403_AndForAnotherCommunity400()
    {
        var (userName, _) = await DeclaredResidentAsync(app);
        using var unverified = await ResidentClientAsync(app, userName);
        await AssertStatusAsync(await unverified.PostAsJsonAsync($"{Api}/proposals", new { title = "t", body = "b" }, Json, Cancel), HttpStatusCode.Forbidden);

        using var verified = await app.ClientForAsync("resident1");
        var elsewhere = await verified.PostAsJsonAsync($"{Api}/proposals", new { title = "t", body = "b", jurisdictionCode = "420103002001" }, Json, Cancel);
        Assert.True((await ReadAsync<JsonElement>(elsewhere, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("jurisdictionCode", out _));
    }

    [Fact]
    public async Task Support_ByResidentOfAnotherStreet_Returns404_AndAStreetProposalIsSupportedFromItsCommunities()
    {
        using var resident = await app.ClientForAsync("resident1");
        var streetProposal = await ProposeAsync(resident, Street);
        using var outsider = await app.ClientForAsync("resident2");
        await AssertStatusAsync(await SupportAsync(outsider, streetProposal.Id), HttpStatusCode.NotFound);

        using var neighbour = await ResidentClientAsync(app, await VerifiedResidentAsync(app, "420103001005"));
        var supported = await ReadAsync<ProposalResponse>(await SupportAsync(neighbour, streetProposal.Id), HttpStatusCode.Created);
        Assert.Equal(1, supported.SupportCount);
    }

    [Fact]
    public async Task List_ByMostSupportedAndByNewest_OrdersAccordingly()
    {
        const string community = "420103001006";
        using var a = await ResidentClientAsync(app, await VerifiedResidentAsync(app, community));
        var older = await ProposeAsync(a, community, "较早的议题");
        var newer = await ProposeAsync(a, community, "较新的议题");
        await AssertStatusAsync(await SupportAsync(a, older.Id), HttpStatusCode.Created);

        var most = await a.GetFromJsonAsync<List<ProposalResponse>>($"{Api}/proposals?scope={community}&sort=MostSupported", Json, Cancel);
        var newest = await a.GetFromJsonAsync<List<ProposalResponse>>($"{Api}/proposals?scope={community}&sort=Newest", Json, Cancel);
        var hot = await a.GetFromJsonAsync<List<ProposalResponse>>($"{Api}/proposals?scope={community}&sort=Hot", Json, Cancel);

        Assert.Equal([older.Id, newer.Id], most!.Select(p => p.Id));
        Assert.Equal([newer.Id, older.Id], newest!.Select(p => p.Id));
        Assert.Equal(older.Id, hot![0].Id);
    }

    [Fact]
    public async Task HideComment_NeedsAReason_WithholdsTheText_AndIsAudited()
    {
        using var resident = await app.ClientForAsync("resident1");
        var proposal = await ProposeAsync(resident, Wannian);
        var comment = await ReadAsync<CommentResponse>(await resident.PostAsJsonAsync($"{Api}/proposals/{proposal.Id}/comments",
            new { body = "广告：低价充电桩" }, Json, Cancel), HttpStatusCode.Created);
        using var staff = await app.ClientForAsync("community.420103001002");

        await AssertStatusAsync(await staff.PostAsJsonAsync($"{Api}/proposals/comments/{comment.Id}/hide", new { reason = "" }, Json, Cancel), HttpStatusCode.BadRequest);
        await AssertStatusAsync(await resident.PostAsJsonAsync($"{Api}/proposals/comments/{comment.Id}/hide", new { reason = "x" }, Json, Cancel), HttpStatusCode.Forbidden);
        await ReadAsync<CommentResponse>(await staff.PostAsJsonAsync($"{Api}/proposals/comments/{comment.Id}/hide", new { reason = "广告" }, Json, Cancel), HttpStatusCode.OK);

        var shown = Assert.Single((await resident.GetFromJsonAsync<List<CommentResponse>>($"{Api}/proposals/{proposal.Id}/comments", Json, Cancel))!);
        Assert.True(shown.Hidden);
        Assert.Null(shown.Body);
        Assert.Equal("广告", shown.HiddenReason);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Subject == "ProposalComment" && e.SubjectKey == comment.Id.ToString()
            && e.Action == "updated" && e.Detail!.Contains("HiddenReason"), Cancel));
        Assert.True(audited);
    }
}
