using Gongzhi.Modules.Access;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.SocialForces;

/// <summary>Who may do what in 五社联动, in one place; the context's scope filter decides where.</summary>
internal static class SocialPermissions
{
    /// <summary>Staff who read the module's records of their area.</summary>
    public static readonly string[] Readers =
    [
        Roles.Admin, Roles.PartyOrg, Roles.StreetStaff, Roles.StreetDispatcher, Roles.CommunityStaff, Roles.GridWorker,
        Roles.CommandCenter, Roles.Leader, Roles.SocialOrg,
    ];

    /// <summary>Those who organise activities: community, street and social-organisation staff of the area.</summary>
    public static readonly string[] Organisers = [Roles.CommunityStaff, Roles.StreetStaff, Roles.SocialOrg];

    /// <summary>Those who register for activities and earn points.</summary>
    public static readonly string[] Participants = [Roles.Resident, Roles.Volunteer];

    /// <summary>Purchasers of services: street and district staff.</summary>
    public static readonly string[] Purchasers = [Roles.StreetStaff, Roles.CommandCenter];

    /// <summary>Those who keep the registry of social organisations: street and district staff (备案 is with the street).</summary>
    public static readonly string[] Registrars = [Roles.StreetStaff, Roles.CommandCenter];

    /// <summary>Those who keep community funds and donations: community, street and district staff.</summary>
    public static readonly string[] FundKeepers = [Roles.CommunityStaff, Roles.StreetStaff, Roles.CommandCenter];

    /// <summary>Those who run incubation bases and decide who comes in and graduates: street and district staff.</summary>
    public static readonly string[] Incubators = [Roles.StreetStaff, Roles.CommandCenter];

    public static bool Incubates(Caller caller, string jurisdictionCode) =>
        caller.IsAdmin || (caller.Covers(jurisdictionCode) && Incubators.Any(caller.IsInRole));

    public static bool KeepsFunds(Caller caller, string jurisdictionCode) =>
        caller.IsAdmin || (caller.Covers(jurisdictionCode) && FundKeepers.Any(caller.IsInRole));

    public static bool Organises(Caller caller, string jurisdictionCode) =>
        caller.IsAdmin || (caller.Covers(jurisdictionCode) && Organisers.Any(caller.IsInRole));

    public static bool Participates(Caller caller) => caller.UserId is not null && Participants.Any(caller.IsInRole);

    public static bool Purchases(Caller caller, string jurisdictionCode) =>
        caller.IsAdmin || (caller.Covers(jurisdictionCode) && Purchasers.Any(caller.IsInRole));

    public static bool Registers(Caller caller, string jurisdictionCode) =>
        caller.IsAdmin || (caller.Covers(jurisdictionCode) && Registrars.Any(caller.IsInRole));

    public static bool Reads(Caller caller) => caller.IsSystem || Readers.Any(caller.IsInRole);

    /// <summary>
    /// A social organisation's own staff and nothing else: they read purchases only as far as they concern their
    /// organisation (<see cref="Registry.ProviderLens"/>), whatever their account's area covers.
    /// </summary>
    public static bool IsProvider(Caller caller) =>
        !caller.IsAdmin && caller.IsInRole(Roles.SocialOrg) && !Readers.Any(r => r != Roles.SocialOrg && caller.IsInRole(r));
}
