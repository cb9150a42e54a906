using System.Net;
using Gongzhi.Modules.Participation.Ballots;
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

/// <summary>One vote per household (一户一票): residents who declared the same home share one vote.</summary>
public sealed class HouseholdBallotTests(GongzhiApp app)
{
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

        await RunBackfillAsync();
        var restored = await app.WithDbAsync(db => db.Set<ResidentProfile>().Where(p => p.Id == profileId)
            .Select(p => new { p.HouseholdKey, p.Version }).SingleAsync(Cancel));
        await RunBackfillAsync();
        var again = await app.WithDbAsync(db => db.Set<ResidentProfile>().Where(p => p.Id == profileId)
            .Select(p => new { p.HouseholdKey, p.Version }).SingleAsync(Cancel));

        Assert.Equal(declared, restored.HouseholdKey);
        Assert.Equal(restored, again);
    }

    [Fact]
    public void HouseholdAddress_FoldsWidthCaseSpacesAndPunctuation_ButNotWording()
    {
        Assert.Equal(Households.NormalizeAddress("万年里3栋2单元501"), Households.NormalizeAddress(" 万年里３栋-2单元 ５０１ "));
        Assert.Equal(Households.NormalizeAddress("a座12号"), Households.NormalizeAddress("Ａ座12号。"));
        Assert.NotEqual(Households.NormalizeAddress("万年里3栋"), Households.NormalizeAddress("万年里三栋"));
    }

    private async Task RunBackfillAsync()
    {
        var seeder = app.Services.GetServices<ISeeder>().Single(s => s.GetType().Name == "HouseholdKeyBackfill");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        await seeder.SeedAsync(db, new SeedContext(false, "", NullLogger.Instance), Cancel);
    }

    private static string ToFullWidth(string text) =>
        new(text.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c).ToArray());
}
