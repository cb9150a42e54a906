using System.Diagnostics;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Organisations;

/// <summary>
/// In demo mode, the Wuhan organisations of <see cref="DemoOrganisations"/>; only the ones missing are
/// added, so a restart or a newer division file never duplicates or overwrites an administrator's edits.
/// </summary>
internal sealed class OrganisationSeeder(TimeProvider clock) : ISeeder
{
    public int Order => 30;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo)
        {
            return;
        }
        var path = DemoOrganisations.DivisionsPath;
        if (!File.Exists(path))
        {
            context.Log.LogWarning("No division data at {Path}; the demo organisations are not seeded.", path);
            return;
        }
        var watch = Stopwatch.StartNew();
        var added = await SeedAsync(db, DemoOrganisations.Plan(DemoOrganisations.Load(path)), clock.GetUtcNow(), cancellationToken);
        if (added > 0)
        {
            context.Log.LogInformation("Seeded {Count} demo organisations in {Milliseconds} ms.", added, watch.ElapsedMilliseconds);
        }
    }

    internal static async Task<int> SeedAsync(GongzhiDbContext db, IReadOnlyList<OrganisationSeed> plan, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ids = await db.Set<Organisation>().AsNoTracking()
            .ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.Ordinal, cancellationToken);
        var added = new List<Organisation>();
        foreach (var seed in plan)
        {
            if (ids.ContainsKey(seed.Code))
            {
                continue;
            }
            var parentId = seed.ParentCode is not null && ids.TryGetValue(seed.ParentCode, out var id) ? id : (Guid?)null;
            var organisation = Organisation.Create(seed.Code, seed.Name, seed.NameEn, seed.Kind, seed.JurisdictionCode, parentId,
                address: seed.Address);
            ids[seed.Code] = organisation.Id;
            added.Add(organisation);
        }
        if (added.Count == 0)
        {
            return 0;
        }
        // One summary entry instead of ~7,500 per-record ones.
        await db.BulkInsertAsync(added, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(now, db.Caller, AuditActions.Seeded, nameof(Organisation), null, null,
            $"{added.Count} Wuhan demo organisations"));
        await db.SaveChangesAsync(cancellationToken);
        return added.Count;
    }
}
