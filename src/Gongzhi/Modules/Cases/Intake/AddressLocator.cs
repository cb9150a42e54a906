using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases.Intake;

/// <summary>
/// Places a free-text address without a street geocoder: the address must name a community or street of
/// the city, and the report is placed at that node's centre (the deepest, longest name wins).
/// </summary>
internal static class AddressLocator
{
    private static readonly JurisdictionLevel[] NamedLevels = [JurisdictionLevel.Community, JurisdictionLevel.Street];

    public static async Task<(double Lat, double Lon)?> LocateAsync(IJurisdictionDirectory tree, string address, CancellationToken cancellationToken) =>
        (await LoadAsync(tree, cancellationToken)).Locate(address);

    /// <summary>The named places once, for callers that locate many addresses (a bulk import) rather than one.</summary>
    public static async Task<AddressIndex> LoadAsync(IJurisdictionDirectory tree, CancellationToken cancellationToken)
    {
        var places = (await tree.CentredAsync(NamedLevels, cancellationToken))
            .Select(j => new NamedPlace(j.Code, j.Name, j.CentroidLat!.Value, j.CentroidLon!.Value));
        return new AddressIndex(places.Where(p => p.Name.Length >= 2)
            .OrderByDescending(p => p.Code.Length).ThenByDescending(p => p.Name.Length).ToList());
    }
}

internal sealed record NamedPlace(string Code, string Name, double Lat, double Lon);

/// <summary>The communities and streets an address may name, deepest and longest name first.</summary>
internal sealed class AddressIndex(IReadOnlyList<NamedPlace> places)
{
    public (double Lat, double Lon)? Locate(string address) =>
        places.FirstOrDefault(p => address.Contains(p.Name, StringComparison.Ordinal)) is { } match ? (match.Lat, match.Lon) : null;
}
