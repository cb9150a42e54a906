using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Problems;
using static Gongzhi.Tests.Cases.CaseScenarios;

namespace Gongzhi.Tests.Cases;

/// <summary>Every action applied to a case in every state: the allowed ones move it, the others are refused and change nothing.</summary>
public sealed class CaseLifecycleTests
{
    internal static readonly Dictionary<string, Func<Case>> Scenarios = new()
    {
        ["Submitted"] = () => Submitted(),
        ["Registered"] = Registered,
        ["Rejected"] = Rejected,
        ["Dispatched"] = Dispatched,
        ["Accepted"] = Accepted,
        ["AcceptedWithPendingExtension"] = AcceptedWithPendingExtension,
        ["Resolved"] = Resolved,
        ["Verified"] = Verified,
        ["Closed"] = Closed,
        ["EvaluatedDissatisfied"] = () => Evaluated(Satisfaction.Dissatisfied),
        ["EvaluatedSatisfied"] = () => Evaluated(Satisfaction.Satisfied),
        ["Merged"] = Merged,
    };

    internal static readonly Dictionary<string, Action<Case>> Actions = new()
    {
        [CaseActions.Reclassify] = c => c.Reclassify(Dispatcher, Now, Spoil, CaseUrgency.Urgent, Now.AddHours(1)),
        [CaseActions.Register] = c => c.Register(Dispatcher, Now, Now.AddHours(2)),
        [CaseActions.Reject] = c => c.Reject(Dispatcher, Now, RejectionKind.NotOurs, "属于物业管理范围"),
        [CaseActions.Dispatch] = c => c.Dispatch(Dispatcher, Now, LeadOrganisation, [AssistingOrganisation], Now.AddHours(2), Now.AddHours(24)),
        [CaseActions.Accept] = c => c.Accept(Department, Now),
        [CaseActions.Return] = c => c.Return(Department, Now, "不属于本单位职责", Now.AddHours(2)),
        [CaseActions.Resolve] = c => c.Resolve(Department, Now, "已处置完毕", [Guid.CreateVersion7()], Now.AddHours(8)),
        [CaseActions.Verify] = c => c.Verify(Dispatcher, Now),
        [CaseActions.Rework] = c => c.Rework(Dispatcher, Now, "现场仍有垃圾", Now.AddHours(8)),
        [CaseActions.Close] = c => c.Close(Dispatcher, Now),
        [CaseActions.Evaluate] = c => c.Evaluate(Dispatcher, Now, Satisfaction.BasicallySatisfied),
        [CaseActions.Reopen] = c => c.Reopen(Dispatcher, Now, "问题仍然存在", Now.AddHours(2)),
        [CaseActions.RequestExtension] = c => c.RequestExtension(Department, Now, 16, "需要协调"),
        [CaseActions.ApproveExtension] = c => c.ApproveExtension(Dispatcher, Now, Now.AddHours(1000)),
        [CaseActions.RefuseExtension] = c => c.RefuseExtension(Dispatcher, Now, "理由不充分"),
        [CaseActions.Transfer] = c => c.Transfer(Dispatcher, Now, OtherGrid, "位置属于花楼街", Now.AddHours(4)),
        [CaseActions.Merge] = c => c.MergeInto(Registered(), Dispatcher, Now),
        [CaseActions.Escalate] = c => c.Escalate(Dispatcher, Now, "需要区级协调"),
        [CaseActions.Supervise] = c => c.Supervise(Dispatcher, Now, SupervisionKind.Urge, "请尽快办理"),
    };

    /// <summary>The state machine: scenario → allowed action → resulting state. Anything not listed is forbidden.</summary>
    private static readonly Dictionary<string, Dictionary<string, CaseState>> Allowed = new()
    {
        ["Submitted"] = new()
        {
            [CaseActions.Reclassify] = CaseState.Submitted,
            [CaseActions.Register] = CaseState.Registered,
            [CaseActions.Reject] = CaseState.Rejected,
            [CaseActions.Transfer] = CaseState.Submitted,
            [CaseActions.Merge] = CaseState.Merged,
            [CaseActions.Supervise] = CaseState.Submitted,
        },
        ["Registered"] = new()
        {
            [CaseActions.Reclassify] = CaseState.Registered,
            [CaseActions.Dispatch] = CaseState.Dispatched,
            [CaseActions.Transfer] = CaseState.Submitted,
            [CaseActions.Merge] = CaseState.Merged,
            [CaseActions.Escalate] = CaseState.Registered,
            [CaseActions.Supervise] = CaseState.Registered,
        },
        ["Rejected"] = new(),
        ["Dispatched"] = new()
        {
            [CaseActions.Accept] = CaseState.Accepted,
            [CaseActions.Return] = CaseState.Registered,
            [CaseActions.Transfer] = CaseState.Submitted,
            [CaseActions.Merge] = CaseState.Merged,
            [CaseActions.Escalate] = CaseState.Dispatched,
            [CaseActions.Supervise] = CaseState.Dispatched,
        },
        ["Accepted"] = new()
        {
            [CaseActions.Resolve] = CaseState.Resolved,
            [CaseActions.RequestExtension] = CaseState.Accepted,
            [CaseActions.Escalate] = CaseState.Accepted,
            [CaseActions.Supervise] = CaseState.Accepted,
        },
        ["AcceptedWithPendingExtension"] = new()
        {
            [CaseActions.Resolve] = CaseState.Resolved,
            [CaseActions.ApproveExtension] = CaseState.Accepted,
            [CaseActions.RefuseExtension] = CaseState.Accepted,
            [CaseActions.Escalate] = CaseState.Accepted,
            [CaseActions.Supervise] = CaseState.Accepted,
        },
        ["Resolved"] = new()
        {
            [CaseActions.Verify] = CaseState.Verified,
            [CaseActions.Rework] = CaseState.Accepted,
            [CaseActions.Supervise] = CaseState.Resolved,
        },
        ["Verified"] = new()
        {
            [CaseActions.Close] = CaseState.Closed,
            [CaseActions.Supervise] = CaseState.Verified,
        },
        ["Closed"] = new() { [CaseActions.Evaluate] = CaseState.Evaluated },
        ["EvaluatedDissatisfied"] = new() { [CaseActions.Reopen] = CaseState.Registered },
        ["EvaluatedSatisfied"] = new(),
        ["Merged"] = new(),
    };

    public static TheoryData<string, string> AllowedPairs() =>
        Pairs(Allowed.SelectMany(s => s.Value.Keys.Select(a => (s.Key, a))));

    public static TheoryData<string, string> ForbiddenPairs() =>
        Pairs(Scenarios.Keys.SelectMany(s => Actions.Keys.Where(a => !Allowed[s].ContainsKey(a)).Select(a => (s, a))));

    private static TheoryData<string, string> Pairs(IEnumerable<(string Scenario, string Action)> pairs)
    {
        var data = new TheoryData<string, string>();
        foreach (var (scenario, action) in pairs)
        {
            data.Add(scenario, action);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void AllowedAction_MovesCaseAndAppendsOneEvent(string scenario, string action)
    {
        var c = Scenarios[scenario]();
        var from = c.State;
        var events = c.Events.Count;

        Actions[action](c);

        Assert.Equal(Allowed[scenario][action], c.State);
        Assert.Equal(events + 1, c.Events.Count);
        var line = c.Events[^1];
        Assert.Equal(action, line.Action);
        Assert.Equal(from, line.FromState);
        Assert.Equal(c.State, line.ToState);
        Assert.Equal(c.Id, line.CaseId);
        Assert.Equal(Now, line.At);
    }

    [Theory]
    [MemberData(nameof(ForbiddenPairs))]
    public void ForbiddenAction_ThrowsRuleViolationAndLeavesCaseUnchanged(string scenario, string action)
    {
        var c = Scenarios[scenario]();
        var before = Snapshot(c);

        var error = Assert.Throws<RuleViolationException>(() => Actions[action](c));

        Assert.Contains(" / ", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(c));
    }

    [Fact]
    public void StateMachine_CoversEveryStateAndEveryAction()
    {
        var built = Scenarios.Values.Select(build => build().State).ToHashSet();
        Assert.Equal(Enum.GetValues<CaseState>().ToHashSet(), built);
        Assert.Equal(Scenarios.Keys.Order(), Allowed.Keys.Order());
        Assert.All(Allowed.Values.SelectMany(a => a.Keys), a => Assert.Contains(a, Actions.Keys));
        Assert.Equal(Scenarios.Count * Actions.Count, AllowedPairs().Count + ForbiddenPairs().Count);
    }
}
