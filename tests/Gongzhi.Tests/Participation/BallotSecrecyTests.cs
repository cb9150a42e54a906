using System.Net;
using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

/// <summary>A secret ballot keeps no link between a voter and a choice: not in its rows, the audit log, or any answer of the API.</summary>
public sealed class BallotSecrecyTests(GongzhiApp app)
{
    [Fact]
    public async Task SecretVote_StoresAChoiceWithoutVoterTimeOrOrderedId_AndAParticipationWithoutChoice()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, secret: true);
        var id = ballot.GetProperty("id").GetGuid();
        var userName = await VerifiedResidentAsync(app);
        using var resident = await ResidentClientAsync(app, userName);
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 1)), HttpStatusCode.Created);

        var (accountId, votes, participations, audited) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel),
            await db.Set<BallotVote>().Where(v => v.BallotId == id).ToListAsync(Cancel),
            await db.Set<BallotParticipation>().Where(p => p.BallotId == id).ToListAsync(Cancel),
            await db.AuditEntries.CountAsync(a => a.Subject == nameof(BallotVote) || a.Subject == nameof(BallotParticipation), Cancel)));

        var vote = Assert.Single(votes);
        Assert.Null(vote.VoterAccountId);
        Assert.Equal(OptionId(ballot, 1), vote.OptionId);
        var participation = Assert.Single(participations);
        Assert.Equal(accountId, participation.VoterAccountId);
        // Random (version 4) ids: time-ordered ones would pair the two rows by their order.
        Assert.Equal(4, vote.Id.Version);
        Assert.Equal(4, participation.Id.Version);
        Assert.Equal(0, audited);
    }

    [Fact]
    public void SecretVoteTable_HasNoColumnThatCouldNameTheVoterOrTheTime()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Gongzhi.Platform.Data.GongzhiDbContext>();
        var vote = db.Model.FindEntityType(typeof(BallotVote))!;
        var participation = db.Model.FindEntityType(typeof(BallotParticipation))!;

        Assert.Equal(["BallotId", "Id", "JurisdictionCode", "OptionId", "VoterAccountId"], vote.GetProperties().Select(p => p.Name).Order());
        Assert.DoesNotContain(participation.GetProperties(), p => p.Name.Contains("Option", StringComparison.Ordinal)
            || p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?));
        Assert.DoesNotContain(vote.GetProperties(), p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?));
    }

    [Fact]
    public async Task SecretVote_NoAnswerOfTheApiNamesTheVoterBesideTheChoice()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        using var street = await app.ClientForAsync("street.420103001");
        var ballot = await CreateBallotAsync(community, secret: true);
        var id = ballot.GetProperty("id").GetGuid();
        var userName = await VerifiedResidentAsync(app);
        var accountId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));
        using var resident = await ResidentClientAsync(app, userName);

        var cast = await VoteAsync(resident, ballot, OptionId(ballot, 0));
        await AssertStatusAsync(cast, HttpStatusCode.Created);
        Assert.Equal("", await cast.Content.ReadAsStringAsync(Cancel));
        foreach (var client in new[] { community, street, resident })
        {
            foreach (var path in new[] { $"{Api}/ballots/{id}", $"{Api}/ballots/{id}/results", $"{Api}/ballots" })
            {
                var text = await (await client.GetAsync(path, Cancel)).Content.ReadAsStringAsync(Cancel);
                Assert.DoesNotContain(accountId, text, StringComparison.Ordinal);
                Assert.DoesNotContain(userName, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task OpenVote_NamesTheVoterOnTheChoice()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, secret: false);
        var id = ballot.GetProperty("id").GetGuid();
        var userName = await VerifiedResidentAsync(app);
        using var resident = await ResidentClientAsync(app, userName);
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 2)), HttpStatusCode.Created);

        var voter = await app.WithDbAsync(db => db.Set<BallotVote>().Where(v => v.BallotId == id).Select(v => v.VoterAccountId).SingleAsync(Cancel));
        var accountId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));
        Assert.Equal(accountId, voter);
    }
}
