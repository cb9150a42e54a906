using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

// Several real server processes on one PostgreSQL and one Redis behind nginx; under an intake load through nginx one node
// at a time is killed with SIGKILL and started again. Checks: no acknowledged case lost, none made twice, every live
// watcher knows every committed case (live, or by reloading the changes since its last one), each deadline fired once;
// with a read replica, a case read back through it and the fallback when it stops. See docs/reliability.md.

/// <summary>The cluster run (<c>--nodes N</c>).</summary>
internal static class ClusterRun
{
    /// <summary>The intake point lies in 万年社区, 民族街街道: every case of the run is in this street.</summary>
    public const string Street = "420103001";

    public static async Task<int> RunAsync(ClusterOptions options)
    {
        var random = new Random(options.Seed);
        var work = Directory.CreateTempSubdirectory("gongzhi-cluster-");
        var nginxFolder = Directory.CreateTempSubdirectory("gongzhi-nginx-");
        var connection = ScratchDatabase.For(options.Postgres, "cluster", options.Seed);
        var database = new NpgsqlConnectionStringBuilder(connection).Database!;
        var settings = new Dictionary<string, string>
        {
            ["Redis:Connection"] = options.Redis,
            // Every node scans every two seconds: they race for each deadline.
            ["Cases:DeadlineScanSeconds"] = "2",
            // nginx on this host: its X-Forwarded-For is believed, as in deploy/gongzhi.env.example.
            ["Network:TrustedProxies:0"] = "127.0.0.1",
            // Each node's own scrape endpoint, read directly on loopback after the load.
            ["Metrics:Enabled"] = "true",
        };
        if (options.Replica is { } replica)
        {
            settings["ConnectionStrings:GongzhiReadOnly"] = $"{replica};Database={database}";
        }
        var files = Path.Combine(work.FullName, "files");
        var nodes = Enumerable.Range(1, options.Nodes).Select(i => new Server(options.App, "Postgres", connection, files,
            Path.Combine(work.FullName, $"node{i}.log"), Accounts.Password, "admin", settings) { Port = Server.FreePort() }).ToList();
        Console.WriteLine($"Cluster test: {options.Nodes} nodes behind nginx, {options.Seconds} s of load, {options.Kills} kills, "
            + $"{options.Workers} reporters, {options.Watchers} watchers, seed {options.Seed}, work folder {work.FullName}");
        Nginx? nginx = null;
        var watchers = new List<Watcher>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            // The first node migrates and seeds; the others start on the prepared database together.
            await nodes[0].StartAsync();
            await Task.WhenAll(nodes.Skip(1).Select(n => n.StartAsync()));
            // A folder of its own outside the run's (private) one: as root, nginx runs as nobody, who must reach it.
            nginx = await Nginx.StartAsync(options.NginxPath, nginxFolder.FullName, nodes.Select(n => n.Port!.Value).ToList());
            Console.WriteLine($"{nodes.Count} nodes ready after {clock.Elapsed.TotalSeconds:F0} s; nginx on {nginx.BaseAddress}");

            for (var i = 0; i < options.Watchers; i++)
            {
                watchers.Add(await Watcher.ConnectAsync(nginx.BaseAddress, Accounts.Watchers[i % Accounts.Watchers.Length], i));
            }
            using var admin = await Intake.SignInAsync(nginx.BaseAddress, "admin", 0);
            var reporters = new List<Reporter>();
            for (var i = 0; i < options.Workers; i++)
            {
                reporters.Add(new Reporter(await Intake.SignInAsync(nginx.BaseAddress, Accounts.Reporters[i % Accounts.Reporters.Length], random.Next()), i));
            }
            using var stop = new CancellationTokenSource();
            var load = reporters.Select(r => Task.Run(() => r.RunAsync(stop.Token))).ToList();
            var start = DateTime.UtcNow;
            var end = start.AddSeconds(options.Seconds);
            while (reporters.Sum(r => r.Acknowledged.Count) < Math.Max(options.Workers * 2, options.DeadlineCases) && DateTime.UtcNow < end)
            {
                await Task.Delay(100);
            }
            var deadlines = await DeadlineCheck.ArmAsync(connection, reporters.SelectMany(r => r.Acknowledged.Values).ToList(), options.DeadlineCases);
            Console.WriteLine($"armed {deadlines.Overdue.Count} cases overdue and {deadlines.Reminded.Count} due for a reminder");

            var restarts = new List<Task>();
            for (var kill = 1; kill <= options.Kills; kill++)
            {
                var at = start.AddSeconds(options.Seconds * kill / (options.Kills + 1.0));
                await Task.Delay(Max(TimeSpan.Zero, at - DateTime.UtcNow + TimeSpan.FromMilliseconds(random.Next(0, 1_000))));
                await Task.WhenAll(restarts);
                var victim = nginx.BusiestHubNode(nodes.Select(n => n.Port!.Value).ToList());
                var node = nodes.Single(n => n.Port == victim);
                var watchersThere = nginx.WatchersOn(victim);
                node.Kill();
                Console.WriteLine($"kill {kill} at {(DateTime.UtcNow - start).TotalSeconds:F1} s: node on port {victim} (SIGKILL), "
                    + $"{watchersThere} watchers on it, {reporters.Sum(r => r.Acknowledged.Count)} acknowledged so far");
                restarts.Add(Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    var restarted = Stopwatch.StartNew();
                    await node.StartAsync();
                    Console.WriteLine($"node on port {victim} back after {restarted.Elapsed.TotalSeconds:F0} s");
                }));
            }
            await Task.Delay(Max(TimeSpan.Zero, end - DateTime.UtcNow));
            await stop.CancelAsync();
            // A submission under way is retried to its end (same key), as a client does; none is abandoned at the stop.
            await Task.WhenAll(load);
            await Task.WhenAll(restarts);
            // One reload period, so that every watcher has asked for what changed since its last event.
            await Task.Delay(Watcher.ReloadEvery + TimeSpan.FromSeconds(3));

            var acknowledged = reporters.SelectMany(r => r.Acknowledged.Values).ToList();
            var submitted = reporters.Sum(r => r.Submitted);
            Console.WriteLine($"load: {submitted} submissions, {acknowledged.Count} acknowledged, {reporters.Sum(r => r.Retries)} retries "
                + $"({reporters.Sum(r => r.RetriedThenAcknowledged)} submissions acknowledged after a retry), "
                + $"{reporters.Sum(r => r.Replays)} answered as a replay (200), failed answers {string.Join(", ", reporters.SelectMany(r => r.Failures).GroupBy(f => f).Select(g => $"{g.Key}×{g.Count()}"))}");
            failures.AddRange(reporters.SelectMany(r => r.Errors));
            failures.AddRange(await VerifyCasesAsync(admin, connection, acknowledged, submitted));
            failures.AddRange(await VerifyWatchersAsync(connection, watchers));
            failures.AddRange(await MetricsCheck.RunAsync(nodes));
            failures.AddRange(await deadlines.VerifyAsync());
            if (options.Replica is { } replicaCluster)
            {
                failures.AddRange(await ReplicaCheck.RunAsync(admin, $"{replicaCluster};Database={database}", options.ReplicaStop, nodes));
            }
        }
        catch (Exception e)
        {
            // Whatever went wrong, the nodes and nginx are stopped below and the run reports it.
            Console.Error.WriteLine($"{(e is StartFailedException or TimeoutException ? e.Message : e.ToString())} (logs in {work.FullName} and {nginxFolder.FullName})");
            failures.Add(e.Message);
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
            nginx?.Dispose();
            foreach (var node in nodes)
            {
                node.Kill();
            }
        }
        Console.WriteLine($"cluster: {(failures.Count == 0 ? "passed" : $"{failures.Count} failures")} in {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var failure in failures.Take(30))
        {
            Console.WriteLine($"  FAILED {failure}");
        }
        if (failures.Count == 0)
        {
            work.Delete(recursive: true);
            nginxFolder.Delete(recursive: true);
            await ScratchDatabase.DropAsync(connection);
            return 0;
        }
        return 1;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Every acknowledged case is there; no submission made two cases (each has a title of its own).</summary>
    private static async Task<List<string>> VerifyCasesAsync(Intake admin, string connection, List<Acknowledged> acknowledged, int submitted)
    {
        var failures = new List<string>();
        foreach (var c in acknowledged)
        {
            var detail = await admin.Http.GetAsync($"/api/v1/cases/{c.Id}");
            if (!detail.IsSuccessStatusCode)
            {
                failures.Add($"acknowledged case {c.Reference} ({c.Id}) lost: {(int)detail.StatusCode}");
            }
        }
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var duplicates = await ScalarAsync(db, """SELECT count(*) FROM (SELECT "Title" FROM cases WHERE "Title" LIKE '集群%' GROUP BY "Title" HAVING count(*) > 1) d""");
        var committed = await ScalarAsync(db, """SELECT count(*) FROM cases WHERE "Title" LIKE '集群%'""");
        Console.WriteLine($"cases: {acknowledged.Count} acknowledged, {committed} committed, {acknowledged.Count(c => !failures.Any(f => f.Contains(c.Id.ToString(), StringComparison.Ordinal)))} of the acknowledged found, "
            + $"{duplicates} titles with more than one case");
        if (duplicates > 0)
        {
            failures.Add($"{duplicates} submissions made more than one case");
        }
        if (committed != acknowledged.Count || submitted != acknowledged.Count)
        {
            failures.Add($"{submitted} submissions, {acknowledged.Count} acknowledged, {committed} committed: every submission is retried until acknowledged");
        }
        return failures;
    }

    /// <summary>Every watcher knows every case of the run, live or from the change feed.</summary>
    private static async Task<List<string>> VerifyWatchersAsync(string connection, List<Watcher> watchers)
    {
        var failures = new List<string>();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var committed = new List<Guid>();
        await using (var read = new NpgsqlCommand("""SELECT "Id" FROM cases WHERE "Title" LIKE '集群%'""", db))
        await using (var rows = await read.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                committed.Add(rows.GetGuid(0));
            }
        }
        foreach (var w in watchers)
        {
            var missing = committed.Where(id => !w.Known.ContainsKey(id)).ToList();
            var live = committed.Count(id => w.Known.TryGetValue(id, out var how) && how == "live");
            Console.WriteLine($"watcher {w.Number} ({w.UserName}): {live} of {committed.Count} cases live, {committed.Count - live - missing.Count} from the change feed, "
                + $"{w.Reconnects} reconnects, {w.Reloads} reloads, {missing.Count} missing{(w.LastError is { } err ? $", last reload error: {err}" : "")}");
            if (missing.Count > 0)
            {
                failures.Add($"watcher {w.Number} never heard of {missing.Count} committed cases, e.g. {missing[0]} (it knows {w.Known.Count} cases, e.g. {w.Known.Keys.FirstOrDefault()})");
            }
            if (!w.Connected)
            {
                failures.Add($"watcher {w.Number} is not connected at the end");
            }
        }
        return failures;
    }

    internal static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddRange(parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A reporter through nginx: every submission is sent again with the same Idempotency-Key until it is acknowledged.</summary>
internal sealed class Reporter(Intake intake, int number)
{
    // Inside 万年社区's first grid (420103001002001), 民族街街道, whose dispatcher is a demo account: the deadline notices have a recipient.
    public const double Lat = 30.62765;
    public const double Lon = 114.23387;

    public ConcurrentDictionary<Guid, Acknowledged> Acknowledged { get; } = new();

    public int Submitted { get; private set; }

    public int Retries { get; private set; }

    public int RetriedThenAcknowledged { get; private set; }

    public int Replays { get; private set; }

    public List<string> Failures { get; } = [];

    public List<string> Errors { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        var random = new Random(number);
        while (!stop.IsCancellationRequested && Errors.Count == 0)
        {
            Submitted++;
            var n = Submitted;
            var key = Guid.NewGuid().ToString("N");
            var body = new
            {
                categoryCode = "0103",
                title = $"集群 {number}-{n}",
                description = $"路口有一大片油污，行人容易滑倒。#{key}",
                lat = Lat + (random.NextDouble() * 0.0002),
                lon = Lon + (random.NextDouble() * 0.0002),
                attributes = new { },
            };
            var tries = 0;
            // Given up only long after the stop: a node that was killed is back well within it.
            var giveUp = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                tries++;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
                    request.Headers.Add("Idempotency-Key", key);
                    // The stop ends new submissions, not one under way: it is sent to its end.
                    using var response = await intake.Http.SendAsync(request, CancellationToken.None);
                    if (response.IsSuccessStatusCode)
                    {
                        var created = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                        var id = created.GetProperty("id").GetGuid();
                        if (!Acknowledged.TryAdd(id, new Acknowledged(id, created.GetProperty("reference").GetString()!, [])))
                        {
                            Errors.Add($"reporter {number}: submission {n} answered with case {id}, which an earlier submission got");
                        }
                        Replays += response.StatusCode == System.Net.HttpStatusCode.OK ? 1 : 0;
                        RetriedThenAcknowledged += tries > 1 ? 1 : 0;
                        break;
                    }
                    if ((int)response.StatusCode < 500 && (int)response.StatusCode != 429)
                    {
                        Errors.Add($"reporter {number}: a valid report refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                        return;
                    }
                    Failures.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                {
                    Failures.Add(e.GetType().Name);
                }
                if (DateTime.UtcNow > giveUp)
                {
                    Errors.Add($"reporter {number}: submission {n} not acknowledged after {tries} tries");
                    return;
                }
                Retries++;
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }
}

/// <summary>Cases the nodes' deadline scans must act on exactly once while a node is killed.</summary>
internal sealed class DeadlineCheck(string connection, List<Guid> overdue, List<Guid> reminded)
{
    public List<Guid> Overdue => overdue;

    public List<Guid> Reminded => reminded;

    /// <summary>Moves the deadlines of some acknowledged cases: half into the past (overdue), half a few minutes ahead (a reminder is due).</summary>
    public static async Task<DeadlineCheck> ArmAsync(string connection, List<Acknowledged> cases, int count)
    {
        var chosen = cases.Take(count).Select(c => c.Id).ToList();
        var overdue = chosen.Take(chosen.Count / 2).ToList();
        var reminded = chosen.Skip(overdue.Count).ToList();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using (var past = new NpgsqlCommand("""UPDATE cases SET "Deadline" = now() - interval '1 minute' WHERE "Id" = ANY(@ids)""", db))
        {
            past.Parameters.AddWithValue("ids", overdue.ToArray());
            await past.ExecuteNonQueryAsync();
        }
        await using (var soon = new NpgsqlCommand("""UPDATE cases SET "Deadline" = now() + interval '2 minutes' WHERE "Id" = ANY(@ids)""", db))
        {
            soon.Parameters.AddWithValue("ids", reminded.ToArray());
            await soon.ExecuteNonQueryAsync();
        }
        return new DeadlineCheck(connection, overdue, reminded);
    }

    /// <summary>Each overdue case marked once (one timeline line, one notice per recipient); each reminder sent once per recipient.</summary>
    public async Task<List<string>> VerifyAsync()
    {
        var failures = new List<string>();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var ids = new NpgsqlParameter("ids", overdue.ToArray());
        var marked = await ClusterRun.ScalarAsync(db, """SELECT count(DISTINCT "CaseId") FROM case_events WHERE "Action" = 'overdue' AND "CaseId" = ANY(@ids)""", ids);
        var twice = await ClusterRun.ScalarAsync(db, """SELECT count(*) FROM (SELECT "CaseId" FROM case_events WHERE "Action" = 'overdue' AND "CaseId" = ANY(@ids) GROUP BY "CaseId" HAVING count(*) > 1) t""",
            new NpgsqlParameter("ids", overdue.ToArray()));
        var links = overdue.Concat(reminded).Select(id => $"/cases/{id}").ToArray();
        var notices = await ClusterRun.ScalarAsync(db, """SELECT count(*) FROM notifications WHERE "Kind" IN ('case.overdue', 'case.reminder') AND "Link" = ANY(@links)""",
            new NpgsqlParameter("links", links));
        var repeated = await ClusterRun.ScalarAsync(db, """SELECT count(*) FROM (SELECT 1 FROM notifications WHERE "Kind" IN ('case.overdue', 'case.reminder') AND "Link" = ANY(@links) GROUP BY "Kind", "Link", "RecipientUserId" HAVING count(*) > 1) t""",
            new NpgsqlParameter("links", links));
        var remindedCases = await ClusterRun.ScalarAsync(db, """SELECT count(DISTINCT "Link") FROM notifications WHERE "Kind" = 'case.reminder' AND "Link" = ANY(@links)""",
            new NpgsqlParameter("links", reminded.Select(id => $"/cases/{id}").ToArray()));
        var kinds = await ClusterRun.ScalarAsync(db, """SELECT count(*) FROM notifications WHERE "Kind" IN ('case.overdue', 'case.reminder')""");
        Console.WriteLine($"deadline notices in all: {kinds}");
        Console.WriteLine($"deadlines: {marked} of {overdue.Count} marked overdue ({twice} twice), {remindedCases} of {reminded.Count} reminded, "
            + $"{notices} notices, {repeated} sent twice to one recipient");
        if (marked != overdue.Count || twice > 0 || remindedCases != reminded.Count || repeated > 0)
        {
            failures.Add($"deadlines: {marked}/{overdue.Count} overdue marked, {twice} twice, {remindedCases}/{reminded.Count} reminded, {repeated} notices repeated");
        }
        return failures;
    }
}
