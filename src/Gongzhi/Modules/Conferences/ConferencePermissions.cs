using Gongzhi.Modules.Access;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// Who may do what in joint conferences, in one place. Government staff and party organisations read
/// (the context's scope filter decides what); a body is run by its own level's staff or party
/// organisation; a task's owner reports on it; a node's staff answer the directives sent to the node.
/// </summary>
public static class ConferencePermissions
{
    public static readonly string[] Readers =
    [
        Roles.Admin, Roles.PartyOrg, Roles.StreetStaff, Roles.StreetDispatcher, Roles.CommunityStaff, Roles.GridWorker,
        Roles.CommandCenter, Roles.Leader, Roles.DepartmentStaff,
    ];

    /// <summary>Roles that run a body at their own level; a leader reads only.</summary>
    public static readonly string[] Runners = [Roles.PartyOrg, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.CommandCenter];

    /// <summary>The caller runs bodies at <paramref name="node"/>: an administrator covering it, or a runner whose scope is exactly that node.</summary>
    public static bool RunsNode(Caller caller, string node) =>
        caller.Administers(node) || (caller.ScopeCode == node && Runners.Any(caller.IsInRole));

    public static bool Runs(Caller caller, ConferenceBody body) => RunsNode(caller, body.JurisdictionCode);

    /// <summary>The owner of a task reports on it: the member unit's own staff, or the lower body's; the body itself may record a report for them.</summary>
    public static bool MayReport(Caller caller, ConferenceTask task, ConferenceBody body, ConferenceBody? ownerBody) =>
        Runs(caller, body)
        || (task.OwnerOrganisationId is { } org && caller.OrganisationId == org.ToString())
        || (ownerBody is not null && Runs(caller, ownerBody));
}
