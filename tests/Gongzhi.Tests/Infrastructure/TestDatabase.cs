using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gongzhi.Tests.Infrastructure;

/// <summary>
/// A throwaway database on the engine the suite runs against: <c>GONGZHI_TEST_PROVIDER=Sqlite</c> (default,
/// a temp file) or <c>Postgres</c> (a fresh database on the server in <c>GONGZHI_TEST_POSTGRES</c>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteFile;
    private readonly string? postgresServer;
    private readonly string? postgresDatabase;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? postgresServer, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.sqliteFile = sqliteFile;
        this.postgresServer = postgresServer;
        this.postgresDatabase = postgresDatabase;
    }

    public static string ProviderName => Environment.GetEnvironmentVariable("GONGZHI_TEST_PROVIDER") is { Length: > 0 } p ? p : "Sqlite";

    public static bool IsPostgres => ProviderName.Equals("Postgres", StringComparison.OrdinalIgnoreCase);

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!IsPostgres)
        {
            var file = Path.Combine(Path.GetTempPath(), $"gongzhi-test-{Guid.NewGuid():N}.db");
            var sqlite = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30 }.ToString();
            return new TestDatabase("Sqlite", sqlite, file, null, null);
        }
        var server = Environment.GetEnvironmentVariable("GONGZHI_TEST_POSTGRES")
            ?? throw new InvalidOperationException("GONGZHI_TEST_PROVIDER=Postgres needs GONGZHI_TEST_POSTGRES (a server connection string); ./test.sh sets it.");
        var name = $"gongzhi_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase("Postgres", builder.ToString(), null, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(sqliteFile + suffix);
            }
        }
        if (postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
