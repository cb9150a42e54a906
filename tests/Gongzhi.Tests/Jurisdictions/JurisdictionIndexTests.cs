using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Jurisdictions;

public sealed class JurisdictionIndexTests(GongzhiApp app)
{
    public static TheoryData<string> Districts() =>
        new("420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112", "420113", "420114", "420115", "420116", "420117");

    [Theory]
    [MemberData(nameof(Districts))]
    public async Task Locate_AnInteriorPointOfADistrict_ReturnsAGridOfThatDistrict(string district)
    {
        var boundary = await app.WithDbAsync(db => db.Set<Jurisdiction>().Where(j => j.Code == district).Select(j => j.Boundary)
            .SingleAsync(TestContext.Current.CancellationToken));
        var inside = GeoJson.ReadGeometry(boundary!).InteriorPoint;

        var grid = await app.Services.GetRequiredService<JurisdictionIndex>().LocateAsync(inside.Y, inside.X, TestContext.Current.CancellationToken);

        Assert.NotNull(grid);
        Assert.Equal(JurisdictionLevel.Grid, JurisdictionCode.LevelOf(grid));
        Assert.StartsWith(district, grid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(39.9042, 116.4074)] // Beijing
    [InlineData(30.5928, 113.50)] // west of 蔡甸区, still in Hubei
    [InlineData(0, 0)]
    public async Task Locate_OutsideTheCity_ReturnsNull(double lat, double lon)
    {
        var grid = await app.Services.GetRequiredService<JurisdictionIndex>().LocateAsync(lat, lon, TestContext.Current.CancellationToken);

        Assert.Null(grid);
    }

    [Fact]
    public async Task IndexedAndLinearLocators_AgreeOnRandomPointsAcrossTheCity()
    {
        var grids = await app.WithDbAsync(db => JurisdictionIndex.LoadGridsAsync(db, TestContext.Current.CancellationToken));
        var indexed = new IndexedGridLocator(grids);
        var linear = new LinearGridLocator(grids);
        var random = new Random(20260101);
        var envelope = new NetTopologySuite.Geometries.Envelope();
        grids.ForEach(g => envelope.ExpandToInclude(g.Boundary.EnvelopeInternal));

        var located = 0;
        for (var i = 0; i < 300; i++)
        {
            var lat = envelope.MinY + random.NextDouble() * envelope.Height;
            var lon = envelope.MinX + random.NextDouble() * envelope.Width;
            var expected = linear.Locate(lat, lon);
            Assert.Equal(expected, indexed.Locate(lat, lon));
            located += expected is null ? 0 : 1;
        }
        Assert.True(located > 100, $"only {located} of 300 points fell inside the city");
    }
}

public sealed class JurisdictionIndexReadinessTests(GongzhiApp app)
{
    [Fact]
    public async Task Locate_BeforeTheBoundariesArePrepared_SaysNotReady()
    {
        using var index = new JurisdictionIndex(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);

        await Assert.ThrowsAsync<Gongzhi.Platform.Problems.NotReadyException>(async () => await index.LocateAsync(30.58, 114.27, TestContext.Current.CancellationToken));
        await index.RebuildAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(await index.LocateAsync(30.58, 114.27, TestContext.Current.CancellationToken));
    }
}
