using Gongzhi.Components;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Generation;

/// <summary>What to generate: how many cases, where (a jurisdiction prefix, the city by default), over which period, and the seed.</summary>
public sealed record GenerationRequest(long Count, int Seed, string Scope, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// Writes generated cases (<see cref="CaseGenerator"/>) in batches: each batch reserves its reference
/// numbers from the same per-district daily counters that intake draws from, then inserts the cases and
/// their timelines with <see cref="BulkInsert"/> and adds them to the indicators' daily counters, all in one
/// transaction, so a batch is there whole or not at all and intake running beside it never draws a number
/// the generator used. Bulk rows skip the
/// per-record audit (the system generates; the run itself is logged). A demo start fills an empty demo
/// with it (<see cref="DemoCases"/>); the load generator for benchmarks (<c>generate cases</c>) runs it from
/// bench/Gongzhi.BenchHost, outside the product.
/// </summary>
public sealed class CaseGeneration(IServiceScopeFactory scopes, WorkingCalendar calendar, PersonalDataProtector protector, TimeProvider clock,
    ILogger<CaseGeneration> log)
{
    public const int BatchSize = 2_000;

    public async Task<long> GenerateAsync(GenerationRequest request, IReadOnlyList<string> reporterUserIds, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var world = await LoadWorldAsync(request.Scope, reporterUserIds, cancellationToken);
        if (world.Grids.Count == 0)
        {
            throw new InvalidOperationException($"No grid with a known position under {request.Scope}: are the boundaries prepared?");
        }
        // Cases are filed within the period but no later than now, and every case, however old, lives up to now:
        // a past period's cases have had all the time since to be finished.
        var now = clock.GetUtcNow();
        var until = request.To < now ? request.To : now;
        if (until <= request.From)
        {
            throw new InvalidOperationException($"The period from {request.From:yyyy-MM-dd} has not begun: there is nothing to generate yet.");
        }
        var generator = new CaseGenerator(world, request.Seed, request.From, until, now);
        var started = clock.GetTimestamp();
        long written = 0;
        for (long first = 0; first < request.Count; first += BatchSize)
        {
            var size = (int)Math.Min(BatchSize, request.Count - first);
            written += await WriteBatchAsync(generator, first, size, request.Count, cancellationToken);
            progress?.Report(written);
        }
        log.LogInformation("Generated {Count} cases under {Scope} (seed {Seed}) in {Seconds:F1} s", written, request.Scope, request.Seed,
            clock.GetElapsedTime(started).TotalSeconds);
        return written;
    }

    private async Task<int> WriteBatchAsync(CaseGenerator generator, long first, int size, long count, CancellationToken cancellationToken)
    {
        var plans = new CasePlan[size];
        for (var i = 0; i < size; i++)
        {
            plans[i] = generator.Plan(first + i, count);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in plans.GroupBy(p => CaseReference.CounterKey(p.Grid.Code, p.SubmittedAt)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            next[key.Key] = await CaseReferenceCounter.ReserveAsync(db, key.Key, key.Count(), cancellationToken);
        }
        var cases = new List<Case>(size);
        foreach (var plan in plans)
        {
            var key = CaseReference.CounterKey(plan.Grid.Code, plan.SubmittedAt);
            var sequence = next[key]++;
            cases.Add(generator.Make(plan, CaseReference.Format(plan.Grid.Code, plan.SubmittedAt, sequence)));
        }
        await db.BulkInsertAsync(cases, cancellationToken);
        await db.BulkInsertAsync(cases.SelectMany(c => c.Events).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return cases.Count;
    }

    private async Task<GenerationWorld> LoadWorldAsync(string scope, IReadOnlyList<string> reporterUserIds, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        // The system sees every organisation and grid; the contracts below read through this scope's context.
        db.Caller = Caller.System;
        var categories = await db.Set<CaseCategory>().AsNoTracking().ToListAsync(cancellationToken);
        var rules = await db.Set<RoutingRule>().AsNoTracking().Where(r => r.Active).ToListAsync(cancellationToken);
        var organisations = await services.ServiceProvider.GetRequiredService<IOrganisationDirectory>()
            .ActiveAsync(Enum.GetValues<OrganisationKind>(), cancellationToken);
        var offices = organisations.Where(o => o.Code.EndsWith(".office", StringComparison.Ordinal))
            .ToDictionary(o => o.Code, o => o.Id, StringComparer.Ordinal);
        var grids = await services.ServiceProvider.GetRequiredService<IJurisdictionBrowser>().GridPositionsAsync(scope, cancellationToken);
        return new GenerationWorld(
            categories,
            grids.Select(g =>
            {
                Guid? office = CaseRouter.TerritorialOfficeCode(g.Code) is { } code && offices.TryGetValue(code, out var id) ? id : null;
                return new GenerationGrid(g.Code, g.Lat, g.Lon, office);
            }).ToList(),
            rules,
            organisations.ToDictionary(o => o.Id, o => o.Name),
            reporterUserIds,
            calendar.AddWorkingHours,
            protector.ProtectName,
            protector.ProtectPhone);
    }
}
