using System.Net;
using System.Net.Sockets;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongzhi.Tests.Platform;

/// <summary>
/// The heavy reads on a read replica (<c>ConnectionStrings:GongzhiReadOnly</c>): read-only, and on the primary while the
/// replica cannot be reached. The streaming replica itself (pg_basebackup, the lag) is shown by tools/cluster.sh.
/// </summary>
public sealed class ReadReplicaTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Skip = "A read replica is a PostgreSQL server; ./test.sh runs this on its PostgreSQL suite.";

    [Fact]
    public async Task AReachableReplica_IsRead_ReadOnly_AndRefusesSaves()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, Skip);
        // The primary itself stands in for the replica: what is under test is where the context goes and what it allows.
        var replica = Replica(app.Database.ConnectionString);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = ActivatorUtilities.CreateInstance<GongzhiDbContext>(scope.ServiceProvider, replica.Options!);
        db.Caller = Gongzhi.Platform.Scoping.Caller.System;

        var known = await app.WithDbAsync(primary => primary.Set<Case>().OrderBy(c => c.Reference).Select(c => c.Reference).FirstAsync(Cancel));
        Assert.True(await db.Set<Case>().AnyAsync(c => c.Reference == known, Cancel));
        Assert.False(replica.FallingBack);
        Assert.Equal("on", await db.Database.SqlQueryRaw<string>("SELECT current_setting('default_transaction_read_only') AS \"Value\"").SingleAsync(Cancel));
        db.Add(Gongzhi.Platform.Audit.AuditEntry.Create(DateTimeOffset.UtcNow, Gongzhi.Platform.Scoping.Caller.System, "probe", "ReadReplicaTests", null, null, null));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Cancel));
        // PostgreSQL refuses writes on the connection too, whatever sends them.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("CREATE TABLE replica_probe (id int)", Cancel));
    }

    [Fact]
    public async Task AnUnreachableReplica_FallsBackToThePrimary_ReadOnly()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, Skip);
        var replica = Replica(ClosedPortConnection());
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = ActivatorUtilities.CreateInstance<GongzhiDbContext>(scope.ServiceProvider, replica.Options!);
        db.Caller = Gongzhi.Platform.Scoping.Caller.System;

        // One known row, not a count: tests running beside this one add cases to the shared database between two counts.
        var known = await app.WithDbAsync(primary => primary.Set<Case>().OrderByDescending(c => c.Reference).Select(c => c.Reference).FirstAsync(Cancel));
        Assert.True(await db.Set<Case>().AnyAsync(c => c.Reference == known, Cancel));
        Assert.True(replica.FallingBack);
        Assert.Equal("on", await db.Database.SqlQueryRaw<string>("SELECT current_setting('default_transaction_read_only') AS \"Value\"").SingleAsync(Cancel));
    }

    [Fact]
    public async Task AnAppWithAnUnreachableReplica_StillAnswersIndicatorsSearchesAndExports()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, Skip);
        await using var node = new GongzhiApp { SharedDatabase = app.Database };
        node.Settings["ConnectionStrings:GongzhiReadOnly"] = ClosedPortConnection();
        await node.InitializeAsync();

        using var command = await node.ClientForAsync("command.420103");
        Assert.Equal(HttpStatusCode.OK, (await command.GetAsync("/api/v1/indicators/?scope=420103", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await command.GetAsync("/api/v1/indicators/breakdown?scope=420103", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await command.GetAsync("/api/v1/cases/?scope=420103&q=油污", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await command.GetAsync("/api/v1/exports/cases.csv?scope=420103", Cancel)).StatusCode);
        Assert.True(node.Services.GetRequiredService<ReadReplica>().FallingBack);
    }

    private ReadReplica Replica(string connection) => new(connection, DatabaseSetup.WithWorkloadDefaults(app.Database.ConnectionString),
        app.Services.GetRequiredService<ILogger<ReadReplica>>(), TimeProvider.System, app.Services.GetRequiredService<ILoggerFactory>());

    /// <summary>The primary's connection with a port nothing listens on.</summary>
    private string ClosedPortConnection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Npgsql.NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
    }
}
