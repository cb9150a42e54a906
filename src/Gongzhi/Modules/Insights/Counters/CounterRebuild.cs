using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Insights.Counters;

/// <summary>
/// Recomputes the counters from the cases: after an upgrade that adds them or changes what they count,
/// and as the reference the tests compare the incrementally kept counters with.
/// </summary>
public static class CounterRebuild
{
    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("rebuild counters",
            "recompute the indicators' daily and monthly counters from the cases", RunCommandAsync));

    /// <summary>
    /// One transaction: every counter row is replaced by the sums over the cases as they are. On PostgreSQL
    /// the counter tables are locked first, so a save that is changing cases meanwhile either committed
    /// before the cases are read (and is counted) or adds its delta after the rebuild commits.
    /// </summary>
    public static async Task<int> RunAsync(GongzhiDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE case_day_counters, case_wait_counters, case_month_counters, case_month_wait_counters, " +
                "case_district_month_wait_counters IN EXCLUSIVE MODE", cancellationToken);
        }
        var delta = new CaseCounterDelta();
        var cases = 0;
        // Every case whatever the context's caller: the counters hold the whole city.
        var facts = db.CaseRows().IgnoreQueryFilters()
            .Where(c => c.RegisteredAt != null && c.State != CaseState.Merged)
            .SelectFigures()
            .AsAsyncEnumerable();
        await foreach (var one in facts.WithCancellation(cancellationToken))
        {
            delta.Add(one, +1);
            cases++;
        }
        foreach (var delete in new[] { "DELETE FROM case_day_counters", "DELETE FROM case_wait_counters", "DELETE FROM case_month_counters",
                     "DELETE FROM case_month_wait_counters", "DELETE FROM case_district_month_wait_counters" })
        {
            await db.Database.ExecuteSqlRawAsync(delete, cancellationToken);
        }
        await delta.ApplyAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return cases;
    }

    private static async Task<int> RunCommandAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        await StartupPreparation.PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        var cases = await RunAsync(db, cancellationToken);
        Console.WriteLine($"Counters rebuilt from {cases:N0} registered cases.");
        return 0;
    }
}
