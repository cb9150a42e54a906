using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry.Addresses;

public sealed record CreateAddressRequest(string? Road, string? Number, string? Compound = null, string? Building = null, string? Unit = null,
    int? Floor = null, string? Room = null, IReadOnlyList<string>? Aliases = null, double? Lat = null, double? Lon = null,
    string? JurisdictionCode = null);

public sealed record AddressResponse(Guid Id, string Code, string JurisdictionCode, string Label, string Road, string Number, string? Compound,
    string? Building, string? Unit, int? Floor, string? Room, IReadOnlyList<string> Aliases, double? Lat, double? Lon)
{
    internal static AddressResponse From(StandardAddress a) => new(a.Id, a.Code, a.JurisdictionCode, a.Label, a.Road, a.Number, a.Compound,
        a.Building, a.Unit, a.Floor, a.Room, a.Aliases, a.Lat, a.Lon);
}

/// <summary>
/// Registers standard addresses: each is placed in exactly one grid, located from its position through the
/// Jurisdictions grid index when one is given, or the grid chosen; its code is the grid's code and a number.
/// </summary>
public sealed class AddressService(GongzhiDbContext db, RecordActions actions, JurisdictionIndex grids)
{
    public const int MaxResults = 50;

    public async Task<StandardAddress> CreateAsync(Caller caller, CreateAddressRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var errors = new Dictionary<string, string[]>();
        string? Part(string field, string? value, bool required)
        {
            var text = value?.Trim();
            if ((required && string.IsNullOrEmpty(text)) || text is { Length: > StandardAddress.MaxPartLength })
            {
                errors[field] = [RegistryText.Format("Address.PartInvalid", StandardAddress.MaxPartLength)];
            }
            return text;
        }
        var parts = new AddressParts(Part("road", request.Road, true) ?? "", Part("number", request.Number, true) ?? "",
            Part("compound", request.Compound, false), Part("building", request.Building, false), Part("unit", request.Unit, false),
            request.Floor, Part("room", request.Room, false), request.Aliases);
        if (request.Floor is < -10 or > 200)
        {
            errors["floor"] = [RegistryText.Get("Address.FloorInvalid")];
        }
        if (request.Aliases is { } aliases && (aliases.Count > StandardAddress.MaxAliases || aliases.Any(a => a is null || a.Length > StandardAddress.MaxPartLength)))
        {
            errors["aliases"] = [RegistryText.Format("Address.AliasesInvalid", StandardAddress.MaxAliases, StandardAddress.MaxPartLength)];
        }
        string? grid = null;
        if (request.Lat is { } lat && request.Lon is { } lon)
        {
            grid = lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? await grids.LocateAsync(lat, lon, cancellationToken) : null;
            if (grid is null)
            {
                errors["location"] = [RegistryText.Get("Address.OutsideGrids")];
            }
        }
        else if (request.Lat is not null || request.Lon is not null)
        {
            errors["location"] = [RegistryText.Get("Address.OutsideGrids")];
        }
        else if (JurisdictionCode.IsWellFormed(request.JurisdictionCode) && request.JurisdictionCode!.Length == 15)
        {
            grid = request.JurisdictionCode;
        }
        else
        {
            errors["jurisdictionCode"] = [RegistryText.Get("Address.GridRequired")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var duplicate = await db.Set<StandardAddress>().AsNoTracking().AnyAsync(a => a.JurisdictionCode == grid && a.Road == parts.Road
            && a.Number == parts.Number && a.Compound == parts.Compound && a.Building == parts.Building && a.Unit == parts.Unit
            && a.Room == parts.Room, cancellationToken);
        if (duplicate)
        {
            throw FieldValidationException.Field("room", RegistryText.Get("Address.Duplicate"));
        }
        // Codes number the grid's addresses in order, counting those outside the caller's scope too (hence no
        // filter); a race for the same number fails on the unique index.
        var count = await db.Set<StandardAddress>().IgnoreQueryFilters().CountAsync(a => a.JurisdictionCode == grid, cancellationToken);
        var address = StandardAddress.Create($"{grid}-{count + 1:D6}", grid!, parts, request.Lat, request.Lon);
        return await actions.CreateAsync(caller, address, RegistryPermissions.Create, PlaceRules<StandardAddress>.Instance, cancellationToken);
    }

    /// <summary>Addresses whose parts or aliases contain <paramref name="q"/>, inside the caller's scope and the optional area.</summary>
    public async Task<List<StandardAddress>> SearchAsync(Caller caller, string? q, string? area, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var query = db.Set<StandardAddress>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(area))
        {
            if (!JurisdictionCode.IsWellFormed(area))
            {
                throw FieldValidationException.Field("area", RegistryText.Get("Field.AreaInvalid"));
            }
            var prefix = JurisdictionCode.QueryPrefix(area);
            query = query.Where(a => a.JurisdictionCode.StartsWith(prefix));
        }
        foreach (var word in (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
        {
            query = query.Where(a => a.SearchText.Contains(word));
        }
        return await query.OrderBy(a => a.Code).Take(MaxResults).ToListAsync(cancellationToken);
    }
}
