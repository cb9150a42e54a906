using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests;

/// <summary>
/// A real SQLite file with the model's schema, for tests of seeders and rules that need a database but
/// not the web host. Deleted when disposed.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "gongzhi-tests", Guid.NewGuid().ToString("N"));

    private TestDatabase()
    {
        Directory.CreateDirectory(directory);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "test.db"), Pooling = false }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = database.Context(Caller.System);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public GongzhiDbContext Context(Caller caller, TimeProvider? clock = null)
    {
        var options = new DbContextOptionsBuilder<GongzhiDbContext>().UseSqlite(ConnectionString).Options;
        return new GongzhiDbContext(options, new FixedCaller(caller), clock ?? TimeProvider.System) { Caller = caller };
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file does no harm.
        }
        return ValueTask.CompletedTask;
    }

    private sealed class FixedCaller(Caller caller) : ICallerAccessor
    {
        public Caller Current => caller;
    }
}
