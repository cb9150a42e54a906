using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Whistles;
using Gongzhi.Platform.Problems;
using static Gongzhi.Tests.Cases.CaseScenarios;

namespace Gongzhi.Tests.Whistles;

/// <summary>The rules of 吹哨报到 on the entities, without a database.</summary>
public sealed class WhistleRuleTests
{
    private static readonly Guid Water = Guid.Parse("0193f000-0000-7000-8000-000000000009");

    [Fact]
    public void Blow_OnAnOpenCase_SummonsEachOrganisationOnce_AndWritesTheTimeline()
    {
        var c = Accepted();
        var whistle = Whistle.Blow(c, Dispatcher, Now, [LeadOrganisation, Water, Water], "道路塌陷，需多部门到场", 30);

        Assert.Equal([LeadOrganisation, Water], whistle.Summons.Select(s => s.OrganisationId));
        Assert.All(whistle.Summons, s => Assert.Equal(Now.AddMinutes(30), s.DueAt));
        Assert.Equal(c.JurisdictionCode, whistle.JurisdictionCode);
        Assert.Equal(CaseActions.Whistle, c.Events[^1].Action);
        Assert.Null(c.Events[^1].Note);
        Assert.Equal(c.State, c.Events[^1].ToState);
    }

    [Fact]
    public void Blow_OnAClosedCase_IsRefused()
    {
        Assert.Throws<RuleViolationException>(() => Whistle.Blow(Closed(), Dispatcher, Now, [Water], "事由", 30));
        Assert.Throws<RuleViolationException>(() => Whistle.Blow(Rejected(), Dispatcher, Now, [Water], "事由", 30));
    }

    [Fact]
    public void Blow_WithoutAReasonOrAnOrganisation_IsRefused()
    {
        Assert.Throws<RuleViolationException>(() => Whistle.Blow(Accepted(), Dispatcher, Now, [Water], " ", 30));
        Assert.Throws<RuleViolationException>(() => Whistle.Blow(Accepted(), Dispatcher, Now, [], "事由", 30));
        Assert.Throws<RuleViolationException>(() => Whistle.Blow(Accepted(), Dispatcher, Now, [Water], "事由", 0));
    }

    [Fact]
    public void ReportIn_InTime_IsRecordedOnce_AndNeverMissed()
    {
        var c = Accepted();
        var summons = Whistle.Blow(c, Dispatcher, Now, [Water], "事由", 30).Summons[0];

        summons.ReportIn(c, Department, Now.AddMinutes(10), "已到场");

        Assert.Equal(Now.AddMinutes(10), summons.ReportedInAt);
        Assert.False(summons.Late);
        Assert.Throws<RuleViolationException>(() => summons.ReportIn(c, Department, Now.AddMinutes(11), null));
        Assert.False(summons.FlagMissed(c, Now.AddHours(1)));
        Assert.False(summons.Missed);
        Assert.Equal(CaseActions.ReportIn, c.Events[^1].Action);
    }

    [Fact]
    public void FlagMissed_OnlyAfterTheTime_AndOnlyOnce_AndALateReportInKeepsTheMiss()
    {
        var c = Accepted();
        var summons = Whistle.Blow(c, Dispatcher, Now, [Water], "事由", 30).Summons[0];

        Assert.False(summons.FlagMissed(c, Now.AddMinutes(29)));
        Assert.True(summons.FlagMissed(c, Now.AddMinutes(30)));
        Assert.False(summons.FlagMissed(c, Now.AddMinutes(31)));
        Assert.Single(c.Events, e => e.Action == CaseActions.ReportInMissed);

        summons.ReportIn(c, Department, Now.AddMinutes(45), "迟到");
        Assert.True(summons.Late);
        Assert.True(summons.Missed);
        Assert.Equal(Now.AddMinutes(30), summons.MissedAt);
    }

    [Fact]
    public void ReportIn_AfterTheTime_BeforeTheTimerRan_CountsAsMissed()
    {
        var c = Accepted();
        var summons = Whistle.Blow(c, Dispatcher, Now, [Water], "事由", 30).Summons[0];

        summons.ReportIn(c, Department, Now.AddMinutes(40), null);

        Assert.True(summons.Late);
        Assert.True(summons.Missed);
        Assert.False(summons.FlagMissed(c, Now.AddMinutes(41)));
    }
}
