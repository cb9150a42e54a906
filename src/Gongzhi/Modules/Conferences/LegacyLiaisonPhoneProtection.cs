using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// Member units that joined before liaison phones were encrypted kept the phone in a plaintext column. At start, before
/// the app serves anyone, each such membership gets its encrypted and masked phone and the plaintext is emptied. It runs
/// on every start and finds nothing once done; a membership whose phone is already encrypted is only emptied, so two
/// nodes starting together cannot overwrite each other's work with a different result.
/// </summary>
internal sealed class LegacyLiaisonPhoneProtection(PersonalDataProtector protector) : ISeeder
{
    public const string Phone = "LegacyLiaisonPhone";
    private const int Batch = 500;

    public int Order => 51;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        var protectedCount = 0;
        while (true)
        {
            var batch = await db.Set<BodyMembership>().IgnoreQueryFilters() // the start-up runs for the whole city
                .Where(m => EF.Property<string?>(m, Phone) != null)
                .OrderBy(m => m.Id)
                .Select(m => new { m.Id, Phone = EF.Property<string?>(m, Phone) })
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var row in batch)
            {
                var phone = protector.ProtectPhone(row.Phone);
                // Written straight to the row: this is not an action on the membership, so it leaves no audit line of a change.
                await db.Set<BodyMembership>().IgnoreQueryFilters() // as above: the whole city
                    .Where(m => m.Id == row.Id && m.LiaisonPhoneProtected == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.LiaisonPhoneProtected, phone == null ? null : phone.Protected)
                        .SetProperty(m => m.LiaisonPhoneMasked, phone == null ? null : phone.Masked), cancellationToken);
                await db.Set<BodyMembership>().IgnoreQueryFilters() // as above: the whole city
                    .Where(m => m.Id == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<string?>(m, Phone), (string?)null), cancellationToken);
            }
            protectedCount += batch.Count;
        }
        if (protectedCount > 0)
        {
            context.Log.LogInformation("Encrypted the liaison phones of {Count} conference memberships kept in plaintext.", protectedCount);
        }
    }
}
