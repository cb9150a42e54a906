using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Registry.Addresses;

/// <summary>
/// A standard address (标准地址): road and door number down to compound, building, unit, floor and room,
/// coded and placed in exactly one grid. Houses, persons, units and devices hang on it.
/// </summary>
public sealed class StandardAddress : IJurisdictional, IVersioned, IAudited
{
    public const int MaxPartLength = 64;
    public const int MaxAliases = 10;

    private StandardAddress()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The address code: the grid's code, a dash and a number within the grid.</summary>
    public string Code { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    public string Road { get; private set; } = "";

    public string Number { get; private set; } = "";

    public string? Compound { get; private set; }

    public string? Building { get; private set; }

    public string? Unit { get; private set; }

    public int? Floor { get; private set; }

    public string? Room { get; private set; }

    public IReadOnlyList<string> Aliases { get; private set; } = [];

    public double? Lat { get; private set; }

    public double? Lon { get; private set; }

    /// <summary>Every part and alias in one string: a search by any part in Chinese is one LIKE.</summary>
    public string SearchText { get; private set; } = "";

    public long Version { get; set; }

    public string AuditKey => Code;

    public string Label => Compose(Road, Number, Compound, Building, Unit, Room);

    internal static StandardAddress Create(string code, string grid, AddressParts parts, double? lat, double? lon)
    {
        var address = new StandardAddress { Id = Guid.NewGuid(), Code = code, JurisdictionCode = grid, Lat = lat, Lon = lon };
        address.Apply(parts);
        return address;
    }

    internal void Apply(AddressParts parts)
    {
        Road = parts.Road.Trim();
        Number = parts.Number.Trim();
        Compound = Clean(parts.Compound);
        Building = Clean(parts.Building);
        Unit = Clean(parts.Unit);
        Floor = parts.Floor;
        Room = Clean(parts.Room);
        Aliases = (parts.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().Take(MaxAliases).ToList();
        SearchText = string.Join(" ", new[] { Label }.Concat(Aliases));
    }

    internal static string Compose(string road, string number, string? compound, string? building, string? unit, string? room) =>
        string.Concat(road, number, compound, building, unit, room);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The written parts of an address; building, unit and room carry their own suffix (“3栋”, “2单元”, “502室”).</summary>
public sealed record AddressParts(string Road, string Number, string? Compound, string? Building, string? Unit, int? Floor, string? Room,
    IReadOnlyList<string>? Aliases = null);
