using Gongzhi.Modules.Access;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Registry;

/// <summary>
/// Who may do what with the basic data, in one place (PIPL art. 6, minimum necessary). Government staff of
/// an area read its people masked; those who visit them (grid workers, community staff) keep the records;
/// they and the street office may reveal full values for a stated purpose. Departments see aggregates only.
/// </summary>
public static class RegistryPermissions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Reveal = "reveal";
    public const string Visit = "visit";
    public const string Import = "import";
    public const string MoveAway = "move-away";

    /// <summary>Read persons, masked.</summary>
    public static readonly string[] Readers = [Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.StreetDispatcher, Roles.Admin];

    /// <summary>Keep the records true: register, correct, visit.</summary>
    public static readonly string[] Keepers = [Roles.GridWorker, Roles.CommunityStaff];

    /// <summary>See full ID numbers and phones for a stated purpose, and the care tags.</summary>
    public static readonly string[] Revealers = [Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff];

    /// <summary>Addresses, houses and units are no personal data: every government role reads them.</summary>
    public static readonly string[] PlaceReaders =
        [Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.StreetDispatcher, Roles.DepartmentStaff, Roles.CommandCenter, Roles.Leader, Roles.Admin];

    /// <summary>Register addresses, houses, units and devices.</summary>
    public static readonly string[] PlaceKeepers = [Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.Admin];

    public const string ReaderRoles = "GridWorker,CommunityStaff,StreetStaff,StreetDispatcher,Admin";

    /// <summary>Import persons from a file: the community's and the street's staff, for their whole area.</summary>
    public static readonly string[] Importers = [Roles.CommunityStaff, Roles.StreetStaff];

    public const string ImporterRoles = "CommunityStaff,StreetStaff";

    /// <summary>Follow grid coverage and workers' load: the street office and the community (and administrators).</summary>
    public static readonly string[] CoverageReaders = [Roles.StreetStaff, Roles.StreetDispatcher, Roles.CommunityStaff, Roles.Admin];

    public const string CoverageReaderRoles = "StreetStaff,StreetDispatcher,CommunityStaff,Admin";

    public static bool MayImport(Caller caller) => Importers.Any(caller.IsInRole);

    public static bool MaySeeCareTags(Caller caller) => Revealers.Any(caller.IsInRole);

    /// <summary>Action rules for a person, given to <see cref="RecordActions"/>.</summary>
    internal sealed class PersonRules : IActionRules<Person>
    {
        public static readonly PersonRules Instance = new();

        public bool CanSee(Caller caller, Person record) =>
            (caller.IsSystem || Readers.Any(caller.IsInRole)) && caller.Covers(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, Person record) => action switch
        {
            Reveal => caller.IsSystem || Revealers.Any(caller.IsInRole),
            Create or Update or Visit or MoveAway => caller.IsSystem || Keepers.Any(caller.IsInRole),
            Import => caller.IsSystem || Importers.Any(caller.IsInRole),
            _ => false,
        } && caller.Covers(record.JurisdictionCode);
    }
}

/// <summary>Places (addresses, houses, units, devices): seen inside the caller's scope, kept by the place keepers covering them.</summary>
internal sealed class PlaceRules<T> : IActionRules<T> where T : class, IJurisdictional
{
    public static readonly PlaceRules<T> Instance = new();

    public bool CanSee(Caller caller, T record) => caller.Covers(record.JurisdictionCode);

    public bool Allows(Caller caller, string action, T record) =>
        (caller.IsSystem || RegistryPermissions.PlaceKeepers.Any(caller.IsInRole)) && caller.Covers(record.JurisdictionCode);
}
