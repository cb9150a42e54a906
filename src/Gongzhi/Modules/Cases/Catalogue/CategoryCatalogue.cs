using System.Collections.Frozen;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Catalogue;

/// <summary>
/// The case category catalogue in memory, for the hot paths that only read it (intake, suggestions, Open311).
/// Every report checks its category and many ask for suggestions first; the catalogue is a few hundred rows
/// that change a few times a year, so reading it from the database on every request was pure overhead.
/// <para>
/// A snapshot lives <see cref="TimeToLive"/> (30 seconds). An edit through this node (<see cref="CategoryEdits"/>)
/// calls <see cref="Invalidate"/> once it has committed, so this node sees it at the next read; other nodes of
/// a scaled-out deployment share no memory with this one and have no message bus between them, so they
/// pick the edit up when their snapshot expires: within 30 seconds. Short enough that an administrator
/// who deactivates a category sees reports for it refused almost at once everywhere, long enough that the
/// reload (one query) costs nothing next to the reports in between.
/// </para>
/// Reads take no lock: they return the current snapshot, which is immutable. Only a reload waits on a
/// semaphore, so that concurrent requests at expiry load once. The cached categories are shared between
/// requests and must not be changed or attached to a context.
/// </summary>
public sealed class CategoryCatalogue : IDisposable
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, Task<List<CaseCategory>>> load;
    private readonly TimeProvider clock;
    private readonly SemaphoreSlim reloading = new(1, 1);
    private long generation;
    private volatile CatalogueSnapshot? snapshot;

    public CategoryCatalogue(IServiceScopeFactory scopes, TimeProvider clock)
        : this(cancellationToken => LoadFromDatabaseAsync(scopes, cancellationToken), clock)
    {
    }

    internal CategoryCatalogue(Func<CancellationToken, Task<List<CaseCategory>>> load, TimeProvider clock)
    {
        this.load = load;
        this.clock = clock;
    }

    /// <summary>Drops the snapshot; the next read loads the catalogue again. Call after an edit has committed.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        snapshot = null;
    }

    /// <summary>The catalogue as of at most <see cref="TimeToLive"/> ago, or as of the last edit on this node.</summary>
    public ValueTask<CatalogueSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = snapshot;
        return IsFresh(current) ? ValueTask.FromResult(current!) : new ValueTask<CatalogueSnapshot>(ReloadAsync(cancellationToken));
    }

    public void Dispose() => reloading.Dispose();

    private bool IsFresh(CatalogueSnapshot? current) => current is not null && clock.GetUtcNow() - current.LoadedAt < TimeToLive;

    private async Task<CatalogueSnapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken);
        try
        {
            // Another request may have loaded it while this one waited.
            var current = snapshot;
            if (IsFresh(current))
            {
                return current!;
            }
            // An edit that commits while we load invalidates what we read: load again rather than cache the old catalogue.
            while (true)
            {
                var loadingGeneration = Interlocked.Read(ref generation);
                current = new CatalogueSnapshot(await load(cancellationToken), clock.GetUtcNow());
                if (loadingGeneration == Interlocked.Read(ref generation))
                {
                    snapshot = current;
                    return current;
                }
            }
        }
        finally
        {
            reloading.Release();
        }
    }

    private static async Task<List<CaseCategory>> LoadFromDatabaseAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return await db.Set<CaseCategory>().AsNoTracking().ToListAsync(cancellationToken);
    }
}

/// <summary>One immutable reading of the catalogue.</summary>
public sealed class CatalogueSnapshot
{
    private readonly FrozenDictionary<string, CaseCategory> byCode;

    internal CatalogueSnapshot(IEnumerable<CaseCategory> categories, DateTimeOffset loadedAt)
    {
        var all = categories.ToList();
        byCode = all.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        Active = all.Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        Suggester = new CategorySuggester(Active);
        LoadedAt = loadedAt;
    }

    /// <summary>Active 大类 and 小类, by sort order then code.</summary>
    public IReadOnlyList<CaseCategory> Active { get; }

    /// <summary>Keyword suggestions over the active 小类, built once per snapshot.</summary>
    public CategorySuggester Suggester { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>Any category, active or not, by its code.</summary>
    public CaseCategory? Find(string? code) => code is not null && byCode.TryGetValue(code, out var category) ? category : null;

    /// <summary>The 小类 a case may be filed under now: known, a 小类, and active.</summary>
    public CaseCategory? ActiveMinor(string? code) => Find(code) is { IsMajor: false, Active: true } category ? category : null;
}
