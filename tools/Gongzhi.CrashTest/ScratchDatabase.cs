using Npgsql;

// Shared with bench/Gongzhi.LoadTest: both make a fresh PostgreSQL database per run.

/// <summary>A database a run made for itself on the operator's cluster, named by the run.</summary>
internal static class ScratchDatabase
{
    /// <summary>The connection string for a new database of this run: the server creates it when it migrates.</summary>
    public static string For(string cluster, string purpose, int seed) =>
        $"{cluster};Database=gongzhi_{purpose}_{DateTime.UtcNow:yyyyMMddHHmmss}_{seed}";

    /// <summary>
    /// Drops the run's database, so that runs against a shared cluster leave nothing behind; a failed run keeps
    /// it (with its work folder) for a look.
    /// </summary>
    public static async Task DropAsync(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var name = builder.Database ?? throw new ArgumentException("The connection names no database.", nameof(connection));
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
