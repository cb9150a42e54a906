using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Residence;

/// <summary>
/// Declarations and supports made before households were counted have no household key. At start, before the app serves anyone,
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
            // The start-up's context acts as the system, whose scope is the whole city.
            var batch = await db.Set<ResidentProfile>()
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
                await db.Set<ResidentProfile>().Where(p => p.Id == row.Id && p.HouseholdKey == "")
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.HouseholdKey, key), cancellationToken);
            }
            assigned += batch.Count;
        }
        if (assigned > 0)
        {
            context.Log.LogInformation("Assigned the households of {Count} declarations of residence.", assigned);
        }
        await CountSupportingHouseholdsAsync(db, context, cancellationToken);
    }

    /// <summary>
    /// Supports given before households were counted take their supporter's household (or, for a supporter without a
    /// declaration any more, one of their own), and their proposals count the households again from them.
    /// </summary>
    private static async Task CountSupportingHouseholdsAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        var supports = db.Set<ProposalSupport>();
        var proposals = await supports.Where(s => s.HouseholdKey == "").Select(s => s.ProposalId).Distinct().ToListAsync(cancellationToken);
        if (proposals.Count == 0)
        {
            return;
        }
        var profiles = db.Set<ResidentProfile>();
        await supports.Where(s => s.HouseholdKey == "")
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.HouseholdKey, s => profiles.Where(p => p.AccountId == s.AccountId)
                .Select(p => p.HouseholdKey).FirstOrDefault() ?? "account:" + s.AccountId), cancellationToken);
        foreach (var id in proposals)
        {
            var households = await supports.Where(s => s.ProposalId == id).Select(s => s.HouseholdKey).Distinct().CountAsync(cancellationToken);
            await db.Set<Proposal>().Where(p => p.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.HouseholdCount, households), cancellationToken);
        }
        context.Log.LogInformation("Counted the supporting households of {Count} proposals.", proposals.Count);
    }
}
