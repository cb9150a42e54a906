using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// Adds the catalogue's categories that the database lacks, in every mode: a fresh installation can
/// take reports at once. Categories already there are left alone, since administrators edit them.
/// </summary>
internal sealed class CaseCategorySeeder(TimeProvider clock) : ISeeder
{
    public int Order => 40;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        var catalogue = await CategoryCatalogueFile.LoadAsync(CategoryCatalogueFile.DefaultPath, cancellationToken);
        var existing = (await db.Set<CaseCategory>().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var missing = catalogue.Where(c => !existing.Contains(c.Code)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        db.SuppressRecordAudit = true;
        db.Set<CaseCategory>().AddRange(missing);
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow(), db.Caller, AuditActions.Seeded, nameof(CaseCategory), null, null,
            $"{missing.Count} case categories"));
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded {Count} case categories", missing.Count);
    }
}
