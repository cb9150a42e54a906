using Gongzhi.Modules.Access;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>
/// Who sees and works an application. Residents see only what they applied for themselves; the centre's
/// staff see the applications of their jurisdiction (street staff their street centre and its communities,
/// community staff their community's); administrators everything. The scope filter already hides other
/// streets' applications, so these rules only narrow further.
/// </summary>
internal sealed class ApplicationRules : IActionRules<ServiceApplication>
{
    public static readonly ApplicationRules Instance = new();

    /// <summary>The roles that work a centre's applications.</summary>
    public static readonly IReadOnlySet<string> CentreRoles = new HashSet<string> { Roles.StreetStaff, Roles.CommunityStaff };

    private static readonly HashSet<string> StaffActions =
    [
        ApplicationActions.Accept, ApplicationActions.NotAccept, ApplicationActions.RequestMaterials, ApplicationActions.Approve,
        ApplicationActions.Refuse, ApplicationActions.Deliver, ApplicationActions.CloseFollowUp, ApplicationActions.Reveal,
    ];

    public bool CanSee(Caller caller, ServiceApplication record) =>
        caller.IsAdmin || IsApplicant(caller, record) || (IsCentreStaff(caller) && caller.Covers(record.JurisdictionCode));

    public bool Allows(Caller caller, string action, ServiceApplication record)
    {
        if (action == ApplicationActions.Submit)
        {
            return record.Channel switch
            {
                ApplicationChannel.Online => caller.UserId is not null && record.ApplicantUserId == caller.UserId,
                ApplicationChannel.Window => MayWork(caller, record),
                // 代办: a community worker or grid worker of the applicant's community, or the centre itself.
                _ => caller.IsInRole(Roles.CommunityStaff) || caller.IsInRole(Roles.GridWorker) || MayWork(caller, record),
            };
        }
        if (StaffActions.Contains(action))
        {
            return MayWork(caller, record);
        }
        return action switch
        {
            // The clerk records materials brought to the window; the resident sends them online.
            ApplicationActions.Supply => IsApplicant(caller, record) || MayWork(caller, record),
            ApplicationActions.Evaluate => IsApplicant(caller, record),
            _ => false,
        };
    }

    public static bool IsApplicant(Caller caller, ServiceApplication record) =>
        caller.UserId is { } me && record.ApplicantUserId == me;

    public static bool IsCentreStaff(Caller caller) => caller.IsAdmin || CentreRoles.Any(caller.IsInRole);

    /// <summary>
    /// Street staff work the applications of their street (its centre and communities); community staff those of
    /// community-level items in their community.
    /// </summary>
    public static bool MayWork(Caller caller, ServiceApplication record) => MayWork(caller, record.Level, record.JurisdictionCode);

    public static bool MayWork(Caller caller, ServiceLevel level, string jurisdictionCode) =>
        caller.IsAdmin
        || (caller.IsInRole(Roles.StreetStaff) && caller.Covers(jurisdictionCode))
        || (caller.IsInRole(Roles.CommunityStaff) && level == ServiceLevel.Community && caller.Covers(jurisdictionCode));
}
