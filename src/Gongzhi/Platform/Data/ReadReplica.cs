using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Gongzhi.Platform.Data;

/// <summary>
/// The context for the heavy reads: indicators, exports, searches, dashboards. With <c>ConnectionStrings:GongzhiReadOnly</c>
/// set (PostgreSQL only), it reads from that server, a streaming replica, and leaves the primary to the writes; without it,
/// it is the request's own context. A replica that cannot be reached is left alone for a while and the reads go to the
/// primary meanwhile (<see cref="ReadReplica"/>). Reads only: saving through a replica context throws.
/// </summary>
public sealed class ReadOnlyDb(IServiceProvider services, ReadReplica replica) : IAsyncDisposable
{
    private GongzhiDbContext? own;

    /// <summary>The context; made on first use, so a request that does not read pays nothing.</summary>
    public GongzhiDbContext Context => replica.Options is { } options
        ? own ??= ActivatorUtilities.CreateInstance<GongzhiDbContext>(services, options)
        : services.GetRequiredService<GongzhiDbContext>();

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// The read replica's settings and state, one per node. A replica that refuses a connection, or fails a command for want of
/// one, is skipped for <see cref="RetryAfter"/>: its contexts open on the primary instead (read-only there too), and the switch
/// is logged both ways. The replica is asked again after that time by the next read; its lag is the operator's to watch
/// (docs/operations.md), since every read it serves may be that much behind.
/// </summary>
public sealed class ReadReplica
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly ILogger<ReadReplica> logger;
    private readonly TimeProvider clock;
    private readonly object gate = new();
    private DateTimeOffset? downUntil;

    internal ReadReplica(string? replica, string primary, ILogger<ReadReplica> logger, TimeProvider clock, ILoggerFactory loggers)
    {
        this.logger = logger;
        this.clock = clock;
        if (replica is null)
        {
            return;
        }
        ReplicaConnection = ReadOnly(replica, connectTimeout: true);
        PrimaryConnection = ReadOnly(primary, connectTimeout: false);
        Options = new DbContextOptionsBuilder<GongzhiDbContext>()
            // A read that fails for want of its connection (a pooled one to a replica that went away) is run again, on a new
            // connection: the primary, since the failure marked the replica down. A stream already under way is not.
            .UseNpgsql(ReplicaConnection, npgsql => npgsql.EnableRetryOnFailure(2, TimeSpan.FromMilliseconds(200), null))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .UseLoggerFactory(loggers)
            .AddInterceptors(new Fallback(this), RefuseSaves.Instance)
            .Options;
    }

    /// <summary>Null without a replica: the heavy reads use the request's context.</summary>
    internal DbContextOptions<GongzhiDbContext>? Options { get; }

    internal string ReplicaConnection { get; } = "";

    internal string PrimaryConnection { get; } = "";

    // An open connection no longer shows its password, so the two are told apart by the server they go to.
    private bool IsReplica(NpgsqlConnection connection)
    {
        var replica = new NpgsqlConnectionStringBuilder(ReplicaConnection);
        return connection.Host == replica.Host && connection.Port == replica.Port;
    }

    /// <summary>True while reads go to the primary because the replica failed.</summary>
    public bool FallingBack
    {
        get
        {
            lock (gate)
            {
                if (downUntil is { } until && clock.GetUtcNow() >= until)
                {
                    downUntil = null;
                    logger.LogInformation("Trying the read replica again after {Seconds} s on the primary", RetryAfter.TotalSeconds);
                }
                return downUntil is not null;
            }
        }
    }

    internal void MarkDown(Exception reason)
    {
        lock (gate)
        {
            if (downUntil is null)
            {
                logger.LogWarning("The read replica is unreachable ({Reason}); heavy reads go to the primary for {Seconds} s",
                    reason.GetBaseException().Message, RetryAfter.TotalSeconds);
            }
            downUntil = clock.GetUtcNow() + RetryAfter;
        }
    }

    /// <summary>
    /// The replica's connection, and the primary's when falling back, both read-only in PostgreSQL itself too; the replica's
    /// with a short connect timeout unless one is written, so that a replica that does not answer at all costs a read seconds,
    /// not the default 15.
    /// </summary>
    private static string ReadOnly(string connection, bool connectTimeout)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connection };
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithWorkloadDefaults(connection));
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        if (connectTimeout && !written.ContainsKey("Timeout"))
        {
            builder.Timeout = 3;
        }
        return builder.ConnectionString;
    }

    private static bool IsUnreachable(Exception e) => e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException
        || e is NpgsqlException { InnerException: SocketException or IOException or TimeoutException }
        // The server is starting, shutting down or recovering: not reachable for reads either.
        || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" };

    /// <summary>Opens on the replica unless it failed lately; on the primary when it fails now.</summary>
    private sealed class Fallback(ReadReplica replica) : DbConnectionInterceptor, IDbCommandInterceptor
    {
        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            if (Choose(connection))
            {
                try
                {
                    connection.Open();
                    return InterceptionResult.Suppress();
                }
                catch (Exception e) when (IsUnreachable(e))
                {
                    Fail(connection, e);
                }
            }
            return result;
        }

        public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Choose(connection))
            {
                try
                {
                    await connection.OpenAsync(cancellationToken);
                    return InterceptionResult.Suppress();
                }
                catch (Exception e) when (IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
                {
                    Fail(connection, e);
                }
            }
            return result;
        }

        // A replica that goes away under open connections: the command fails (that read is lost), the next ones go to the primary.
        public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Failed(command, eventData.Exception);

        public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Failed(command, eventData.Exception);
            return Task.CompletedTask;
        }

        private void Failed(DbCommand command, Exception exception)
        {
            if (command.Connection is NpgsqlConnection connection && replica.IsReplica(connection) && IsUnreachable(exception))
            {
                replica.MarkDown(exception);
                // The pool's other connections to the replica are as dead as this one.
                NpgsqlConnection.ClearPool(connection);
            }
        }

        /// <summary>Points the closed connection at the replica (true) or, while it is down, at the primary.</summary>
        private bool Choose(DbConnection connection)
        {
            var toReplica = !replica.FallingBack;
            connection.ConnectionString = toReplica ? replica.ReplicaConnection : replica.PrimaryConnection;
            return toReplica;
        }

        private void Fail(DbConnection connection, Exception e)
        {
            replica.MarkDown(e);
            connection.ConnectionString = replica.PrimaryConnection;
        }
    }

    /// <summary>A replica context is for reading; a save through it is a programming error, refused before it reaches the server.</summary>
    private sealed class RefuseSaves : SaveChangesInterceptor
    {
        public static readonly RefuseSaves Instance = new();

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            throw new InvalidOperationException("The read-only context does not save.");

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The read-only context does not save.");
    }
}
