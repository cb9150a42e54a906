using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Participation;
using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

/// <summary>
/// Households: residents who declared the same home share one vote in a ballot of one vote per household (一户一票), and
/// count as one household toward a proposal's threshold.
/// </summary>
public sealed class HouseholdTests(GongzhiApp app)
{
    [Fact]
    public async Task Support_ByTwoResidentsOfOneHousehold_CountsOneHousehold_AndTheThresholdIsReachedInHouseholds()
    {
        const string community = "420103001005";
        var address = "新华路" + Guid.NewGuid().ToString("N")[..6] + "号";
        using var street = await app.ClientForAsync("street.420103001");
        await AssertStatusAsync(await street.PutAsJsonAsync($"{Api}/thresholds/{community}", new { minSupporters = 2, windowDays = 30 }, Json, Cancel),
            HttpStatusCode.OK);
        using var first = await ResidentClientAsync(app, await VerifiedResidentAsync(app, community, address));
        using var sameHome = await ResidentClientAsync(app, await VerifiedResidentAsync(app, community, address));
        using var neighbour = await ResidentClientAsync(app, await VerifiedResidentAsync(app, community));
        var proposal = await ReadAsync<ProposalResponse>(await first.PostAsJsonAsync($"{Api}/proposals",
            new { title = "楼栋加装电梯 " + Guid.NewGuid().ToString("N")[..6], body = "老人上下楼难。", jurisdictionCode = community }, Json, Cancel),
            HttpStatusCode.Created);

        await AssertStatusAsync(await SupportAsync(first, proposal.Id), HttpStatusCode.Created);
        var two = await ReadAsync<ProposalResponse>(await SupportAsync(sameHome, proposal.Id), HttpStatusCode.Created);
        Assert.Equal((2, 1, ProposalState.Open), (two.SupportCount, two.HouseholdCount, two.State));
        var three = await ReadAsync<ProposalResponse>(await SupportAsync(neighbour, proposal.Id), HttpStatusCode.Created);
        Assert.Equal((3, 2, ProposalState.OnAgenda), (three.SupportCount, three.HouseholdCount, three.State));
    }

    [Fact]
    public async Task Support_WhenFourMembersOfOneHouseholdRace_CountsFourSupportersAndOneHousehold()
    {
        var address = "江汉路" + Guid.NewGuid().ToString("N")[..6] + "号";
        using var proposer = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        var proposal = await ReadAsync<ProposalResponse>(await proposer.PostAsJsonAsync($"{Api}/proposals",
            new { title = "增设快递柜 " + Guid.NewGuid().ToString("N")[..6], body = "快递堆在门口。", jurisdictionCode = Wannian }, Json, Cancel),
            HttpStatusCode.Created);
        var members = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await ResidentClientAsync(app, await VerifiedResidentAsync(app, address: address)));
        }

        var responses = await Task.WhenAll(members.Select(m => SupportAsync(m, proposal.Id)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var counts = await app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal.Id)
            .Select(p => new { p.SupportCount, p.HouseholdCount }).SingleAsync(Cancel));
        Assert.Equal((4, 1), (counts.SupportCount, counts.HouseholdCount));
        members.ForEach(m => m.Dispose());
    }

    [Fact]
    public async Task PerHouseholdBallot_SecondMemberOfTheHousehold_Gets409_AndANeighbour201()
    {
        var address = "万年里" + Guid.NewGuid().ToString("N")[..6] + "号";
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, perHousehold: true);
        using var first = await ResidentClientAsync(app, await VerifiedResidentAsync(app, address: address));
        // The same home typed another way: full-width digits and spaces make no second household.
        using var second = await ResidentClientAsync(app, await VerifiedResidentAsync(app, address: " " + ToFullWidth(address) + " "));
        using var neighbour = await ResidentClientAsync(app, await VerifiedResidentAsync(app, address: address + "隔壁"));

        await AssertStatusAsync(await VoteAsync(first, ballot, OptionId(ballot, 0)), HttpStatusCode.Created);
        var refused = await VoteAsync(second, ballot, OptionId(ballot, 1));
        await AssertStatusAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("一户一票", await refused.Content.ReadAsStringAsync(Cancel));
        await AssertStatusAsync(await VoteAsync(neighbour, ballot, OptionId(ballot, 1)), HttpStatusCode.Created);

        var results = await ReadAsync<BallotResults>(await community.GetAsync($"{Api}/ballots/{ballot.GetProperty("id").GetGuid()}/results", Cancel),
            HttpStatusCode.OK);
        Assert.Equal(2, results.Turnout);
        Assert.Equal([1, 1, 0], results.Options.Select(o => o.Votes ?? -1));
    }

    [Fact]
    public async Task PerHouseholdBallot_CountsHouseholdsAsEligible_APerResidentBallotCountsResidents()
    {
        var address = "交通路" + Guid.NewGuid().ToString("N")[..6] + "号";
        await VerifiedResidentAsync(app, address: address);
        await VerifiedResidentAsync(app, address: address);
        using var community = await app.ClientForAsync("community.420103001002");
        var perHousehold = await CreateBallotAsync(community, perHousehold: true);
        var perResident = await CreateBallotAsync(community);

        var households = await ReadAsync<BallotResults>(await community.GetAsync($"{Api}/ballots/{perHousehold.GetProperty("id").GetGuid()}/results",
            Cancel), HttpStatusCode.OK);
        var residents = await ReadAsync<BallotResults>(await community.GetAsync($"{Api}/ballots/{perResident.GetProperty("id").GetGuid()}/results",
            Cancel), HttpStatusCode.OK);

        var (verified, distinctHomes) = await app.WithDbAsync(async db =>
        {
            var rows = db.Set<ResidentProfile>().Where(p => p.State == ResidenceState.Verified && p.JurisdictionCode.StartsWith(Wannian));
            return (await rows.CountAsync(Cancel), await rows.Select(p => p.HouseholdKey).Distinct().CountAsync(Cancel));
        });
        Assert.Equal(verified, residents.Eligible);
        Assert.Equal(distinctHomes, households.Eligible);
        Assert.True(households.Eligible < residents.Eligible, $"{households.Eligible} households, {residents.Eligible} residents");
    }

    [Fact]
    public async Task PerHouseholdBallot_WhenTwoMembersRace_CountsExactlyOne()
    {
        var address = "花楼街" + Guid.NewGuid().ToString("N")[..6] + "号";
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, perHousehold: true);
        var members = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await ResidentClientAsync(app, await VerifiedResidentAsync(app, address: address)));
        }

        var responses = await Task.WhenAll(members.Select((c, i) => VoteAsync(c, ballot, OptionId(ballot, i % 3))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var id = ballot.GetProperty("id").GetGuid();
        Assert.Equal((1, 1), await app.WithDbAsync(async db => (
            await db.Set<BallotParticipation>().CountAsync(p => p.BallotId == id, Cancel),
            await db.Set<BallotVote>().CountAsync(v => v.BallotId == id, Cancel))));
        members.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Backfill_GivesADeclarationWithoutAHousehold_TheKeyOfItsAddress_AndASecondRunChangesNothing()
    {
        var address = "民族街" + Guid.NewGuid().ToString("N")[..6] + "号";
        var (_, profileId) = await DeclaredResidentAsync(app, address: address);
        var declared = await app.WithDbAsync(db => db.Set<ResidentProfile>().Where(p => p.Id == profileId).Select(p => p.HouseholdKey).SingleAsync(Cancel));
        Assert.Equal(64, declared.Length);
        await app.WithDbAsync(db => db.Set<ResidentProfile>().Where(p => p.Id == profileId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.HouseholdKey, ""), Cancel));

        await app.RunSeederAsync("HouseholdKeyBackfill");
        var restored = await app.WithDbAsync(db => db.Set<ResidentProfile>().Where(p => p.Id == profileId)
            .Select(p => new { p.HouseholdKey, p.Version }).SingleAsync(Cancel));
        await app.RunSeederAsync("HouseholdKeyBackfill");
        var again = await app.WithDbAsync(db => db.Set<ResidentProfile>().Where(p => p.Id == profileId)
            .Select(p => new { p.HouseholdKey, p.Version }).SingleAsync(Cancel));

        Assert.Equal(declared, restored.HouseholdKey);
        Assert.Equal(restored, again);
    }

    [Fact]
    public async Task Backfill_CountsTheSupportingHouseholdsOfSupportsGivenBeforeHouseholdsWereCounted()
    {
        var address = "友谊路" + Guid.NewGuid().ToString("N")[..6] + "号";
        using var a = await ResidentClientAsync(app, await VerifiedResidentAsync(app, address: address));
        using var b = await ResidentClientAsync(app, await VerifiedResidentAsync(app, address: address));
        var proposal = await ReadAsync<ProposalResponse>(await a.PostAsJsonAsync($"{Api}/proposals",
            new { title = "修缮雨棚 " + Guid.NewGuid().ToString("N")[..6], body = "雨棚漏水。", jurisdictionCode = Wannian }, Json, Cancel),
            HttpStatusCode.Created);
        await AssertStatusAsync(await SupportAsync(a, proposal.Id), HttpStatusCode.Created);
        await AssertStatusAsync(await SupportAsync(b, proposal.Id), HttpStatusCode.Created);
        await app.WithDbAsync(async db =>
        {
            await db.Set<ProposalSupport>().Where(s => s.ProposalId == proposal.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.HouseholdKey, ""), Cancel);
            return await db.Set<Proposal>().Where(p => p.Id == proposal.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.HouseholdCount, 0), Cancel);
        });

        await app.RunSeederAsync("HouseholdKeyBackfill");

        var (households, emptyKeys) = await app.WithDbAsync(async db => (
            await db.Set<Proposal>().Where(p => p.Id == proposal.Id).Select(p => p.HouseholdCount).SingleAsync(Cancel),
            await db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposal.Id && s.HouseholdKey == "", Cancel)));
        Assert.Equal((1, 0), (households, emptyKeys));
    }

    [Fact]
    public void HouseholdAddress_FoldsWidthCaseSpacesAndPunctuation_ButNotWording()
    {
        Assert.Equal(Households.NormalizeAddress("万年里3栋2单元501"), Households.NormalizeAddress(" 万年里３栋-2单元 ５０１ "));
        Assert.Equal(Households.NormalizeAddress("a座12号"), Households.NormalizeAddress("Ａ座12号。"));
        Assert.NotEqual(Households.NormalizeAddress("万年里3栋"), Households.NormalizeAddress("万年里三栋"));
    }

    private static Task<HttpResponseMessage> SupportAsync(HttpClient resident, Guid id) => resident.PostAsync($"{Api}/proposals/{id}/support", null, Cancel);

    private static string ToFullWidth(string text) =>
        new(text.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c).ToArray());
}
