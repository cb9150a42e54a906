using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Platform.Files;

/// <summary>
/// Removes uploads that no record took in within <see cref="FilesOptions.UnattachedHours"/>: a photo picked for a report
/// that was never sent, or sent without it. Left alone, every abandoned photo of a resident, with its GPS position, would
/// stay on the disk and in every backup for good.
/// </summary>
/// <remarks>
/// The row goes first, through the change tracker, so the audit log has each removal. <see cref="StoredFile.OwnerKey"/>
/// is a concurrency token: a record taking the file in at that moment makes the delete touch no row, and the batch waits
/// for the next sweep. The bytes go only when no row names them any more, since identical uploads share one file.
/// Several nodes may sweep at once: a row deleted twice fails the second node's batch harmlessly, and a file deleted
/// twice is no error. One narrow race is left: the same photo uploaded again between the check of the rows and the delete
/// of the bytes finds them stored, writes none, and loses them with the sweep.
/// </remarks>
public sealed class AbandonedUploads(
    IServiceScopeFactory scopes,
    FileStore store,
    TimeProvider clock,
    IOptions<FilesOptions> options,
    ILogger<AbandonedUploads> logger) : BackgroundService
{
    private const int Batch = 200;

    /// <summary>A temporary file older than this belongs to an upload that died: none takes more than seconds.</summary>
    private static readonly TimeSpan IncomingGrace = TimeSpan.FromHours(1);

    // The first sweep waits a period, so that start-up does not compete with it.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(TimeSpan.FromMinutes(options.Value.SweepMinutes), clock, logger, "The sweep of abandoned uploads",
            SweepAsync, stoppingToken, waitFirst: true);

    /// <summary>Removes the uploads abandoned as of <paramref name="now"/>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var before = now - TimeSpan.FromHours(options.Value.UnattachedHours);
        var removed = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Caller.System;
            var abandoned = await db.Set<StoredFile>().Where(f => f.OwnerKey == null && f.CreatedAt < before)
                .OrderBy(f => f.CreatedAt).Take(Batch).ToListAsync(cancellationToken);
            if (abandoned.Count == 0)
            {
                break;
            }
            db.RemoveRange(abandoned);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A record took one of them in, or another node removed them first: the next sweep looks again.
                break;
            }
            removed += abandoned.Count;
            var contents = abandoned.SelectMany(f => new[] { f.Sha256, f.PublicVariantSha256 }).Distinct().ToList();
            var named = await db.Set<StoredFile>()
                .Where(f => contents.Contains(f.Sha256) || contents.Contains(f.PublicVariantSha256))
                .Select(f => new { f.Sha256, f.PublicVariantSha256 }).ToListAsync(cancellationToken);
            foreach (var sha256 in contents.Except(named.SelectMany(f => new[] { f.Sha256, f.PublicVariantSha256 })))
            {
                store.Delete(sha256);
            }
            if (abandoned.Count < Batch)
            {
                break;
            }
        }
        var incoming = store.DeleteAbandonedIncoming(now - IncomingGrace);
        if (removed + incoming > 0)
        {
            logger.LogInformation("Removed {Removed} uploads no record took in before {Before}, and {Incoming} abandoned temporary files",
                removed, before, incoming);
        }
        return removed;
    }
}
