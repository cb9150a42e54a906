using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

public sealed class BallotApiTests(GongzhiApp app)
{
    [Fact]
    public async Task CreateBallot_ReturnsCreatedWithOptionIdsAndTexts()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var response = await community.PostAsJsonAsync($"{Api}/ballots", new
        {
            title = "是否增设充电棚",
            jurisdictionCode = Wannian,
            options = new[] { "同意", "不同意" },
            opensAt = DateTimeOffset.UtcNow,
            closesAt = DateTimeOffset.UtcNow.AddDays(3),
            secret = true,
        }, Json, Cancel);

        var ballot = await ReadAsync<JsonElement>(response, HttpStatusCode.Created);
        Assert.Equal($"{Api}/ballots/{ballot.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        var options = ballot.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(["同意", "不同意"], options.Select(o => o.GetProperty("text").GetString()));
        Assert.All(options, o => Assert.NotEqual(Guid.Empty, o.GetProperty("id").GetGuid()));
        Assert.True(ballot.GetProperty("secret").GetBoolean());
    }

    [Fact]
    public async Task CreateBallot_ByStaffOutsideTheArea_Returns403_AndByAResident403()
    {
        using var otherStreet = await app.ClientForAsync("street.420103002");
        using var resident = await app.ClientForAsync("resident1");
        var body = new { title = "x", jurisdictionCode = Wannian, options = new[] { "a", "b" }, opensAt = DateTimeOffset.UtcNow, closesAt = DateTimeOffset.UtcNow.AddDays(1), secret = true };

        await AssertStatusAsync(await otherStreet.PostAsJsonAsync($"{Api}/ballots", body, Json, Cancel), HttpStatusCode.Forbidden);
        await AssertStatusAsync(await resident.PostAsJsonAsync($"{Api}/ballots", body, Json, Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateBallot_WithOneOptionAndClosingInThePast_Returns400NamingTheFields()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var response = await community.PostAsJsonAsync($"{Api}/ballots", new
        {
            title = "单选项", jurisdictionCode = Wannian, options = new[] { "同意" }, opensAt = DateTimeOffset.UtcNow, closesAt = DateTimeOffset.UtcNow.AddDays(-1),
        }, Json, Cancel);

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("options", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("closesAt", out _));
    }

    [Fact]
    public async Task Vote_ByVerifiedResident_Returns201_AndASecondVote409()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community);
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));

        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 0)), HttpStatusCode.Created);
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 1)), HttpStatusCode.Conflict);

        var results = await ReadAsync<BallotResults>(await resident.GetAsync($"{Api}/ballots/{ballot.GetProperty("id").GetGuid()}/results", Cancel), HttpStatusCode.OK);
        Assert.Equal(1, results.Turnout);
        Assert.Equal([1, 0, 0], results.Options.Select(o => o.Votes ?? -1));
    }

    [Fact]
    public async Task Vote_WhenEightRequestsRace_CountsExactlyOne()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community);
        var userName = await VerifiedResidentAsync(app);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await ResidentClientAsync(app, userName));
        }

        var responses = await Task.WhenAll(clients.Select((c, i) => VoteAsync(c, ballot, OptionId(ballot, i % 3))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var id = ballot.GetProperty("id").GetGuid();
        var (participations, votes) = await app.WithDbAsync(async db => (
            await db.Set<BallotParticipation>().CountAsync(p => p.BallotId == id, Cancel),
            await db.Set<BallotVote>().CountAsync(v => v.BallotId == id, Cancel)));
        Assert.Equal(1, participations);
        Assert.Equal(1, votes);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Vote_ByResidentOutsideTheArea_Returns404()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community);
        using var outsider = await app.ClientForAsync("resident2");

        await AssertStatusAsync(await VoteAsync(outsider, ballot, OptionId(ballot, 0)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Vote_ByUnverifiedResident_Returns403_AndAfterVerification201()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community);
        var (userName, profileId) = await DeclaredResidentAsync(app);
        using var resident = await ResidentClientAsync(app, userName);

        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 0)), HttpStatusCode.Forbidden);
        await AssertStatusAsync(await community.PostAsJsonAsync($"{Api}/residents/{profileId}/verify", new { }, Json, Cancel), HttpStatusCode.OK);
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 0)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Vote_BeforeOpening_Returns409_AndAfterClosing409()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var upcoming = await CreateBallotAsync(community, opensAt: DateTimeOffset.UtcNow.AddDays(1), closesAt: DateTimeOffset.UtcNow.AddDays(2));
        var closing = await CreateBallotAsync(community, closesAt: DateTimeOffset.UtcNow.AddSeconds(2));
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));

        await AssertStatusAsync(await VoteAsync(resident, upcoming, OptionId(upcoming, 0)), HttpStatusCode.Conflict);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancel);
        await AssertStatusAsync(await VoteAsync(resident, closing, OptionId(closing, 0)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Results_WhenHiddenUntilClose_ShowTurnoutAndQuorumButNoCounts()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, hide: true, quorum: 2);
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 2)), HttpStatusCode.Created);

        var results = await ReadAsync<BallotResults>(await community.GetAsync($"{Api}/ballots/{ballot.GetProperty("id").GetGuid()}/results", Cancel), HttpStatusCode.OK);

        Assert.False(results.CountsShown);
        Assert.All(results.Options, o => Assert.Null(o.Votes));
        Assert.Equal(1, results.Turnout);
        Assert.True(results.Eligible >= 2, $"eligible {results.Eligible}");
        Assert.Equal(2, results.Quorum);
        Assert.False(results.QuorumMet);
    }
}
