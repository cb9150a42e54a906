using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>
/// Street, community and grid boundaries are not public, so the demo derives them: a node's area is
/// cut into one Voronoi cell per child around seed points placed inside it. Everything is a function
/// of the parent's geometry and code, so the same data always gives the same map.
/// </summary>
internal static class BoundaryDerivation
{
    /// <summary>3–6 grids per community, stable across processes and runtimes (unlike string.GetHashCode).</summary>
    public static int GridCount(string communityCode) => 3 + (int)(StableHash(communityCode) % 4);

    /// <summary>FNV-1a, 64 bit.</summary>
    public static ulong StableHash(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>Makes a surveyed polygon usable: rings that touch themselves are repaired, coordinates rounded.</summary>
    public static Geometry Repair(Geometry geometry) => Round(GeometryFixer.Fix(geometry));

    /// <summary>
    /// Rounds to the storage precision. Plain rounding keeps almost every cell valid and costs a tenth of a
    /// snap-rounding reducer, so the reducer's work (the fixer) is spent only on the rare cell it breaks.
    /// </summary>
    public static Geometry Round(Geometry geometry)
    {
        var rounded = geometry.Copy();
        rounded.Apply(RoundingFilter.Instance);
        rounded.GeometryChanged();
        return Polygonal(rounded.IsValid ? rounded : GeometryFixer.Fix(rounded));
    }

    /// <summary>
    /// Cuts <paramref name="parent"/> into <paramref name="count"/> non-empty cells that cover it, in a
    /// stable north-west to south-east order. <paramref name="key"/> (the parent's code) seeds the points.
    /// </summary>
    public static IReadOnlyList<Geometry> Partition(Geometry parent, int count, string key)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count == 1)
        {
            return [parent];
        }
        var prepared = PreparedGeometryFactory.Prepare(parent);
        var sites = SpreadSitesInside(parent, prepared, count, new SplitMix64(StableHash(key)));
        var cells = Cells(parent, prepared, sites);
        var ordered = Enumerable.Range(0, count)
            .OrderByDescending(i => Math.Round(sites[i].Y, 2))
            .ThenBy(i => sites[i].X)
            .ToList();
        return ordered.Select(i => RoundKeepingArea(cells[i], sites[i])).ToList();
    }

    /// <summary>
    /// Mitchell's best-candidate sampling: of a few random points inside the parent, each new site is the
    /// one farthest from the sites so far. The sites spread evenly, so the cells come out of similar size
    /// without the repeated clipping that Lloyd relaxation would cost.
    /// </summary>
    private static List<Coordinate> SpreadSitesInside(Geometry parent, IPreparedGeometry prepared, int count, SplitMix64 random)
    {
        const int candidatesPerSite = 10;
        var sites = new List<Coordinate>(count);
        var seen = new HashSet<Coordinate>();
        var fallback = 0;
        while (sites.Count < count)
        {
            Coordinate? best = null;
            var bestDistance = -1.0;
            for (var c = 0; c < candidatesPerSite; c++)
            {
                var candidate = RandomPointInside(parent, prepared, random) ?? StepFromInteriorPoint(parent, ++fallback);
                if (seen.Contains(candidate))
                {
                    continue;
                }
                var distance = sites.Count == 0 ? 0 : sites.Min(s => s.Distance(candidate));
                if (distance > bestDistance)
                {
                    (best, bestDistance) = (candidate, distance);
                }
            }
            if (best is not null && seen.Add(best))
            {
                sites.Add(best);
            }
        }
        return sites;
    }

    private static Coordinate? RandomPointInside(Geometry parent, IPreparedGeometry prepared, SplitMix64 random)
    {
        var envelope = parent.EnvelopeInternal;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var candidate = new Coordinate(envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height);
            if (prepared.Contains(GeoJson.Factory.CreatePoint(candidate)))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>For a parent so thin that random tries keep missing it: points just beside its interior point.</summary>
    private static Coordinate StepFromInteriorPoint(Geometry parent, int step)
    {
        var inner = parent.InteriorPoint.Coordinate;
        return new Coordinate(inner.X + step * 1e-7, inner.Y);
    }

    /// <summary>The Voronoi cell of each site (same order as <paramref name="sites"/>) clipped to the parent.</summary>
    private static List<Geometry> Cells(Geometry parent, IPreparedGeometry prepared, List<Coordinate> sites)
    {
        var envelope = new Envelope(parent.EnvelopeInternal);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 0.1 + 1e-6);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = envelope };
        builder.SetSites(sites);
        var diagram = builder.GetDiagram(GeoJson.Factory);
        var bySite = new Dictionary<Coordinate, Geometry>();
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = diagram.GetGeometryN(i);
            bySite[(Coordinate)cell.UserData] = cell;
        }
        // A cell that lies wholly inside the parent needs no clipping, and the containment test is far cheaper than the overlay.
        return sites.Select(site => bySite[site] is var cell && prepared.Covers(cell)
            ? cell
            : Polygonal(OverlayNGRobust.Overlay(cell, parent, SpatialFunction.Intersection))).ToList();
    }

    /// <summary>A cell narrower than the storage precision could vanish when rounded; keep a tiny square at its site then.</summary>
    private static Geometry RoundKeepingArea(Geometry cell, Coordinate site)
    {
        var rounded = Round(cell);
        if (!rounded.IsEmpty && rounded.Area > 0)
        {
            return rounded;
        }
        var step = 1.0 / GeoJson.StoragePrecision.Scale;
        var x = Math.Round(site.X, 6);
        var y = Math.Round(site.Y, 6);
        return GeoJson.Factory.CreatePolygon([new(x, y), new(x + step, y), new(x + step, y + step), new(x, y + step), new(x, y)]);
    }

    /// <summary>Overlays can return stray lines or points along shared edges; a boundary is only its polygons.</summary>
    private static Geometry Polygonal(Geometry geometry)
    {
        if (geometry is Polygon or MultiPolygon)
        {
            return geometry;
        }
        var polygons = PolygonExtracter.GetPolygons(geometry).Cast<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : GeoJson.Factory.CreateMultiPolygon(polygons);
    }

    private sealed class RoundingFilter : ICoordinateSequenceFilter
    {
        public static readonly RoundingFilter Instance = new();

        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, GeoJson.StoragePrecision.MakePrecise(seq.GetX(i)));
            seq.SetY(i, GeoJson.StoragePrecision.MakePrecise(seq.GetY(i)));
        }
    }

    /// <summary>A small, fast, seedable generator whose sequence never changes between .NET versions (System.Random's may).</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public double NextDouble()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
