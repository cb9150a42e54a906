using System.Data.Common;
using System.Diagnostics;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>
/// Fills in the derived street, community and grid boundaries that the seeder left empty, after the
/// platform has started serving: deriving them takes several seconds of computation, which should not
/// keep a first start waiting. Until it is done, locating a point answers 503 (try again shortly).
/// Boundaries already present — derived earlier or imported — are never touched.
/// </summary>
public sealed class BoundaryPreparation(IServiceScopeFactory scopes, JurisdictionIndex index, ILogger<BoundaryPreparation> logger) : BackgroundService
{
    // Deterministic, so one computation serves every app instance in the process (the test suite starts several).
    private static readonly Lazy<Task<IReadOnlyDictionary<string, Jurisdiction>>> Derived = new(DeriveAsync);

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every jurisdiction has its boundary and the grid index is built.</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
            ready.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            ready.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Preparing the derived jurisdiction boundaries failed");
            ready.TrySetException(e);
        }
    }

    /// <summary>Fills in whatever is missing and rebuilds the index; the command line calls it directly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Caller.System;
            var pending = await db.Set<Jurisdiction>().AsNoTracking()
                .Where(j => j.BoundaryDerived && j.Boundary == null && j.Level != JurisdictionLevel.City)
                .Select(j => j.Code)
                .ToListAsync(cancellationToken);
            if (pending.Count > 0)
            {
                await FillAsync(db, pending, cancellationToken);
            }
        }
        await index.RebuildAsync(cancellationToken);
    }

    private async Task FillAsync(GongzhiDbContext db, List<string> pending, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        logger.LogInformation("Deriving boundaries for {Count} streets, communities and grids", pending.Count);
        var derived = await Derived.Value.WaitAsync(cancellationToken);
        var derivedAt = clock.ElapsedMilliseconds;

        // One prepared statement in one transaction: thousands of small updates, no change tracking.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = """
                UPDATE jurisdictions SET "Boundary" = @boundary, "CentroidLat" = @lat, "CentroidLon" = @lon
                WHERE "Code" = @code AND "Boundary" IS NULL AND "BoundaryDerived"
                """;
            var code = Parameter(command, "code");
            var boundary = Parameter(command, "boundary");
            var lat = Parameter(command, "lat");
            var lon = Parameter(command, "lon");
            await command.PrepareAsync(cancellationToken);
            var written = 0;
            foreach (var key in pending)
            {
                if (!derived.TryGetValue(key, out var node) || node.Boundary is null)
                {
                    continue;
                }
                code.Value = key;
                boundary.Value = node.Boundary;
                lat.Value = node.CentroidLat;
                lon.Value = node.CentroidLon;
                written += await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Derived {Written} boundaries in {Total} ms ({Derive} ms computing)", written, clock.ElapsedMilliseconds, derivedAt);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static Task<IReadOnlyDictionary<string, Jurisdiction>> DeriveAsync() => Task.Run(async () =>
        (IReadOnlyDictionary<string, Jurisdiction>)(await JurisdictionSeeder.LoadWuhanAsync(CancellationToken.None))
            .ToDictionary(j => j.Code, StringComparer.Ordinal));
}
