using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// Cases filed before reporters were encrypted kept their name and phone in plaintext columns. At start, before the
/// app serves anyone, each such case gets its encrypted and masked values and the plaintext is emptied. It runs
/// on every start and finds nothing once done; a case whose reporter is already encrypted is only emptied, so two
/// nodes starting together cannot overwrite each other's work with a different result.
/// </summary>
internal sealed class LegacyReporterProtection(PersonalDataProtector protector) : ISeeder
{
    public const string Name = "LegacyReporterName";
    public const string Phone = "LegacyReporterPhone";
    private const int Batch = 500;

    public int Order => 45;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        var protectedCount = 0;
        while (true)
        {
            var batch = await db.Set<Case>().IgnoreQueryFilters() // the start-up runs for the whole city
                .Where(c => EF.Property<string?>(c, Name) != null || EF.Property<string?>(c, Phone) != null)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, Name = EF.Property<string?>(c, Name), Phone = EF.Property<string?>(c, Phone) })
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var row in batch)
            {
                var name = protector.ProtectName(row.Name);
                var phone = protector.ProtectPhone(row.Phone);
                // Written straight to the row: this is not an action on the case, so neither its version nor its timeline moves.
                await db.Set<Case>().IgnoreQueryFilters()
                    .Where(c => c.Id == row.Id && c.ReporterNameProtected == null && c.ReporterPhoneProtected == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(c => c.ReporterNameProtected, name == null ? null : name.Protected)
                        .SetProperty(c => c.ReporterNameMasked, name == null ? null : name.Masked)
                        .SetProperty(c => c.ReporterPhoneProtected, phone == null ? null : phone.Protected)
                        .SetProperty(c => c.ReporterPhoneMasked, phone == null ? null : phone.Masked), cancellationToken);
                // The same row, the same whole-city reach as the statement above.
                await db.Set<Case>().IgnoreQueryFilters().Where(c => c.Id == row.Id)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(c => EF.Property<string?>(c, Name), (string?)null)
                        .SetProperty(c => EF.Property<string?>(c, Phone), (string?)null), cancellationToken);
            }
            protectedCount += batch.Count;
        }
        if (protectedCount > 0)
        {
            context.Log.LogInformation("Encrypted the reporters of {Count} cases kept in plaintext.", protectedCount);
        }
    }
}
