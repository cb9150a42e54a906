using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Cases.Generation;

/// <summary>
/// On a first start in demo mode, fills an empty case table with <c>Cases:DemoCount</c> generated cases
/// (3,000 by default) over the last 120 days, so queues, maps and indicators are alive from the first
/// sign-in. Runs once the boundaries are ready (cases are placed in grids); the same seed gives the
/// same cases on every fresh install. Never runs outside demo mode or when any case exists.
/// </summary>
internal sealed class DemoCases(IServiceScopeFactory scopes, CaseGeneration generation, Jurisdictions.BoundaryPreparation boundaries,
    IOptions<GongzhiOptions> options, IConfiguration configuration, TimeProvider clock, ILogger<DemoCases> log) : BackgroundService
{
    public const int DemoSeed = 2026;

    private const long FillLock = 74051713;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = configuration.GetValue("Cases:DemoCount", 3_000);
        if (!options.Value.Demo || count <= 0)
        {
            return;
        }
        try
        {
            await boundaries.Ready.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Caller.System;
            // Nodes starting together on one fresh PostgreSQL database would all find it empty and each fill it: the
            // node that takes this lock fills it, the others leave it alone, and one that comes later finds the cases.
            var postgres = db.Database.IsNpgsql();
            if (postgres)
            {
                await db.Database.OpenConnectionAsync(stoppingToken);
                if (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({FillLock}) AS \"Value\"").SingleAsync(stoppingToken))
                {
                    return;
                }
            }
            try
            {
                if (await db.Set<Case>().AnyAsync(stoppingToken))
                {
                    return;
                }
                // The demo residents see a few cases of their own under 我的反映.
                var residents = await db.Users.Where(u => u.UserName == "resident1" || u.UserName == "resident2").Select(u => u.Id)
                    .ToListAsync(stoppingToken);
                var now = clock.GetUtcNow();
                await generation.GenerateAsync(new GenerationRequest(count, DemoSeed, JurisdictionCode.City, now.AddDays(-120), now), residents, null,
                    stoppingToken);
            }
            finally
            {
                if (postgres)
                {
                    // A session lock outlives the scope on a pooled connection: give it back explicitly.
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({FillLock})", CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The platform works without them; the next start of an empty demo tries again.
            log.LogError(e, "Generating the demo cases failed");
        }
    }
}
