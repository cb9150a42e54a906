using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Gongzhi.Tests.Jurisdictions;

public sealed class BoundaryImportTests(GongzhiApp app)
{
    /// <summary>The district whose boundaries these tests replace in the shared database; other tests leave it alone.</summary>
    public const string ImportDistrict = "420114";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // A street of 0.1° × 0.1° with two communities, enough to exercise every rule without a database.
    private static readonly Dictionary<string, Jurisdiction> Known = new[]
    {
        Jurisdiction.Create("420103001", "民族街街道", Square(114.0, 30.0, 0.1), true, 30.05, 114.05),
        Jurisdiction.Create("420103001001", "甲社区", null, true, null, null),
        Jurisdiction.Create("420103001002", "乙社区", null, true, null, null),
    }.ToDictionary(j => j.Code);

    private static string Square(double lon, double lat, double size) =>
        Polygon([[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]);

    private static string Polygon(double[][] ring) => JsonSerializer.Serialize(new { type = "Polygon", coordinates = new[] { ring } });

    private static string Feature(object? code, string geometry) =>
        $$"""{"type":"Feature","properties":{{(code is null ? "{}" : JsonSerializer.Serialize(new { code }))}},"geometry":{{geometry}}}""";

    private static string Collection(params string[] features) => $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

    private static BoundaryValidation Validate(string json) => new BoundaryValidator(JurisdictionLevel.Community, Known).Validate(json);

    private static string RejectionOf(string feature)
    {
        var outcome = Assert.Single(Validate(Collection(feature)).Outcomes);
        Assert.False(outcome.Accepted, "the feature was accepted");
        return outcome.Rejection!;
    }

    [Fact]
    public void Validate_AValidFeature_IsAccepted()
    {
        var validation = Validate(Collection(Feature("420103001001", Square(114.01, 30.01, 0.04))));

        Assert.Null(validation.FileError);
        Assert.Equal(0, validation.Rejected);
        Assert.True(validation.Accepted.ContainsKey("420103001001"));
    }

    [Fact]
    public void Validate_AChildStickingOutByLessThanOnePercent_IsAccepted()
    {
        // 0.0995 × 0.1 of the square lies inside: 99.5 %.
        var validation = Validate(Collection(Feature("420103001001", Polygon([[114.0005, 30.0], [114.1005, 30.0], [114.1005, 30.1], [114.0005, 30.1], [114.0005, 30.0]]))));

        Assert.Equal(0, validation.Rejected);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("""{"type":"Feature","properties":{},"geometry":null}""", "not a GeoJSON FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection"}""", "no \"features\" array")]
    public void Validate_AFileThatIsNotAFeatureCollection_IsRejectedAsAWhole(string json, string message)
    {
        var validation = Validate(json);

        Assert.Contains(message, validation.FileError, StringComparison.Ordinal);
        Assert.Empty(validation.Accepted);
    }

    [Fact]
    public void Validate_AFeatureWithoutCode_IsRejected() =>
        Assert.Contains("no properties.code", RejectionOf(Feature(null, Square(114.01, 30.01, 0.01))), StringComparison.Ordinal);

    [Fact]
    public void Validate_AMalformedCode_IsRejected() =>
        Assert.Contains("'4201-x' is not a jurisdiction code", RejectionOf(Feature("4201-x", Square(114.01, 30.01, 0.01))), StringComparison.Ordinal);

    [Fact]
    public void Validate_AnUnknownCode_IsRejected() =>
        Assert.Contains("there is no community 420103001099", RejectionOf(Feature("420103001099", Square(114.01, 30.01, 0.01))), StringComparison.Ordinal);

    [Fact]
    public void Validate_ACodeOfAnotherLevel_IsRejected() =>
        Assert.Contains("420103001 is a street code, but this import is for community boundaries",
            RejectionOf(Feature("420103001", Square(114.01, 30.01, 0.01))), StringComparison.Ordinal);

    [Fact]
    public void Validate_ALineString_IsRejected() =>
        Assert.Contains("the geometry is a LineString; a boundary must be a Polygon or MultiPolygon",
            RejectionOf(Feature("420103001001", """{"type":"LineString","coordinates":[[114.01,30.01],[114.02,30.02]]}""")), StringComparison.Ordinal);

    [Fact]
    public void Validate_GeometryThatIsNotGeoJson_IsRejected() =>
        Assert.Contains("not valid GeoJSON", RejectionOf(Feature("420103001001", """{"type":"Polygon","coordinates":"here"}""")), StringComparison.Ordinal);

    [Fact]
    public void Validate_ASelfIntersectingPolygon_IsRejectedSayingWhereAndWhy()
    {
        var bowtie = Polygon([[114.01, 30.01], [114.03, 30.03], [114.03, 30.01], [114.01, 30.03], [114.01, 30.01]]);

        var rejection = RejectionOf(Feature("420103001001", bowtie));

        Assert.Contains("the geometry is invalid: Self-intersection at (30.02, 114.02)", rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AChildMostlyOutsideItsParent_IsRejected() =>
        Assert.Contains("only 20.0% of it lies inside its parent 420103001 民族街街道; at least 99% must",
            RejectionOf(Feature("420103001001", Square(114.08, 30.0, 0.1))), StringComparison.Ordinal);

    [Fact]
    public void Validate_TheSameCodeTwice_RejectsTheSecond()
    {
        var validation = Validate(Collection(Feature("420103001001", Square(114.01, 30.01, 0.01)), Feature("420103001001", Square(114.02, 30.02, 0.01))));

        Assert.True(validation.Outcomes[0].Accepted);
        Assert.Contains("already appears in feature 1", validation.Outcomes[1].Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AMixedFile_KeepsTheGoodFeatures_AndNumbersTheBadOnes()
    {
        var validation = Validate(Collection(
            Feature("420103001001", Square(114.01, 30.01, 0.02)),
            Feature("420103001099", Square(114.01, 30.01, 0.02)),
            Feature("420103001002", Square(114.05, 30.05, 0.02))));

        Assert.Equal(["420103001001", "420103001002"], validation.Accepted.Keys.Order(StringComparer.Ordinal));
        var rejected = Assert.Single(validation.Outcomes, o => !o.Accepted);
        Assert.StartsWith("feature 2 (420103001099): there is no community", rejected.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ReplacesTheValidBoundaries_MarksThemSurveyed_AndAuditsTheImport()
    {
        var community = await FirstCommunityAsync(0);
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<BoundaryImporter>();
        var json = Collection(Feature(community.Code, community.Boundary!), Feature($"{ImportDistrict}999999", Square(114.0, 30.0, 0.01)));

        var result = await importer.ImportAsync(json, JurisdictionLevel.Community, null, Cancel);

        Assert.Equal((2, 1, false), (result.Total, result.Imported, result.Complete));
        var stored = await app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking().SingleAsync(j => j.Code == community.Code, Cancel));
        Assert.False(stored.BoundaryDerived);
        Assert.Equal(community.Version + 1, stored.Version);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .AnyAsync(e => e.Action == AuditActions.Imported && e.Subject == nameof(Jurisdiction), Cancel));
        Assert.True(audited);
    }

    [Fact]
    public async Task ImportingAStreet_DrawsItsDerivedCommunitiesAndGridsAgainInsideIt_AroundAnAlreadySurveyedCommunity()
    {
        // The district's last street, whose communities the other tests here do not import.
        var district = await app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking().Where(j => j.Code.StartsWith(ImportDistrict)).ToListAsync(Cancel));
        var street = district.Where(j => j.Level == JurisdictionLevel.Street && district.Count(c => c.ParentCode == j.Code) >= 3)
            .OrderByDescending(j => j.Code, StringComparer.Ordinal).First();
        var surveyed = district.Where(c => c.ParentCode == street.Code).OrderBy(c => c.Code, StringComparer.Ordinal).First();
        // The survey draws the street a little smaller than the demo did, and one of its communities inside that.
        var newStreet = BoundaryDerivation.Round(GeoJson.ReadGeometry(street.Boundary!).Buffer(-0.002));
        var newCommunity = BoundaryDerivation.Round(OverlayNGRobust.Overlay(GeoJson.ReadGeometry(surveyed.Boundary!), newStreet, SpatialFunction.Intersection));
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<BoundaryImporter>();
        Assert.Equal(1, (await importer.ImportAsync(Collection(Feature(surveyed.Code, GeoJson.Write(newCommunity))), JurisdictionLevel.Community, null, Cancel)).Imported);
        var surveyedStored = await app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking().SingleAsync(j => j.Code == surveyed.Code, Cancel));

        var result = await importer.ImportAsync(Collection(Feature(street.Code, GeoJson.Write(newStreet))), JurisdictionLevel.Street, null, Cancel);

        var below = await app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking().Where(j => j.Code.StartsWith(street.Code) && j.Code != street.Code)
            .ToListAsync(Cancel));
        var communities = below.Where(j => j.Level == JurisdictionLevel.Community).ToList();
        var redrawn = communities.Where(c => c.Code != surveyed.Code).ToList();
        var redrawnGrids = below.Where(g => g.Level == JurisdictionLevel.Grid && redrawn.Any(c => c.Code == g.ParentCode)).ToList();
        Assert.Equal(redrawn.Count + redrawnGrids.Count, result.Rederived);
        Assert.Equal(surveyedStored.Boundary, communities.Single(c => c.Code == surveyed.Code).Boundary);
        var streetArea = GeoJson.ReadGeometry((await app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking().SingleAsync(j => j.Code == street.Code, Cancel))).Boundary!);
        var surveyedArea = GeoJson.ReadGeometry(surveyedStored.Boundary!);
        foreach (var community in redrawn)
        {
            var area = GeoJson.ReadGeometry(community.Boundary!);
            Assert.True(community.BoundaryDerived);
            Assert.True(Share(area, streetArea) > 0.999, $"{community.Code} sticks out of the street's new boundary");
            Assert.True(OverlayNGRobust.Overlay(area, surveyedArea, SpatialFunction.Intersection).Area < area.Area * 0.001,
                $"{community.Code} overlaps the surveyed community");
            foreach (var grid in redrawnGrids.Where(g => g.ParentCode == community.Code))
            {
                Assert.True(Share(GeoJson.ReadGeometry(grid.Boundary!), area) > 0.999, $"{grid.Code} sticks out of {community.Code}");
            }
        }
        var covered = communities.Sum(c => GeoJson.ReadGeometry(c.Boundary!).Area) / streetArea.Area;
        Assert.InRange(covered, 0.99, 1.01);
        // The grid index answers from the new grids at once.
        var someGrid = redrawnGrids.OrderBy(g => g.Code, StringComparer.Ordinal).First();
        var inside = GeoJson.ReadGeometry(someGrid.Boundary!).InteriorPoint;
        Assert.Equal(someGrid.Code, await app.Services.GetRequiredService<JurisdictionIndex>().LocateAsync(inside.Y, inside.X, Cancel));
    }

    private static double Share(NetTopologySuite.Geometries.Geometry part, NetTopologySuite.Geometries.Geometry whole) =>
        OverlayNGRobust.Overlay(part, whole, SpatialFunction.Intersection).Area / part.Area;

    [Fact]
    public async Task ImportCommand_ExitsWith0WhenAllAreImported_1WhenSomeAreRejected_2ForUsageErrors()
    {
        var community = await FirstCommunityAsync(1);
        var good = Path.GetTempFileName();
        var mixed = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(good, Collection(Feature(community.Code, community.Boundary!)), Cancel);
            await File.WriteAllTextAsync(mixed, Collection(Feature(community.Code, community.Boundary!), Feature("420103001", Square(114.0, 30.0, 0.01))), Cancel);
            var commands = app.Services.GetRequiredService<CommandLine>();
            Task<int> Run(params string[] args) => commands.RunAsync(app.Services, ["import", "boundaries", .. args], Cancel);

            Assert.Equal(0, await Run(good, "--level", "community"));
            Assert.Equal(1, await Run(mixed, "--level", "community"));
            Assert.Equal(2, await Run(good));
            Assert.Equal(2, await Run(good, "--level", "district"));
            Assert.Equal(2, await Run(good, "--level", "3"));
            Assert.Equal(2, await Run(good + ".missing", "--level", "community"));
        }
        finally
        {
            File.Delete(good);
            File.Delete(mixed);
        }
    }

    private Task<Jurisdiction> FirstCommunityAsync(int skip) => app.WithDbAsync(db => db.Set<Jurisdiction>().AsNoTracking()
        .Where(j => j.Level == JurisdictionLevel.Community && j.Code.StartsWith(ImportDistrict))
        .OrderBy(j => j.Code).Skip(skip).FirstAsync(Cancel));
}
