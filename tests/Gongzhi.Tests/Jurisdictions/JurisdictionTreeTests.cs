using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Operation.Valid;

namespace Gongzhi.Tests.Jurisdictions;

/// <summary>The seeded Wuhan tree: the shape of the public data, and boundaries derived the same way every time.</summary>
public sealed class JurisdictionTreeTests(GongzhiApp app)
{
    private sealed record Node(string Code, string Name, JurisdictionLevel Level, string? ParentCode, bool BoundaryDerived, string? Boundary);

    private Task<List<Node>> NodesAsync(bool withBoundaries = false) => app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking()
        .Select(j => new Node(j.Code, j.Name, j.Level, j.ParentCode, j.BoundaryDerived, withBoundaries ? j.Boundary : null))
        .ToListAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task Seed_HasTheCity_13Districts_193Streets_3495Communities()
    {
        var counts = (await NodesAsync()).GroupBy(n => n.Level).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(1, counts[JurisdictionLevel.City]);
        Assert.Equal(13, counts[JurisdictionLevel.District]);
        Assert.Equal(193, counts[JurisdictionLevel.Street]);
        Assert.Equal(3495, counts[JurisdictionLevel.Community]);
    }

    [Fact]
    public async Task Seed_CodesHaveTheLengthOfTheirLevel_AndStartWithTheirParentsCode()
    {
        var nodes = await NodesAsync();
        var codes = nodes.Select(n => n.Code).ToHashSet();
        var city = Assert.Single(nodes, n => n.Level == JurisdictionLevel.City);
        Assert.Equal(("420100", "武汉市", (string?)null), (city.Code, city.Name, city.ParentCode));

        foreach (var node in nodes.Where(n => n.Level != JurisdictionLevel.City))
        {
            var length = node.Level switch
            {
                JurisdictionLevel.District => 6,
                JurisdictionLevel.Street => 9,
                JurisdictionLevel.Community => 12,
                _ => 15,
            };
            Assert.True(node.Code.Length == length && node.Code.All(char.IsAsciiDigit), $"{node.Code} is not a {node.Level} code");
            Assert.NotNull(node.ParentCode);
            Assert.Contains(node.ParentCode, codes);
            Assert.True(node.Level == JurisdictionLevel.District ? node.Code.StartsWith("4201", StringComparison.Ordinal) : node.Code.StartsWith(node.ParentCode, StringComparison.Ordinal),
                $"{node.Code} does not start with its parent's code {node.ParentCode}");
        }
    }

    [Fact]
    public async Task Seed_EveryCommunityHas3To6GridsNumberedFrom001()
    {
        var nodes = await NodesAsync();
        var grids = nodes.Where(n => n.Level == JurisdictionLevel.Grid).ToLookup(n => n.ParentCode!);

        foreach (var community in nodes.Where(n => n.Level == JurisdictionLevel.Community))
        {
            var own = grids[community.Code].OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
            Assert.InRange(own.Count, 3, 6);
            Assert.Equal(BoundaryDerivation.GridCount(community.Code), own.Count);
            Assert.Equal(Enumerable.Range(1, own.Count).Select(i => $"{community.Code}{i:000}"), own.Select(g => g.Code));
            Assert.Equal(Enumerable.Range(1, own.Count).Select(i => $"第{i}网格"), own.Select(g => g.Name));
        }
    }

    [Theory]
    [InlineData("万年社区居委会", "万年社区")]
    [InlineData("大董社区居民委员会", "大董社区")]
    [InlineData("张湾村村委会", "张湾村")]
    [InlineData("李家村委会", "李家村")]
    [InlineData("佛祖岭社区一区居民委员会", "佛祖岭社区一区")]
    [InlineData("保成社区", "保成社区")]
    [InlineData("一居委会", "一居委会")]
    public void CommunityName_DropsTheCommitteeSuffix_WhenANameRemains(string division, string expected) =>
        Assert.Equal(expected, JurisdictionTree.CommunityName(division));

    [Fact]
    public void GridCount_ComesFromAStableHash_NotFromTheProcess()
    {
        // Pinned values: string.GetHashCode would change them on every run.
        Assert.Equal(0xaf63dc4c8601ec8cUL, BoundaryDerivation.StableHash("a"));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => BoundaryDerivation.GridCount($"420103001{i:000}")),
            Enumerable.Range(0, 200).Select(i => 3 + (int)(BoundaryDerivation.StableHash($"420103001{i:000}") % 4)));
    }

    [Fact]
    public async Task Seed_DistrictsAreRealAndEverythingBelowIsDerived_AndEveryBoundaryIsAValidPolygon()
    {
        var nodes = await NodesAsync(withBoundaries: true);

        foreach (var node in nodes)
        {
            Assert.True(node.Boundary is not null, $"{node.Code} has no boundary");
            var geometry = GeoJson.ReadGeometry(node.Boundary);
            Assert.True(geometry is NetTopologySuite.Geometries.Polygon or NetTopologySuite.Geometries.MultiPolygon, $"{node.Code} is a {geometry.GeometryType}");
            Assert.True(geometry.Area > 0, $"{node.Code} has an empty boundary");
            Assert.True(new IsValidOp(geometry).IsValid, $"{node.Code}: {new IsValidOp(geometry).ValidationError}");
            // The import tests replace boundaries in one district, as a surveyor would.
            if (!node.Code.StartsWith(BoundaryImportTests.ImportDistrict, StringComparison.Ordinal))
            {
                Assert.Equal(node.Level is JurisdictionLevel.Street or JurisdictionLevel.Community or JurisdictionLevel.Grid, node.BoundaryDerived);
            }
        }
    }

    [Fact]
    public async Task Derivation_IsDeterministic_TwoBuildsAndTheSeededDatabaseAgree()
    {
        // Two districts keep the test quick: 江汉区 (dense, one polygon) and 汉南区 (a MultiPolygon with islands).
        var full = Divisions.Parse(await File.ReadAllTextAsync(Path.Combine(JurisdictionSeeder.SeedDirectory, "divisions.json"), TestContext.Current.CancellationToken));
        var subset = full with { Districts = full.Districts.Where(d => d.Code is "420103" or "420113").ToList() };
        var boundaries = GeoJson.ReadFeatureCollection(await File.ReadAllTextAsync(Path.Combine(JurisdictionSeeder.SeedDirectory, "districts.geojson"), TestContext.Current.CancellationToken));

        var first = JurisdictionTree.Build(subset, boundaries).Where(n => n.Level != JurisdictionLevel.City).ToList();
        var second = JurisdictionTree.Build(subset, boundaries).Where(n => n.Level != JurisdictionLevel.City).ToList();

        Assert.Equal(first.Select(n => (n.Code, n.Boundary)), second.Select(n => (n.Code, n.Boundary)));
        var seeded = (await NodesAsync(withBoundaries: true)).ToDictionary(n => n.Code);
        foreach (var node in first)
        {
            Assert.Equal(seeded[node.Code].Boundary, node.Boundary);
        }
    }

    [Fact]
    public async Task Partition_CutsAPolygonIntoNonEmptyCellsThatCoverIt_RoundedTo6Decimals()
    {
        var district = await app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking().SingleAsync(j => j.Code == "420103", TestContext.Current.CancellationToken));
        var parent = GeoJson.ReadGeometry(district.Boundary!);

        var cells = BoundaryDerivation.Partition(parent, 25, "test");

        Assert.Equal(25, cells.Count);
        Assert.All(cells, c => Assert.True(c.Area > 0));
        var union = NetTopologySuite.Operation.Union.UnaryUnionOp.Union(cells);
        Assert.True(Math.Abs(union.Area - parent.Area) / parent.Area < 1e-4, $"cells cover {union.Area / parent.Area:P3} of the parent");
        Assert.True(cells.Sum(c => c.Area) / parent.Area < 1 + 1e-4, "cells overlap");
        Assert.All(cells.SelectMany(c => c.Coordinates), c => Assert.Equal(Math.Round(c.X, 6), c.X));
    }
}
