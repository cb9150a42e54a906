using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Registry.Housing;

public enum HouseType
{
    Apartment = 0,
    Bungalow = 1,
    Villa = 2,
    Shop = 3,
    Office = 4,
    Other = 5,
}

/// <summary>自住, 出租, 空置, 经营.</summary>
public enum HouseUse
{
    OwnerOccupied = 0,
    Rented = 1,
    Vacant = 2,
    Business = 3,
}

/// <summary>A house of the actual housing (实有房屋): one per room address, with its owner, tenants and rental registration.</summary>
public sealed class House : IJurisdictional, IVersioned, IAudited
{
    public const int MaxTenants = 20;

    private House()
    {
    }

    public Guid Id { get; private set; }

    public Guid AddressId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public HouseType Type { get; private set; }

    public decimal? AreaSquareMeters { get; private set; }

    public HouseUse Use { get; private set; }

    public Guid? OwnerPersonId { get; private set; }

    public IReadOnlyList<Guid> TenantPersonIds { get; private set; } = [];

    public DateOnly? RentalRegisteredFrom { get; private set; }

    public DateOnly? RentalRegisteredUntil { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    internal static House Register(Guid addressId, string jurisdictionCode, HouseType type, decimal? area, HouseUse use, Guid? owner) => new()
    {
        Id = Guid.NewGuid(),
        AddressId = addressId,
        JurisdictionCode = jurisdictionCode,
        Type = type,
        AreaSquareMeters = area,
        Use = use,
        OwnerPersonId = owner,
    };

    internal void Describe(HouseType type, decimal? area, HouseUse use, Guid? owner)
    {
        Type = type;
        AreaSquareMeters = area;
        Use = use;
        OwnerPersonId = owner;
        if (use != HouseUse.Rented)
        {
            TenantPersonIds = [];
            RentalRegisteredFrom = null;
            RentalRegisteredUntil = null;
        }
    }

    /// <summary>Tenants and a rental registration only on a rented house, the registration ending after it starts.</summary>
    internal void Let(IReadOnlyList<Guid> tenants, DateOnly from, DateOnly? until)
    {
        if (Use != HouseUse.Rented)
        {
            throw new RuleViolationException(RegistryText.Get("House.NotRented"));
        }
        if (until is { } end && end <= from)
        {
            throw new RuleViolationException(RegistryText.Get("House.RentalDates"));
        }
        TenantPersonIds = tenants.Distinct().Take(MaxTenants).ToList();
        RentalRegisteredFrom = from;
        RentalRegisteredUntil = until;
    }
}

public enum UnitKind
{
    Enterprise = 0,
    Shop = 1,
    Institution = 2,
    SocialOrganisation = 3,
    GovernmentBody = 4,
    Other = 5,
}

/// <summary>A unit of the actual units (实有单位): an enterprise, shop or organisation at an address.</summary>
public sealed class RegisteredUnit : IJurisdictional, IVersioned, IAudited
{
    public const int MaxNameLength = 128;

    private RegisteredUnit()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid? AddressId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>统一社会信用代码 (GB 32100), normalised; public information of a registered body.</summary>
    public string CreditCode { get; private set; } = "";

    public UnitKind Kind { get; private set; }

    public string? ContactName { get; private set; }

    public string? ContactPhoneProtected { get; private set; }

    public string? ContactPhoneMasked { get; private set; }

    public int? StaffCount { get; private set; }

    /// <summary>The platform organisation this unit is, when it is one.</summary>
    public Guid? OrganisationId { get; private set; }

    public long Version { get; set; }

    public string AuditKey => CreditCode;

    internal static RegisteredUnit Register(string jurisdictionCode, Guid? addressId, string name, string creditCode, UnitKind kind,
        string? contactName, string? phoneProtected, string? phoneMasked, int? staffCount, Guid? organisationId) => new()
    {
        Id = Guid.NewGuid(),
        JurisdictionCode = jurisdictionCode,
        AddressId = addressId,
        Name = name,
        CreditCode = creditCode,
        Kind = kind,
        ContactName = contactName,
        ContactPhoneProtected = phoneProtected,
        ContactPhoneMasked = phoneMasked,
        StaffCount = staffCount,
        OrganisationId = organisationId,
    };
}
