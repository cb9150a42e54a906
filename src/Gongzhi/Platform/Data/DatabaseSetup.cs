using System.Data.Common;
using System.Runtime.Loader;
using Gongzhi.Platform.Scoping;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gongzhi.Platform.Data;

/// <summary>
/// Every difference between SQLite and PostgreSQL that the application knows about lives in this file
/// (provider choice, migrations assembly, connection tuning).
/// </summary>
public static class DatabaseSetup
{
    public const string ConnectionName = "Gongzhi";

    /// <summary>A PostgreSQL server for the heavy reads, a streaming replica of the primary (<see cref="ReadOnlyDb"/>).</summary>
    public const string ReadOnlyConnectionName = "GongzhiReadOnly";

    public static void AddGongzhiDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        var connectionString = ResolveConnectionString(builder.Configuration, builder.Environment, options.Provider);

        LoadMigrationsBesideTheApp();
        var transactionEvents = new TransactionEvents();
        builder.Services.AddDbContext<GongzhiDbContext>(db =>
        {
            db.AddInterceptors(transactionEvents);
            switch (options.Provider)
            {
                case DatabaseProvider.Postgres:
                    db.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Gongzhi.Migrations.Postgres"));
                    break;
                default:
                    db.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("Gongzhi.Migrations.Sqlite"));
                    db.AddInterceptors(SqliteBusyTimeout.Instance);
                    break;
            }
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var replica = builder.Configuration.GetConnectionString(ReadOnlyConnectionName) is { Length: > 0 } r && !string.IsNullOrWhiteSpace(r) ? r : null;
        if (replica is not null && options.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException($"ConnectionStrings__{ReadOnlyConnectionName} needs Database__Provider=Postgres (a streaming replica).");
        }
        builder.Services.AddSingleton(services => new ReadReplica(replica, connectionString, services.GetRequiredService<ILogger<ReadReplica>>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddScoped<ReadOnlyDb>();
    }

    /// <summary>
    /// The migrations assemblies are built after this one and copied beside it (see Gongzhi.csproj), so
    /// they are not in the app's dependency manifest; resolve them from the app's folder by name.
    /// </summary>
    private static void LoadMigrationsBesideTheApp() => AssemblyLoadContext.Default.Resolving += static (context, name) =>
    {
        if (name.Name is not ("Gongzhi.Migrations.Sqlite" or "Gongzhi.Migrations.Postgres"))
        {
            return null;
        }
        var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    };

    private static string ResolveConnectionString(IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider)
    {
        var configured = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return provider == DatabaseProvider.Postgres ? WithWorkloadDefaults(configured) : configured;
        }
        if (provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("Database__Provider=Postgres needs ConnectionStrings__Gongzhi.");
        }
        var directory = Path.Combine(environment.ContentRootPath, "data");
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "gongzhi.db"),
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>
    /// Defaults for the platform's kind of work, each unless the connection string says otherwise:
    /// <list type="bullet">
    /// <item>Npgsql prepares a statement on a connection once it has run a few times there. Every request runs the
    /// same few statements, so PostgreSQL then skips parsing and planning them: case intake went from 324 to 399
    /// reports a second on the load test (docs/benchmarks.md).</item>
    /// <item>No JIT compilation. Over 25 million cases the planner's cost of a page of search results passes the
    /// JIT threshold, and compiling it cost more than running it: a city-wide search took 159 ms p95 with JIT and
    /// 48 ms without (docs/benchmarks.md). Every query here is short.</item>
    /// </list>
    /// </summary>
    internal static string WithWorkloadDefaults(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows; the plain one tells what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!written.ContainsKey("Options"))
        {
            builder.Options = "-c jit=off";
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// How long one statement may run while the database is prepared at start: building an index or rebuilding a table over a
    /// city's millions of rows takes minutes, where a request's 30 seconds would fail the start.
    /// </summary>
    public static readonly TimeSpan StartupCommandTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never block the writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        db.Database.SetCommandTimeout(StartupCommandTimeout);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await TextSearch.CreateAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// Codes (jurisdictions, categories, references) are ASCII and are searched by prefix
    /// (<c>StartsWith</c> → <c>LIKE '420103%'</c>). PostgreSQL uses a B-tree index for such a prefix only
    /// under the C collation, so on PostgreSQL every code column gets it; the order of ASCII digits is the
    /// same under any collation. The text search function exists only on PostgreSQL (see <see cref="TextSearch"/>).
    /// </summary>
    internal static void ConfigureModel(ModelBuilder builder, Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
    {
        if (!database.IsNpgsql())
        {
            return;
        }
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties())
                     .Where(p => p.ClrType == typeof(string) && (p.Name.EndsWith("Code", StringComparison.Ordinal) || p.Name is "Reference" or "JurisdictionPrefix")))
        {
            property.SetCollation("C");
        }
        TextSearch.Map(builder);
    }

    /// <summary>
    /// Instants are stored as UTC date-times on both engines: PostgreSQL keeps them as timestamptz (and
    /// refuses non-UTC offsets), SQLite as ISO text that compares and sorts correctly, where EF could not
    /// compare or order <see cref="DateTimeOffset"/> values. Reads come back with a zero offset.
    /// </summary>
    internal static void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<UtcInstantConverter>();
    }
}

/// <summary>Healthy when the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(GongzhiDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The database does not answer.");
}

/// <summary>An instant as a UTC date-time in the database.</summary>
internal sealed class UtcInstantConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTime>(
    v => v.UtcDateTime,
    v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

/// <summary>Failures that callers tell apart whatever the engine.</summary>
public static class DatabaseErrors
{
    /// <summary>True when the save broke a unique index (SQLite constraint 2067/1555, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Saves what may be done once only (a vote, an answer): the unique index decides between two racing requests, and the
    /// loser gets the rule's 409 with <paramref name="rule"/>, its refused rows cleared from the context.
    /// </summary>
    public static async Task SaveOnceAsync(this DbContext db, string rule, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new Problems.RuleViolationException(rule);
        }
    }
}

/// <summary>
/// Lets SQLite itself wait for the write lock. Without a busy timeout, a writer that finds another one
/// inside its transaction gets SQLITE_BUSY at once, and Microsoft.Data.Sqlite retries after a fixed
/// 150 ms sleep: under concurrent intake most of a report's time went there. SQLite's own handler
/// retries within a few milliseconds of the lock coming free, up to the command timeout.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // Setting it on the native handle runs no statement, so doing it on every open (pooled handles included) costs nothing.
    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        }
    }
}
