using System.Linq.Expressions;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Analytics;

/// <summary>
/// At start, fills the handling days and the follow-up's timeliness of the applications decided before the application
/// stored them (<see cref="ServiceApplication.FillStoredMeasures"/>): they need the working calendar, which SQL in a
/// migration does not have. Once filled nothing matches, and each read is one probe of an empty partial index.
/// </summary>
internal sealed class StoredMeasuresBackfill(WorkingCalendar calendar) : ISeeder
{
    private const int Batch = 500;

    public int Order => 66;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        // Two probes, each the exact condition of a partial index that is empty once filled, so that a start over millions of
        // applications reads nothing; one probe with OR between them read every application, past the command timeout.
        var filled = await FillAsync(db, a => a.HandlingDays == null && a.DecidedAt != null && a.AcceptedAt != null && a.State != ApplicationState.NotAccepted,
            cancellationToken);
        filled += await FillAsync(db, a => a.FollowUpOnTime == null && a.FollowUpClosedAt != null, cancellationToken);
        if (filled > 0)
        {
            context.Log.LogInformation("Filled the stored measures of {Count} decided applications", filled);
        }
    }

    private async Task<int> FillAsync(GongzhiDbContext db, Expression<Func<ServiceApplication, bool>> unfilled, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (true)
        {
            // Every application of the city, whoever's scope: the seeder runs as no caller and fills them all.
            var rows = await db.Set<ServiceApplication>().IgnoreQueryFilters().Where(unfilled).OrderBy(a => a.Id).Take(Batch)
                .ToListAsync(cancellationToken);
            var changed = rows.Count(a => a.FillStoredMeasures(calendar));
            if (changed == 0)
            {
                return filled;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            filled += changed;
        }
    }
}
