using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>Finds the grid that contains a point.</summary>
internal interface IGridLocator
{
    int Count { get; }

    /// <summary>The code of the grid containing the point; where grids overlap, the lowest code wins. Null outside every grid.</summary>
    string? Locate(double lat, double lon);
}

internal sealed record GridBoundary(string Code, Geometry Boundary);

/// <summary>An STR-tree of envelopes narrows a lookup to a handful of grids; prepared polygons answer those quickly.</summary>
internal sealed class IndexedGridLocator : IGridLocator
{
    private readonly STRtree<(string Code, IPreparedGeometry Area)> tree = new();

    public IndexedGridLocator(IEnumerable<GridBoundary> grids)
    {
        foreach (var grid in grids)
        {
            var prepared = PreparedGeometryFactory.Prepare(grid.Boundary);
            // Prepared geometries build their point-in-area index lazily; doing it here keeps that work off the request path.
            prepared.Contains(grid.Boundary.InteriorPoint);
            tree.Insert(grid.Boundary.EnvelopeInternal, (grid.Code, prepared));
            Count++;
        }
        tree.Build();
    }

    public int Count { get; }

    public string? Locate(double lat, double lon)
    {
        var point = GeoJson.Factory.CreatePoint(new Coordinate(lon, lat));
        string? found = null;
        foreach (var (code, area) in tree.Query(point.EnvelopeInternal))
        {
            if ((found is null || string.CompareOrdinal(code, found) < 0) && area.Covers(point))
            {
                found = code;
            }
        }
        return found;
    }
}

/// <summary>The obvious way: test every grid in code order. Kept as the baseline the benchmark measures the index against.</summary>
internal sealed class LinearGridLocator(IEnumerable<GridBoundary> grids) : IGridLocator
{
    private readonly GridBoundary[] grids = grids.OrderBy(g => g.Code, StringComparer.Ordinal).ToArray();

    public int Count => grids.Length;

    public string? Locate(double lat, double lon)
    {
        var point = new Coordinate(lon, lat);
        foreach (var grid in grids)
        {
            // An envelope test first, then ray crossing: what a careful hand-written scan does (Geometry.Covers would build a full relate graph).
            if (grid.Boundary.EnvelopeInternal.Covers(point) && SimplePointInAreaLocator.Locate(point, grid.Boundary) != Location.Exterior)
            {
                return grid.Code;
            }
        }
        return null;
    }
}

/// <summary>
/// The spatial index of all grids, shared by the whole process. Built from the database on first use
/// and again when the grids change: after an import in this process at once, and otherwise (an import
/// run from the command line, or on another node) when a periodic check sees that they changed.
/// </summary>
public sealed class JurisdictionIndex(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan StaleCheckInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Snapshot? current;
    private volatile bool open;

    private sealed record Snapshot(IGridLocator Locator, GridStamp Stamp, DateTimeOffset CheckedAt);

    private sealed record GridStamp(int Count, long Versions);

    /// <summary>
    /// The code of the grid containing the point, or null outside the city. Throws
    /// <see cref="NotReadyException"/> until the grids have their boundaries (see <see cref="BoundaryPreparation"/>).
    /// </summary>
    public async ValueTask<string?> LocateAsync(double lat, double lon, CancellationToken cancellationToken = default)
    {
        if (!open)
        {
            throw new NotReadyException(JurisdictionsText.Get("Boundaries.Preparing"));
        }
        return (await GetAsync(cancellationToken)).Locator.Locate(lat, lon);
    }

    /// <summary>Rebuilds now, and answers from then on; the import calls it so that its own process never answers from old grids.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            current = await BuildAsync(cancellationToken);
            open = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.CheckedAt < StaleCheckInterval)
        {
            return snapshot;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            snapshot = current;
            if (snapshot is null)
            {
                return current = await BuildAsync(cancellationToken);
            }
            if (clock.GetUtcNow() - snapshot.CheckedAt < StaleCheckInterval)
            {
                return snapshot;
            }
            await using var scope = scopes.CreateAsyncScope();
            var stamp = await StampAsync(Db(scope), cancellationToken);
            return current = stamp == snapshot.Stamp
                ? snapshot with { CheckedAt = clock.GetUtcNow() }
                : await BuildAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Snapshot> BuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        var stamp = await StampAsync(db, cancellationToken);
        var grids = await LoadGridsAsync(db, cancellationToken);
        return new Snapshot(new IndexedGridLocator(grids), stamp, clock.GetUtcNow());
    }

    internal static async Task<List<GridBoundary>> LoadGridsAsync(GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Jurisdiction>().AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Grid && j.Boundary != null)
            .Select(j => new { j.Code, j.Boundary })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new GridBoundary(r.Code, GeoJson.ReadGeometry(r.Boundary!))).ToList();
    }

    private static async Task<GridStamp> StampAsync(GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var grids = db.Set<Jurisdiction>().Where(j => j.Level == JurisdictionLevel.Grid);
        return new GridStamp(await grids.CountAsync(cancellationToken), await grids.SumAsync(j => j.Version, cancellationToken));
    }

    private static GongzhiDbContext Db(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }
}
