using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases.Workflow;

/// <summary>How the caller stands to a case, besides their role.</summary>
public enum CaseRelation
{
    /// <summary>The caller's jurisdiction covers the case.</summary>
    Covering,

    /// <summary>The caller covers the case from the district or the city, above the street that handles it.</summary>
    CoveringFromAbove,

    /// <summary>The caller belongs to the lead organisation the case is dispatched to.</summary>
    LeadOrganisation,

    /// <summary>The caller belongs to one of the organisations assisting the lead.</summary>
    AssistingOrganisation,

    /// <summary>The caller reported the case (or follows it after a merge).</summary>
    Reporter,

    /// <summary>The caller covers the case, and no grid worker's account covers its grid: someone must still check the work.</summary>
    CoveringUnattendedGrid,
}

/// <summary>Any of <see cref="Roles"/> (or any signed-in role when null) standing in <see cref="Relation"/> to the case.</summary>
public sealed record CaseGrant(IReadOnlySet<string>? Roles, CaseRelation Relation);

/// <summary>
/// Who may see a case and who may take each action on it: the one table the API, the pages and the
/// tests read. The case itself decides whether its state allows the action.
/// </summary>
public static class CaseAccess
{
    private static readonly IReadOnlySet<string> Dispatchers = new HashSet<string> { Roles.StreetDispatcher, Roles.StreetStaff, Roles.CommandCenter };

    private static readonly IReadOnlySet<string> Staff = Roles.All.Where(r => r != Roles.Resident).ToHashSet();

    private static readonly CaseGrant Dispatcher = new(Dispatchers, CaseRelation.Covering);

    private static readonly CaseGrant LeadStaff = new(Staff, CaseRelation.LeadOrganisation);

    private static readonly CaseGrant AssistingStaff = new(Staff, CaseRelation.AssistingOrganisation);

    private static readonly CaseGrant Reporter = new(null, CaseRelation.Reporter);

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<CaseGrant>> Grants = new Dictionary<string, IReadOnlyList<CaseGrant>>
    {
        [CaseActions.Register] = [Dispatcher],
        [CaseActions.Reject] = [Dispatcher],
        [CaseActions.Reclassify] = [Dispatcher],
        [CaseActions.Dispatch] = [Dispatcher],
        [CaseActions.Transfer] = [Dispatcher],
        [CaseActions.Merge] = [Dispatcher],
        [CaseActions.ApproveExtension] = [Dispatcher],
        [CaseActions.RefuseExtension] = [Dispatcher],
        [CaseActions.Close] = [Dispatcher],
        [CaseActions.Accept] = [LeadStaff],
        [CaseActions.Return] = [LeadStaff],
        [CaseActions.Resolve] = [LeadStaff],
        [CaseActions.RequestExtension] = [LeadStaff],
        // 核查 is the covering grid worker's, independent of whoever did the work; where no grid worker covers the grid,
        // the street's dispatchers check it, or its cases would wait for a verification nobody can give.
        [CaseActions.Verify] = [new(new HashSet<string> { Roles.GridWorker }, CaseRelation.Covering), Reporter,
            new(Dispatchers, CaseRelation.CoveringUnattendedGrid)],
        [CaseActions.Rework] = [new(new HashSet<string> { Roles.GridWorker }, CaseRelation.Covering), Reporter,
            new(Dispatchers, CaseRelation.CoveringUnattendedGrid)],
        [CaseActions.Evaluate] = [Reporter],
        [CaseActions.Reopen] = [Reporter],
        [CaseActions.Escalate] = [new(new HashSet<string> { Roles.StreetDispatcher, Roles.StreetStaff, Roles.CommandCenter, Roles.CommunityStaff },
            CaseRelation.Covering)],
        [CaseActions.Supervise] = [new(new HashSet<string> { Roles.CommandCenter, Roles.Leader }, CaseRelation.CoveringFromAbove)],
        [CaseActions.Note] = [Dispatcher, LeadStaff, AssistingStaff],
    };

    /// <summary>
    /// Residents see the cases they reported or follow; department staff the cases dispatched to their
    /// organisation (lead or assisting); other staff and administrators the cases inside their jurisdiction.
    /// </summary>
    public static bool CanSee(Caller caller, Case @case)
    {
        if (caller.Administers(@case.JurisdictionCode) || IsReporter(caller, @case) || IsOfInvolvedOrganisation(caller, @case))
        {
            return true;
        }
        if (caller.IsInRole(Roles.Resident) || caller.IsInRole(Roles.DepartmentStaff))
        {
            return false;
        }
        return caller.Covers(@case.JurisdictionCode);
    }

    /// <summary>
    /// Sees the case as the staff working on it do, internal lines included: administrators, the involved organisations and
    /// staff covering it. A reporter or follower who is none of these sees it as the public does (<see cref="CaseAccess.IsInternal"/>).
    /// </summary>
    public static bool SeesInternals(Caller caller, Case @case) =>
        caller.Administers(@case.JurisdictionCode) || IsOfInvolvedOrganisation(caller, @case)
        || (!caller.IsInRole(Roles.Resident) && !caller.IsInRole(Roles.DepartmentStaff) && caller.Roles.Count > 0 && caller.Covers(@case.JurisdictionCode));

    /// <summary>
    /// Timeline lines between the offices only: returns, rework, extensions, transfers, escalations, supervision, overdue
    /// marks, whistles, report-ins, reclassifications, verification and the handling notes (办理备注). The reporter does
    /// not see them; of the other lines they see what was addressed to them (their report, a rejection's reason, the
    /// resolution, the close, their evaluation, a reopening).
    /// </summary>
    public static bool IsInternal(string action) => action is CaseActions.Return or CaseActions.Rework or CaseActions.RequestExtension
        or CaseActions.ApproveExtension or CaseActions.RefuseExtension or CaseActions.Transfer or CaseActions.Escalate or CaseActions.Supervise
        or CaseActions.Overdue or CaseActions.Whistle or CaseActions.ReportIn or CaseActions.ReportInMissed or CaseActions.Note
        or CaseActions.Reclassify or CaseActions.Verify;

    /// <summary>Whether the note of a public line is addressed to the reporter (see <see cref="IsInternal"/>).</summary>
    public static bool IsNoteForReporter(string action) => action is CaseActions.Submit or CaseActions.Reject or CaseActions.Resolve
        or CaseActions.Close or CaseActions.Evaluate or CaseActions.Reopen;

    /// <summary>
    /// The one photo of a case anyone may see, through Open311 and the files API: the first photo of the report, as its
    /// re-encoded public variant, once a dispatcher has registered the case (立案). Until then nobody has looked at what was
    /// sent, and a report refused as invalid or not a public matter never publishes anything; nor does an anonymous report,
    /// which the public list leaves out altogether. Null when there is none.
    /// </summary>
    public static Guid? PublishedPhoto(Case @case) =>
        @case.RegisteredAt is not null && !@case.Anonymous && @case.PhotoIds.Count > 0 ? @case.PhotoIds[0] : null;

    /// <summary>
    /// The grant that lets the caller take <paramref name="action"/>, or null when no role and relation fit.
    /// <paramref name="gridUnattended"/>: no grid worker's account covers the case's grid (<see cref="CaseRelation.CoveringUnattendedGrid"/>).
    /// </summary>
    public static CaseGrant? GrantFor(Caller caller, string action, Case @case, bool gridUnattended = false) =>
        Grants.TryGetValue(action, out var grants)
            ? grants.FirstOrDefault(g => (g.Roles is null || g.Roles.Any(caller.IsInRole)) && Holds(caller, g.Relation, @case, gridUnattended))
            : null;

    /// <summary>Whether <see cref="GrantFor"/> needs to know if the case's grid is unattended for the caller: only then is it worth asking.</summary>
    public static bool MayNeedUnattendedGrid(Caller caller, string action) =>
        action is CaseActions.Verify or CaseActions.Rework && Dispatchers.Any(caller.IsInRole);

    /// <summary>True when some grant of the action names one of the caller's roles, whatever the case.</summary>
    public static bool HasRoleFor(Caller caller, string action) =>
        Grants.TryGetValue(action, out var grants) && grants.Any(g => g.Roles is null || g.Roles.Any(caller.IsInRole));

    public static bool IsReporter(Caller caller, Case @case) =>
        caller.UserId is { } me && (@case.ReporterUserId == me || @case.FollowerUserIds.Contains(me));

    /// <summary>Dispatchers and administrators covering the case may see the reporter's name and phone for a stated purpose.</summary>
    public static bool MayReveal(Caller caller, Case @case) =>
        caller.Administers(@case.JurisdictionCode) || (caller.IsInRole(Roles.StreetDispatcher) && caller.Covers(@case.JurisdictionCode));

    private static bool IsOfInvolvedOrganisation(Caller caller, Case @case) =>
        OrganisationOf(caller) is { } org && (@case.LeadOrganisationId == org || @case.AssistingOrganisationIds.Contains(org));

    private static Guid? OrganisationOf(Caller caller) => Guid.TryParse(caller.OrganisationId, out var id) ? id : null;

    private static bool Holds(Caller caller, CaseRelation relation, Case @case, bool gridUnattended) => relation switch
    {
        CaseRelation.Covering => caller.Covers(@case.JurisdictionCode),
        CaseRelation.CoveringFromAbove => caller.Covers(@case.JurisdictionCode)
            && JurisdictionCode.LevelOf(caller.ScopeCode) < JurisdictionLevel.Street,
        CaseRelation.LeadOrganisation => @case.LeadOrganisationId is { } lead && OrganisationOf(caller) == lead,
        CaseRelation.AssistingOrganisation => OrganisationOf(caller) is { } org && @case.AssistingOrganisationIds.Contains(org),
        CaseRelation.Reporter => IsReporter(caller, @case),
        CaseRelation.CoveringUnattendedGrid => gridUnattended && caller.Covers(@case.JurisdictionCode),
        _ => false,
    };

    /// <summary>
    /// The caller to save as once the table has granted an action on a case. The context's write guard
    /// only knows scopes, but a reporter acts on their own case wherever it lies, and a transfer moves a
    /// case out of the sender's jurisdiction; for that one save the scope becomes the nodes the action
    /// touches, so the audit log still names the person and nothing else can be written.
    /// </summary>
    internal static Caller ActingOn(Caller caller, params string[] codes)
    {
        if (caller.IsSystem || codes.All(caller.Covers))
        {
            return caller;
        }
        var common = codes[0];
        foreach (var code in codes.Skip(1))
        {
            while (!JurisdictionCode.IsWithin(code, common))
            {
                common = JurisdictionCode.ParentOf(common) ?? Platform.Scoping.JurisdictionCode.City;
            }
        }
        return caller with { ScopeCode = common };
    }
}

/// <summary>A refusal that is neither a broken rule nor bad input: the case is out of sight (404) or the action not the caller's (403).</summary>
public sealed class CaseAccessException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static CaseAccessException NotFound() => new(StatusCodes.Status404NotFound, CasesText.Get("Access.ThereSuchCaseYou"));

    public static CaseAccessException Forbidden(string action) => new(StatusCodes.Status403Forbidden,
        CasesText.Format("Access.YourRoleTakeAction", CaseActions.Zh(action), action));
}
