using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases.Pages;

/// <summary>A named queue of one role: the states (and overdue flag) it shows.</summary>
public sealed record QueueView(string Key, IReadOnlyList<CaseState> States, bool? Overdue = null);

/// <summary>What the case pages share: the queues of each role and the actions each state offers. Times read through <c>ShownTime</c>.</summary>
public static class CaseUi
{
    public static readonly IReadOnlyDictionary<string, QueueView> Views = new Dictionary<string, QueueView>
    {
        ["register"] = new("register", [CaseState.Submitted]),
        ["dispatch"] = new("dispatch", [CaseState.Registered]),
        ["accept"] = new("accept", [CaseState.Dispatched]),
        ["resolve"] = new("resolve", [CaseState.Accepted]),
        ["verify"] = new("verify", [CaseState.Resolved]),
        ["close"] = new("close", [CaseState.Verified]),
        ["overdue"] = new("overdue", CaseStates.Open, Overdue: true),
        ["open"] = new("open", CaseStates.Open),
        ["all"] = new("all", []),
    };

    /// <summary>The queues a caller works from, their natural one first.</summary>
    public static IReadOnlyList<string> ViewsFor(Caller caller)
    {
        var views = new List<string>();
        if (caller.IsInRole(Roles.Resident) && !caller.IsAdmin)
        {
            return ["all"];
        }
        if (caller.IsInRole(Roles.StreetDispatcher) || caller.IsInRole(Roles.StreetStaff) || caller.IsAdmin)
        {
            views.AddRange(["register", "dispatch", "close"]);
        }
        if (caller.IsInRole(Roles.DepartmentStaff))
        {
            views.AddRange(["accept", "resolve"]);
        }
        if (caller.IsInRole(Roles.GridWorker) || caller.IsInRole(Roles.CommunityStaff))
        {
            views.Add("verify");
        }
        if (caller.IsInRole(Roles.CommandCenter) || caller.IsInRole(Roles.Leader))
        {
            views.InsertRange(0, ["overdue", "open"]);
        }
        views.AddRange(["overdue", "open", "all"]);
        return views.Distinct().ToList();
    }

    /// <summary>
    /// The actions the case's state allows now, in the order a handler thinks of them. The access table
    /// decides who may take them; together they give the forms the page shows.
    /// </summary>
    public static IReadOnlyList<string> ActionsInState(CaseState state, bool extensionPending, Satisfaction? satisfaction, int reopenCount)
    {
        List<string> actions = state switch
        {
            CaseState.Submitted => [CaseActions.Register, CaseActions.Reject, CaseActions.Reclassify, CaseActions.Merge, CaseActions.Transfer],
            CaseState.Registered => [CaseActions.Dispatch, CaseActions.Reclassify, CaseActions.Merge, CaseActions.Transfer, CaseActions.Escalate],
            CaseState.Dispatched => [CaseActions.Accept, CaseActions.Return, CaseActions.Merge, CaseActions.Transfer, CaseActions.Escalate],
            CaseState.Accepted => extensionPending
                ? [CaseActions.Resolve, CaseActions.ApproveExtension, CaseActions.RefuseExtension, CaseActions.Escalate]
                : [CaseActions.Resolve, CaseActions.RequestExtension, CaseActions.Escalate],
            CaseState.Resolved => [CaseActions.Verify, CaseActions.Rework],
            CaseState.Verified => [CaseActions.Close],
            CaseState.Closed => [CaseActions.Evaluate],
            CaseState.Evaluated when satisfaction == Satisfaction.Dissatisfied && reopenCount == 0 => [CaseActions.Reopen],
            _ => [],
        };
        if (CaseStates.IsOpen(state))
        {
            actions.Add(CaseActions.Supervise);
        }
        return actions;
    }

    /// <summary>Whether the caller may open the photo as uploaded (with its metadata): the files API's own rule.</summary>
    public static bool MaySeeOriginals(Caller caller, string jurisdictionCode) =>
        caller.Covers(jurisdictionCode) && (caller.IsAdmin || caller.Roles.Overlaps(PhotoLibrary.HandlingRoles));

    /// <summary>The action's resource key: the timeline's action words with dashes removed.</summary>
    public static string ActionKey(string action) => "CaseAction." + action.Replace("-", "", StringComparison.Ordinal);
}
