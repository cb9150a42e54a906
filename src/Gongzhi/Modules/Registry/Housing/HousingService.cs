using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry.Housing;

public sealed record RegisterHouseRequest(Guid? AddressId, HouseType? Type, decimal? AreaSquareMeters, HouseUse? Use, Guid? OwnerPersonId);

public sealed record RentalRequest(IReadOnlyList<Guid>? TenantPersonIds, DateOnly? From, DateOnly? Until, long? Version);

public sealed record HouseResponse(Guid Id, Guid AddressId, string JurisdictionCode, HouseType Type, decimal? AreaSquareMeters, HouseUse Use,
    Guid? OwnerPersonId, IReadOnlyList<Guid> TenantPersonIds, DateOnly? RentalRegisteredFrom, DateOnly? RentalRegisteredUntil, long Version)
{
    internal static HouseResponse From(House h) => new(h.Id, h.AddressId, h.JurisdictionCode, h.Type, h.AreaSquareMeters, h.Use, h.OwnerPersonId,
        h.TenantPersonIds, h.RentalRegisteredFrom, h.RentalRegisteredUntil, h.Version);
}

public sealed record RegisterUnitRequest(string? Name, string? CreditCode, UnitKind? Kind, string? ContactName, string? ContactPhone,
    int? StaffCount, Guid? AddressId, string? JurisdictionCode, Guid? OrganisationId = null);

/// <summary>A unit as the API shows it: the contact's phone masked.</summary>
public sealed record UnitResponse(Guid Id, string JurisdictionCode, Guid? AddressId, string Name, string CreditCode, UnitKind Kind,
    string? ContactName, string? ContactPhone, int? StaffCount, Guid? OrganisationId)
{
    internal static UnitResponse From(RegisteredUnit u) => new(u.Id, u.JurisdictionCode, u.AddressId, u.Name, u.CreditCode, u.Kind,
        u.ContactName is null ? null : Masks.Name(u.ContactName), u.ContactPhoneMasked, u.StaffCount, u.OrganisationId);
}

/// <summary>The actual housing (实有房屋) and units (实有单位): registration at standard addresses.</summary>
public sealed class HousingService(GongzhiDbContext db, RecordActions actions, PersonalDataProtector protector)
{
    public async Task<House> RegisterHouseAsync(Caller caller, RegisterHouseRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var errors = new Dictionary<string, string[]>();
        var address = await AddressAsync(request.AddressId, errors, cancellationToken);
        if (request.Type is not { } type || !Enum.IsDefined(type))
        {
            errors["type"] = [RegistryText.Get("Field.ChooseOne")];
            type = default;
        }
        if (request.Use is not { } use || !Enum.IsDefined(use))
        {
            errors["use"] = [RegistryText.Get("Field.ChooseOne")];
            use = default;
        }
        if (request.AreaSquareMeters is <= 0 or > 100000)
        {
            errors["areaSquareMeters"] = [RegistryText.Get("House.AreaInvalid")];
        }
        if (request.OwnerPersonId is { } owner && !await db.Set<Person>().AnyAsync(p => p.Id == owner, cancellationToken))
        {
            errors["ownerPersonId"] = [RegistryText.Get("Field.PersonUnknown")];
        }
        if (address is not null && await db.Set<House>().AnyAsync(h => h.AddressId == address.Id, cancellationToken))
        {
            errors["addressId"] = [RegistryText.Get("House.Exists")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var house = House.Register(address!.Id, address.JurisdictionCode, type, request.AreaSquareMeters, use, request.OwnerPersonId);
        return await actions.CreateAsync(caller, house, RegistryPermissions.Create, PlaceRules<House>.Instance, cancellationToken);
    }

    public Task<House> LetAsync(Caller caller, Guid id, RentalRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return actions.RunAsync(caller, h => h.Id == id, RegistryPermissions.Update, request.Version, PlaceRules<House>.Instance, async house =>
        {
            var tenants = request.TenantPersonIds ?? [];
            if (request.From is not { } from)
            {
                throw FieldValidationException.Field("from", RegistryText.Get("House.RentalDates"));
            }
            if (tenants.Count == 0 || tenants.Count > House.MaxTenants
                || await db.Set<Person>().CountAsync(p => tenants.Contains(p.Id), cancellationToken) != tenants.Distinct().Count())
            {
                throw FieldValidationException.Field("tenantPersonIds", RegistryText.Get("Field.PersonUnknown"));
            }
            house.Let(tenants, from, request.Until);
        }, cancellationToken);
    }

    public async Task<RegisteredUnit> RegisterUnitAsync(Caller caller, RegisterUnitRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > RegisteredUnit.MaxNameLength)
        {
            errors["name"] = [RegistryText.Format("Unit.NameRequired", RegisteredUnit.MaxNameLength)];
        }
        var creditCode = CreditCodes.Normalize(request.CreditCode);
        if (!CreditCodes.IsValid(creditCode))
        {
            errors["creditCode"] = [RegistryText.Get("Unit.CreditCodeInvalid")];
        }
        // A credit code is one unit's across the city: one registered in another area is still taken.
        else if (await db.Set<RegisteredUnit>().IgnoreQueryFilters().AnyAsync(u => u.CreditCode == creditCode, cancellationToken))
        {
            // The code is unique city-wide, so the check looks beyond the caller's scope; it names no other record.
            errors["creditCode"] = [RegistryText.Get("Unit.CreditCodeTaken")];
        }
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [RegistryText.Get("Field.ChooseOne")];
            kind = default;
        }
        if (request.StaffCount is < 0 or > 1_000_000)
        {
            errors["staffCount"] = [RegistryText.Get("Unit.StaffCountInvalid")];
        }
        var phone = request.ContactPhone?.Trim();
        if (!string.IsNullOrEmpty(phone) && (phone.Length > PersonService.MaxPhoneLength || phone.Any(c => !char.IsAsciiDigit(c) && c is not ('-' or '+' or ' '))))
        {
            errors["contactPhone"] = [RegistryText.Get("Person.PhoneInvalid")];
        }
        if (request.ContactName is { Length: > Person.MaxNameLength })
        {
            errors["contactName"] = [RegistryText.Format("Field.TooLong", Person.MaxNameLength)];
        }
        var address = request.AddressId is null ? null : await AddressAsync(request.AddressId, errors, cancellationToken);
        var code = address?.JurisdictionCode ?? request.JurisdictionCode?.Trim();
        if (!JurisdictionCode.IsWellFormed(code) || code!.Length < 12)
        {
            errors["jurisdictionCode"] = [RegistryText.Get("Person.JurisdictionInvalid")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var unit = RegisteredUnit.Register(code!, address?.Id, name, creditCode, kind, request.ContactName?.Trim(),
            string.IsNullOrEmpty(phone) ? null : protector.Protect(phone), Masks.Phone(phone), request.StaffCount, request.OrganisationId);
        return await actions.CreateAsync(caller, unit, RegistryPermissions.Create, PlaceRules<RegisteredUnit>.Instance, cancellationToken);
    }

    private async Task<StandardAddress?> AddressAsync(Guid? id, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var address = id is { } value
            ? await db.Set<StandardAddress>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == value, cancellationToken)
            : null;
        if (address is null)
        {
            errors["addressId"] = [RegistryText.Get("Field.AddressUnknown")];
        }
        return address;
    }
}
