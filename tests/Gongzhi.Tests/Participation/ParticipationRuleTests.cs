using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Tests.Participation;

public sealed class ParticipationRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(20, null, null, 20)]
    [InlineData(null, "0.2", 1000, 200)]
    [InlineData(null, "0.2", 101, 21)] // one fifth of 101 households is 20.2: 21 are needed, never 20
    [InlineData(20, "0.03", 500, 15)] // 3 % of 500 is 15, fewer than 20: whichever is reached first
    [InlineData(20, "0.2", 1000, 20)]
    [InlineData(null, "0.001", 10, 1)]
    [InlineData(null, null, null, 1)]
    public void RequiredSupporters_IsTheSmallerOfTheFixedNumberAndTheShareRoundedUp(int? fixedCount, string? share, int? households, int expected) =>
        Assert.Equal(expected, SupportThreshold.RequiredSupporters(fixedCount, share is null ? null : decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), households));

    [Fact]
    public void Supported_ReachingTheThresholdWithinTheWindow_PutsItOnTheAgendaOnce()
    {
        var proposal = Proposal.Submit("充电棚", "内容", "420103001002", "u1", "居民", Now, windowDays: 30);

        Assert.False(proposal.Supported(19, 20, Now.AddDays(1)));
        Assert.Equal(ProposalState.Open, proposal.State);
        Assert.True(proposal.Supported(20, 20, Now.AddDays(2)));
        Assert.Equal(ProposalState.OnAgenda, proposal.State);
        Assert.False(proposal.Supported(21, 20, Now.AddDays(3)));
        Assert.Equal(Now.AddDays(2), proposal.OnAgendaAt);
    }

    [Fact]
    public void Support_AfterTheWindow_IsRefused()
    {
        var proposal = Proposal.Submit("充电棚", "内容", "420103001002", "u1", "居民", Now, windowDays: 30);

        proposal.EnsureCanBeSupported(Now.AddDays(29));
        Assert.Throws<RuleViolationException>(() => proposal.EnsureCanBeSupported(Now.AddDays(30)));
        Assert.False(proposal.Supported(20, 20, Now.AddDays(31)));
    }

    [Fact]
    public void Decide_DeclinedWithoutReasons_OrActionWithoutOwnerAndDueDate_NamesTheFields()
    {
        var proposal = Proposal.Submit("充电棚", "内容", "420103001002", "u1", "居民", Now, 30);

        var declined = Assert.Throws<FieldValidationException>(() => proposal.Decide(ProposalOutcome.Declined, " ", null, null, "staff", Now));
        Assert.Contains("text", declined.Errors.Keys);
        var action = Assert.Throws<FieldValidationException>(() => proposal.Decide(ProposalOutcome.CommunityAction, "做", null, Now.AddDays(-1), "staff", Now));
        Assert.Contains("owner", action.Errors.Keys);
        Assert.Contains("dueAt", action.Errors.Keys);

        proposal.Decide(ProposalOutcome.CommunityAction, "社区出资建设", "物业公司", Now.AddDays(30), "staff", Now);
        Assert.Equal(ProposalState.Decided, proposal.State);
        Assert.Throws<RuleViolationException>(() => proposal.Decide(ProposalOutcome.Declined, "再议", null, null, "staff", Now));
    }

    [Fact]
    public void Hotness_RanksMoreSupportersHigher_AndNewerHigherAtEqualSupport()
    {
        Assert.True(Hotness.Score(100, Now) > Hotness.Score(10, Now));
        Assert.True(Hotness.Score(1, Now) > Hotness.Score(0, Now.AddHours(1)));
        Assert.True(Hotness.Score(10, Now.AddDays(1)) > Hotness.Score(10, Now));
        // Tenfold support outweighs a day of age.
        Assert.True(Hotness.Score(100, Now) > Hotness.Score(10, Now.AddDays(1)));
    }

    [Fact]
    public void Ballot_TakesVotesOnlyBetweenOpeningAndClosing_AndForItsOwnOptions()
    {
        var ballot = Ballot.Create("表决", "420103001002", ["同意", "反对"], Now, Now.AddDays(1), true, false, null, "staff", Now);
        var option = ballot.Options[0].Id;

        Assert.Throws<RuleViolationException>(() => ballot.EnsureCanVote(option, Now.AddMinutes(-1)));
        ballot.EnsureCanVote(option, Now);
        Assert.Throws<RuleViolationException>(() => ballot.EnsureCanVote(option, Now.AddDays(1)));
        Assert.Throws<FieldValidationException>(() => ballot.EnsureCanVote(Guid.NewGuid(), Now));
    }

    [Fact]
    public void SecretVote_CarriesNoVoter_OpenVoteDoes()
    {
        var secret = Ballot.Create("表决", "420103001002", ["同意", "反对"], Now, Now.AddDays(1), secret: true, false, null, "staff", Now);
        var open = Ballot.Create("表决", "420103001002", ["同意", "反对"], Now, Now.AddDays(1), secret: false, false, null, "staff", Now);

        Assert.Null(BallotVote.Of(secret, secret.Options[0].Id, "voter").VoterAccountId);
        Assert.Equal("voter", BallotVote.Of(open, open.Options[0].Id, "voter").VoterAccountId);
    }

    [Fact]
    public void Residence_VerifiedOnce_RefusedWithReason_RedeclaredWaitsAgain()
    {
        var profile = ResidentProfile.Declare("u1", "居民", "420103001002", "万年里1号", "h1", Now);
        profile.Refuse("staff", "地址不在本社区", Now);
        Assert.Equal(ResidenceState.Refused, profile.State);
        Assert.False(profile.IsVerified);

        profile.Redeclare("420103001002", "万年里2号", "h2", Now);
        Assert.Equal(ResidenceState.Declared, profile.State);
        Assert.Null(profile.Reason);
        profile.Verify("staff", Now);
        Assert.True(profile.IsVerified);
        Assert.Throws<RuleViolationException>(() => profile.Verify("staff", Now));
    }
}
