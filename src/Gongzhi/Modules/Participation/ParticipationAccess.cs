using Gongzhi.Modules.Access;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Participation;

/// <summary>Who organises residents' participation where: community staff of a community, street staff above it.</summary>
public static class ParticipationAccess
{
    /// <summary>The organisers' roles, for the pages' <c>[Authorize(Roles = …)]</c>.</summary>
    public const string OrganiserRoles = "Admin,StreetStaff,CommunityStaff";

    private static readonly string[] Organisers = [Roles.Admin, Roles.StreetStaff, Roles.CommunityStaff];

    public static bool IsOrganiser(Caller caller) => caller.IsSystem || Organisers.Any(caller.IsInRole);

    /// <summary>Staff who may verify residents, run ballots, publish notices and moderate in <paramref name="code"/>.</summary>
    public static bool Organises(Caller caller, string code) => IsOrganiser(caller) && caller.Covers(code);

    public static bool IsResident(Caller caller) => caller.IsInRole(Roles.Resident);
}
