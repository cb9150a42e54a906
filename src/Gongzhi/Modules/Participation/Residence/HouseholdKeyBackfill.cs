using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Residence;

/// <summary>
/// Declarations made before households were counted have no household key. At start, before the app serves anyone,
/// each gets the key of the address it already declares. It runs on every start and finds nothing once done; two nodes
/// starting together compute the same key, so neither can undo the other.
/// </summary>
internal sealed class HouseholdKeyBackfill(PersonalDataProtector protector) : ISeeder
{
    private const int Batch = 500;

    /// <summary>After the demo residents are seeded (150), so that a database of any age ends with every key set.</summary>
    public int Order => 155;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        var assigned = 0;
        while (true)
        {
            var batch = await db.Set<ResidentProfile>().IgnoreQueryFilters() // the start-up runs for the whole city
                .Where(p => p.HouseholdKey == "").OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.JurisdictionCode, p.DeclaredAddress }).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var row in batch)
            {
                var key = Households.Key(protector, row.JurisdictionCode, row.DeclaredAddress);
                // Written straight to the row: the resident did nothing, so neither the version nor the audit log moves.
                await db.Set<ResidentProfile>().IgnoreQueryFilters().Where(p => p.Id == row.Id && p.HouseholdKey == "")
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.HouseholdKey, key), cancellationToken);
            }
            assigned += batch.Count;
        }
        if (assigned > 0)
        {
            context.Log.LogInformation("Assigned the households of {Count} declarations of residence.", assigned);
        }
    }
}
