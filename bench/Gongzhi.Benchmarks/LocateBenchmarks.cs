using BenchmarkDotNet.Attributes;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Scoping;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Gongzhi.Benchmarks;

/// <summary>
/// Point-to-grid lookups over the seeded Wuhan grids: the STR-tree index of prepared polygons the
/// application uses, against a plain scan of every grid. Both answer the same fixed set of points.
/// </summary>
[MemoryDiagnoser]
public class LocateBenchmarks
{
    public const int PointCount = 1_000;

    // The index answers in microseconds; going over the points several times keeps its iterations long enough to time.
    private const int IndexRounds = 20;

    private IGridLocator indexed = null!;
    private IGridLocator linear = null!;
    private Coordinate[] points = [];

    [GlobalSetup]
    public void Setup()
    {
        var (grids, city) = WuhanGrids.Load();
        indexed = new IndexedGridLocator(grids);
        linear = new LinearGridLocator(grids);
        points = WuhanGrids.PointsInside(city, PointCount, seed: 2026);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount)]
    public int LinearScan() => LocateAll(linear);

    [Benchmark(OperationsPerInvoke = PointCount * IndexRounds)]
    public int StrTreeIndex()
    {
        var found = 0;
        for (var round = 0; round < IndexRounds; round++)
        {
            found += LocateAll(indexed);
        }
        return found;
    }

    private int LocateAll(IGridLocator locator)
    {
        var found = 0;
        foreach (var point in points)
        {
            found += locator.Locate(point.Y, point.X) is null ? 0 : 1;
        }
        return found;
    }
}

/// <summary>The grids exactly as the seeder derives them, built in memory so the benchmark needs no database.</summary>
internal static class WuhanGrids
{
    public static (List<GridBoundary> Grids, Geometry City) Load()
    {
        var nodes = JurisdictionSeeder.LoadWuhanAsync(CancellationToken.None).GetAwaiter().GetResult();
        var grids = nodes.Where(n => n.Level == JurisdictionLevel.Grid)
            .Select(n => new GridBoundary(n.Code, GeoJson.ReadGeometry(n.Boundary!)))
            .ToList();
        var city = GeoJson.ReadGeometry(nodes.Single(n => n.Code == JurisdictionCode.City).Boundary!);
        return (grids, city);
    }

    /// <summary>Uniformly random points inside the city, the same every run.</summary>
    public static Coordinate[] PointsInside(Geometry city, int count, int seed)
    {
        var random = new Random(seed);
        var prepared = PreparedGeometryFactory.Prepare(city);
        var envelope = city.EnvelopeInternal;
        var points = new List<Coordinate>(count);
        while (points.Count < count)
        {
            var candidate = new Coordinate(envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height);
            if (prepared.Contains(GeoJson.Factory.CreatePoint(candidate)))
            {
                points.Add(candidate);
            }
        }
        return [.. points];
    }
}
