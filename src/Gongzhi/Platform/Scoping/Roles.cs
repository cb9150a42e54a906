namespace Gongzhi.Platform.Scoping;

/// <summary>The roles of DESIGN.md. A role says what someone does; their scope says where.</summary>
public static class Roles
{
    public const string Resident = nameof(Resident);
    public const string GridWorker = nameof(GridWorker);
    public const string CommunityStaff = nameof(CommunityStaff);
    public const string StreetStaff = nameof(StreetStaff);
    public const string StreetDispatcher = nameof(StreetDispatcher);
    public const string DepartmentStaff = nameof(DepartmentStaff);
    public const string CommandCenter = nameof(CommandCenter);
    public const string PartyOrg = nameof(PartyOrg);
    public const string SocialOrg = nameof(SocialOrg);
    public const string Volunteer = nameof(Volunteer);
    public const string Leader = nameof(Leader);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All =
    [
        Resident, GridWorker, CommunityStaff, StreetStaff, StreetDispatcher, DepartmentStaff,
        CommandCenter, PartyOrg, SocialOrg, Volunteer, Leader, Admin,
    ];

    /// <summary>Government staff who may read the audit log of their own jurisdiction.</summary>
    public static readonly IReadOnlyList<string> Supervisors = [Admin, CommandCenter, StreetStaff, StreetDispatcher, CommunityStaff, Leader];
}

public static class Policies
{
    /// <summary>An administrator, bounded by its scope: endpoints under it still check what the scope covers.</summary>
    public const string Admin = "admin";

    /// <summary>An administrator of the whole city: for settings that hold everywhere (calendar, categories, Open311 keys).</summary>
    public const string CityAdmin = "city-admin";
    public const string Supervisor = "supervisor";
    public const string Staff = "staff";
}
