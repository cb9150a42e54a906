using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Pages;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Tests.Cases;

/// <summary>The case page offers a form for an action exactly when the case's own rules would take it.</summary>
public sealed class CasePageActionsTests
{
    public static TheoryData<string> ScenarioNames() => [.. CaseLifecycleTests.Scenarios.Keys];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void FormsOffered_AreTheActionsTheCaseAccepts(string scenario)
    {
        var shown = Offered(CaseLifecycleTests.Scenarios[scenario]());

        foreach (var (action, apply) in CaseLifecycleTests.Actions)
        {
            var c = CaseLifecycleTests.Scenarios[scenario]();
            var accepted = true;
            try
            {
                apply(c);
            }
            catch (RuleViolationException)
            {
                accepted = false;
            }
            Assert.True(accepted == shown.Contains(action),
                $"{scenario}: the page {(shown.Contains(action) ? "offers" : "hides")} '{action}', which the case {(accepted ? "accepts" : "refuses")}.");
        }
    }

    [Fact]
    public void ADissatisfiedVerdict_OffersReopenOnlyOnce()
    {
        var c = CaseScenarios.Evaluated(Satisfaction.Dissatisfied);
        Assert.Contains(CaseActions.Reopen, Offered(c));

        c.Reopen(CaseScenarios.Dispatcher, CaseScenarios.Now, "问题仍然存在", CaseScenarios.Now.AddHours(2));
        c.Dispatch(CaseScenarios.Dispatcher, CaseScenarios.Now, CaseScenarios.LeadOrganisation, [], CaseScenarios.Now.AddHours(2), CaseScenarios.Now.AddHours(24));
        c.Accept(CaseScenarios.Department, CaseScenarios.Now);
        c.Resolve(CaseScenarios.Department, CaseScenarios.Now, "再次清运", [], CaseScenarios.Now.AddHours(8));
        c.Verify(CaseScenarios.Dispatcher, CaseScenarios.Now);
        c.Close(CaseScenarios.Dispatcher, CaseScenarios.Now);
        c.Evaluate(CaseActor.System with { UserId = "u-resident" }, CaseScenarios.Now, Satisfaction.Dissatisfied, "还是不满意");

        Assert.DoesNotContain(CaseActions.Reopen, Offered(c));
    }

    private static IReadOnlyList<string> Offered(Case c) =>
        CaseUi.ActionsInState(c.State, c.PendingExtensionHours is not null, c.Satisfaction, c.ReopenCount);
}
