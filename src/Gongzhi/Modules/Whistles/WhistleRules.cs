using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Whistles;

/// <summary>
/// Who may do what with a whistle. Everyone the scope filter lets see a whistle may know that it exists; only its
/// parties read what it says (<see cref="IsParty"/>).
/// </summary>
internal sealed class WhistleRules : IActionRules<Whistle>
{
    public const string Blow = "whistle";
    public const string ReportIn = "report-in";

    public bool CanSee(Caller caller, Whistle record) => true;

    public bool Allows(Caller caller, string action, Whistle record) => action switch
    {
        Blow => MayBlow(caller, record.JurisdictionCode),
        ReportIn => OrganisationOf(caller) is { } own && record.SummonsOf(own) is not null,
        _ => false,
    };

    /// <summary>A street (its dispatchers and staff) whose scope covers the case's place blows the whistle.</summary>
    public static bool MayBlow(Caller caller, string jurisdictionCode) =>
        (caller.IsInRole(Roles.StreetDispatcher) || caller.IsInRole(Roles.StreetStaff)) && caller.Covers(jurisdictionCode);

    /// <summary>
    /// The parties to a whistle, who read its reason, notes and the names of those who acted: the street or community
    /// of the case's place and their superiors whose scope covers it (supervising roles, command centre, leaders,
    /// administrators), and the organisations it summoned. Others in scope (another department, a grid worker) see
    /// only that a whistle was blown.
    /// </summary>
    public static bool IsParty(Caller caller, Whistle whistle) =>
        (caller.Covers(whistle.JurisdictionCode) && (caller.IsAdmin || Roles.Supervisors.Any(caller.IsInRole)))
        || (OrganisationOf(caller) is { } own && whistle.SummonsOf(own) is not null);

    /// <summary>Department staff act for their organisation only; streets and supervisors see every organisation in their scope.</summary>
    public static Guid? OwnOrganisationOnly(Caller caller)
    {
        if (caller.IsAdmin || Roles.Supervisors.Any(caller.IsInRole))
        {
            return null;
        }
        // Staff of an organisation with no street role see their own summons; without an organisation, nothing.
        return OrganisationOf(caller) ?? Guid.Empty;
    }

    public static Guid? OrganisationOf(Caller caller) => Guid.TryParse(caller.OrganisationId, out var own) ? own : null;
}
