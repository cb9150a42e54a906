using System.Diagnostics;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Analytics;

/// <summary>
/// Recomputes the day rows (<see cref="ServiceMeasureDay"/>) from the applications. At start it runs when the rows do not add up
/// to the number of applications: the first start after the upgrade that adds them, or applications written around the
/// platform (a restore, a bulk load). It is also the command <c>rebuild service-measures</c>, and the reference the tests compare
/// the incrementally kept rows with.
/// </summary>
internal sealed class MeasureDayRebuild(WorkingCalendar calendar) : ISeeder
{
    /// <summary>After <see cref="StoredMeasuresBackfill"/>, whose fills the rows must count.</summary>
    public int Order => 67;

    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("rebuild service-measures",
            "recompute the service centres' daily measure rows from the applications", RunCommandAsync));

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (await AddUpAsync(db, cancellationToken))
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        var applications = await RunAsync(db, calendar.TimeZone, cancellationToken);
        context.Log.LogInformation("Rebuilt the service measures' day rows from {Count} applications in {Seconds:F1} s", applications,
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One transaction: every row is replaced by the sums over the applications as they are. On PostgreSQL the table is locked
    /// first, so a save meanwhile either committed before the applications are read (and is counted) or adds its change after.
    /// </summary>
    public static async Task<int> RunAsync(GongzhiDbContext db, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE " + MeasureDayDelta.Table + " IN EXCLUSIVE MODE", cancellationToken);
        }
        var delta = new MeasureDayDelta(zone);
        var count = 0;
        // Every application of the city, whoever's scope: the rows hold the whole city.
        var applications = db.Set<ServiceApplication>().IgnoreQueryFilters().AsNoTracking()
            .Select(a => new
            {
                a.ItemCode, a.JurisdictionCode, a.SubmittedAt, a.Level, a.ItemVersion, a.Immediate, a.Channel, a.PromisedDays, a.State,
                a.HandlingDays, a.MaterialRequests, a.Rating, a.Visits, a.FollowUpDue, a.FollowUpOnTime,
            })
            .AsAsyncEnumerable();
        await foreach (var a in applications.WithCancellation(cancellationToken))
        {
            delta.Add(MeasuredApplication.Of(a.ItemCode, a.JurisdictionCode, a.SubmittedAt, a.Level, a.ItemVersion, a.Immediate, a.Channel, a.PromisedDays,
                a.State, a.HandlingDays, a.MaterialRequests, a.Rating, a.Visits, a.FollowUpDue, a.FollowUpOnTime), +1);
            count++;
        }
        await db.Database.ExecuteSqlRawAsync("DELETE FROM " + MeasureDayDelta.Table, cancellationToken);
        await delta.ApplyAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // A table refilled at once: plan its reads on its new size now rather than when autovacuum gets round to it.
            await db.Database.ExecuteSqlRawAsync("ANALYZE " + MeasureDayDelta.Table, cancellationToken);
        }
        return count;
    }

    /// <summary>True when the rows count every application once: one sum against one count.</summary>
    private static async Task<bool> AddUpAsync(GongzhiDbContext db, CancellationToken cancellationToken) =>
        await db.Set<ServiceMeasureDay>().SumAsync(d => (long)d.Count, cancellationToken)
        == await db.Set<ServiceApplication>().IgnoreQueryFilters().LongCountAsync(cancellationToken);

    private static async Task<int> RunCommandAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        await StartupPreparation.PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        db.Database.SetCommandTimeout(DatabaseSetup.StartupCommandTimeout);
        var applications = await RunAsync(db, services.GetRequiredService<WorkingCalendar>().TimeZone, cancellationToken);
        Console.WriteLine($"Service measures rebuilt from {applications:N0} applications.");
        return 0;
    }
}
