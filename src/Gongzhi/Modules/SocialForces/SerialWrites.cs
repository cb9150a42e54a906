using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces;

/// <summary>
/// The one shape of the module's racing writes (places of an activity, a project's budget, a volunteer's points):
/// a transaction whose first statement is a conditional UPDATE of the row that keeps the total. PostgreSQL locks
/// that row until the commit, so writers of the same row run one after the other and each re-reads the total;
/// SQLite writes one transaction at a time and runs as one instance: there the writers queue in the process, in
/// order, because SQLite's busy handler is not fair and under a crowd (two thousand registrations at once) some
/// writers waited out the busy timeout while later ones went through. A check constraint on the row stays the
/// last word.
/// </summary>
internal static class SerialWrites
{
    private static readonly SemaphoreSlim SqliteWriters = new(1, 1);

    public static async Task<T> RunAsync<T>(GongzhiDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        if (!db.Database.IsSqlite())
        {
            return await InTransactionAsync(db, work, cancellationToken);
        }
        await SqliteWriters.WaitAsync(cancellationToken);
        try
        {
            return await InTransactionAsync(db, work, cancellationToken);
        }
        finally
        {
            SqliteWriters.Release();
        }
    }

    private static async Task<T> InTransactionAsync<T>(GongzhiDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var savepoints = db.Database.AutoSavepointsEnabled;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A failure rolls the whole transaction back, so saves inside it need no savepoint of their own.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            // What the transaction added must not be saved again by a later save of the same context.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }
}
