using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

internal sealed record ClusterOptions(string App, string Postgres, string Redis, int Nodes, string NginxPath, int Seconds, int Kills,
    int Workers, int Watchers, int DeadlineCases, int Seed, string? Replica, string? ReplicaStop)
{
    public static ClusterOptions? Parse(string[] args)
    {
        if (ServerArguments.Parse([.. args, "--provider", "Postgres"]) is not { Postgres: { } postgres, Values: var v } server
            || !v.TryGetValue("redis", out var redis))
        {
            return null;
        }
        int Int(string name, int fallback) => v.TryGetValue(name, out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;
        return new ClusterOptions(server.App, postgres, redis, Int("nodes", 3), v.GetValueOrDefault("nginx") ?? "/usr/sbin/nginx", Int("seconds", 60),
            Int("kills", 1), Int("workers", 6), Int("watchers", 6), Int("deadline-cases", 20), Int("seed", Environment.TickCount & 0xFFFF),
            v.GetValueOrDefault("replica")?.TrimEnd(';'), v.GetValueOrDefault("replica-stop"));
    }
}

/// <summary>
/// nginx from the distribution's package, run as an ordinary process with a prefix and configuration of its own in the run's
/// folder, on a free loopback port; as root it runs as <c>nobody</c>. The site is deploy/nginx/gongzhi.conf's without TLS:
/// the same upstreams (intake spread over the nodes, each live-hub client kept on one node by its token), passive health
/// checks and retries.
/// </summary>
internal sealed class Nginx : IDisposable
{
    private readonly Process process;
    private readonly string directory;

    private Nginx(Process process, string directory, Uri baseAddress)
    {
        this.process = process;
        this.directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<Nginx> StartAsync(string nginx, string directory, IReadOnlyList<int> nodePorts)
    {
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        var port = Server.FreePort();
        var servers = string.Join("\n", nodePorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"));
        var conf = $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 2048; }
            http {
                client_body_temp_path {{directory}}/tmp/body;
                proxy_temp_path {{directory}}/tmp/proxy;
                fastcgi_temp_path {{directory}}/tmp/fastcgi;
                uwsgi_temp_path {{directory}}/tmp/uwsgi;
                scgi_temp_path {{directory}}/tmp/scgi;
                # The nodes tried last: "$upstream_addr" lists every node tried ("a:1, b:2"), the one that answered last.
                log_format nodes '$msec $request_method $uri $status w=$http_x_watcher $upstream_addr';
                access_log {{directory}}/access.log nodes;
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                map $http_authorization $hub_token { "~^Bearer\s+(?<token>.+)$" $token; default $arg_access_token; }
                map $hub_token $hub_affinity { "" $remote_addr; default $hub_token; }
                upstream gongzhi {
                    least_conn;
            {{servers}}
                    keepalive 32;
                }
                upstream gongzhi_hubs {
                    hash $hub_affinity consistent;
            {{servers}}
                }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 11m;
                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_next_upstream error timeout http_502 http_503;
                    proxy_next_upstream_tries 3;
                    proxy_connect_timeout 2s;
                    location /hubs/ {
                        proxy_pass http://gongzhi_hubs;
                        proxy_read_timeout 1h;
                        proxy_buffering off;
                    }
                    location / {
                        proxy_pass http://gongzhi;
                    }
                }
            }
            """;
        var confPath = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(confPath, conf);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // nginx's master would keep root; an unprivileged account runs it, in a folder it owns.
            using var chown = Process.Start("chown", ["-R", "nobody", directory])!;
            await chown.WaitForExitAsync();
        }
        string[] arguments = ["-p", directory, "-c", confPath, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;"];
        var start = asRoot ? new ProcessStartInfo("runuser", ["-u", "nobody", "--", nginx, .. arguments]) : new ProcessStartInfo(nginx, arguments);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new StartFailedException("nginx did not start.");
        var result = new Nginx(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = result.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new StartFailedException($"nginx exited: {await process.StandardError.ReadToEndAsync()}");
            }
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return result;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new StartFailedException("nginx did not answer within 10 s.");
    }

    /// <summary>The node each watcher negotiated its latest connection with, from the access log.</summary>
    private Dictionary<string, int> WatcherNodes()
    {
        var latest = new Dictionary<string, int>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "access.log")))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 6 && parts[2].EndsWith("/negotiate", StringComparison.Ordinal) && parts[3] == "200"
                && parts[^1] is var upstream && int.TryParse(upstream[(upstream.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture, out var port))
            {
                latest[parts[4]] = port;
            }
        }
        return latest;
    }

    /// <summary>The node with the most live-hub clients on it: killing it makes them reconnect elsewhere.</summary>
    public int BusiestHubNode(IReadOnlyList<int> nodes)
    {
        var counts = WatcherNodes().Values.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        return nodes.OrderByDescending(p => counts.GetValueOrDefault(p)).First();
    }

    public int WatchersOn(int port) => WatcherNodes().Values.Count(p => p == port);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }
}

/// <summary>
/// A page watching the street live through nginx: it hears case events over SignalR (WebSockets), reconnects when its node
/// goes away (to a living one, through nginx), and then, and every <see cref="ReloadEvery"/>, reloads what changed since a
/// minute before the last change it knew (GET /api/v1/cases/changes): a change whose node died between the commit and the
/// event was never sent, and a connection that was reconnecting heard nothing.
/// </summary>
internal sealed class Watcher : IAsyncDisposable
{
    public static readonly TimeSpan ReloadEvery = TimeSpan.FromSeconds(10);

    private readonly HubConnection hub;
    private readonly HttpClient http;
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim reloading = new(1, 1);
    private DateTimeOffset lastChange = DateTimeOffset.UtcNow.AddMinutes(-1);
    private Task? reloads;

    private Watcher(HubConnection hub, HttpClient http, string userName, int number)
    {
        this.hub = hub;
        this.http = http;
        UserName = userName;
        Number = number;
    }

    public int Number { get; }

    public string UserName { get; }

    /// <summary>Each case the watcher knows of, and how it first heard: "live" or "feed".</summary>
    public ConcurrentDictionary<Guid, string> Known { get; } = new();

    public int Reconnects { get; private set; }

    public int Reloads { get; private set; }

    public string? LastError { get; private set; }

    public bool Connected => hub.State == HubConnectionState.Connected;

    public static async Task<Watcher> ConnectAsync(Uri baseAddress, string userName, int number)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Accounts.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                // Lets the run see in nginx's log which node each watcher is on.
                o.Headers["X-Watcher"] = number.ToString(CultureInfo.InvariantCulture);
            })
            .WithAutomaticReconnect(new Forever())
            .Build();
        var watcher = new Watcher(hub, http, userName, number);
        hub.On<JsonElement>("changed", watcher.Heard);
        hub.Reconnected += async _ =>
        {
            watcher.Reconnects++;
            await watcher.WatchAsync();
            await watcher.ReloadAsync();
        };
        await hub.StartAsync();
        await watcher.WatchAsync();
        watcher.reloads = Task.Run(watcher.ReloadLoopAsync);
        return watcher;
    }

    private void Heard(JsonElement change)
    {
        if (change.GetProperty("kind").GetString() is { } kind && kind.StartsWith("case", StringComparison.Ordinal)
            && Guid.TryParse(change.GetProperty("key").GetString(), out var id))
        {
            Known.TryAdd(id, "live");
            Later(change.GetProperty("at").GetDateTimeOffset());
        }
    }

    private void Later(DateTimeOffset at)
    {
        lock (Known)
        {
            if (at > lastChange)
            {
                lastChange = at;
            }
        }
    }

    private Task WatchAsync() => hub.InvokeAsync("WatchJurisdiction", ClusterRun.Street);

    private async Task ReloadLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ReloadEvery, stop.Token);
                await ReloadAsync();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException or KeyNotFoundException)
            {
                // The next period tries again.
                LastError = e.Message;
            }
        }
    }

    /// <summary>Every change from a minute before the last one known, page by page.</summary>
    private async Task ReloadAsync()
    {
        await reloading.WaitAsync();
        try
        {
            DateTimeOffset since;
            lock (Known)
            {
                since = lastChange.AddMinutes(-1);
            }
            string? after = null;
            for (var page = 0; page < 1_000; page++)
            {
                var url = $"/api/v1/cases/changes?scope={ClusterRun.Street}&take=500&since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}"
                    + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
                var changes = await http.GetFromJsonAsync<JsonElement>(url, stop.Token);
                foreach (var item in changes.GetProperty("items").EnumerateArray())
                {
                    Known.TryAdd(item.GetProperty("id").GetGuid(), "feed");
                    Later(item.GetProperty("updatedAt").GetDateTimeOffset());
                }
                if (!changes.GetProperty("more").GetBoolean())
                {
                    break;
                }
                since = changes.GetProperty("nextSince").GetDateTimeOffset();
                after = changes.GetProperty("nextAfter").GetString();
            }
            Reloads++;
        }
        finally
        {
            reloading.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (reloads is not null)
        {
            await reloads;
        }
        await hub.DisposeAsync();
        http.Dispose();
        stop.Dispose();
        reloading.Dispose();
    }

    /// <summary>Reconnects every second, for as long as it takes.</summary>
    private sealed class Forever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromSeconds(1);
    }
}

/// <summary>
/// The read replica: a case written on the primary is read back from the replica (directly, and through a search on the
/// app, which reads the replica), and with the replica stopped the app answers from the primary.
/// </summary>
internal static class ReplicaCheck
{
    public static async Task<List<string>> RunAsync(Intake admin, string replica, string? stopCommand, IReadOnlyList<Server> nodes)
    {
        var failures = new List<string>();
        const string Title = "副本回读测试";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = JsonContent.Create(new { categoryCode = "0103", title = Title, description = "从只读副本读回。", lat = Reporter.Lat, lon = Reporter.Lon, attributes = new { } }),
        };
        var written = Stopwatch.StartNew();
        var response = await admin.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var acknowledged = written.Elapsed;

        await using var db = new NpgsqlConnection(replica);
        await db.OpenAsync();
        TimeSpan? direct = null;
        while (written.Elapsed < TimeSpan.FromSeconds(30) && direct is null)
        {
            if (await ClusterRun.ScalarAsync(db, """SELECT count(*) FROM cases WHERE "Id" = @id""", new NpgsqlParameter("id", id)) == 1)
            {
                direct = written.Elapsed - acknowledged;
            }
            else
            {
                await Task.Delay(5);
            }
        }
        var lag = await db.ExecuteScalarTextAsync("SELECT coalesce(now() - pg_last_xact_replay_timestamp(), interval '0')::text");
        TimeSpan? search = null;
        while (written.Elapsed < TimeSpan.FromSeconds(30) && search is null)
        {
            if (await FindsAsync(admin, id))
            {
                search = written.Elapsed - acknowledged;
            }
            else
            {
                await Task.Delay(20);
            }
        }
        Console.WriteLine($"replica: the case was on the replica {Ms(direct)} after its acknowledgement, found by a search through the app "
            + $"(which reads the replica) after {Ms(search)}; replay lag reported by the replica {lag}");
        if (direct is null || search is null)
        {
            failures.Add("replica: the case written on the primary was not read back through the replica within 30 s");
        }
        if (stopCommand is null)
        {
            return failures;
        }
        await db.CloseAsync();
        NpgsqlConnection.ClearAllPools();
        using (var stop = Process.Start("bash", ["-c", stopCommand])!)
        {
            await stop.WaitForExitAsync();
        }
        var indicators = await admin.Http.GetAsync($"/api/v1/indicators/?scope={ClusterRun.Street}");
        var found = await FindsAsync(admin, id);
        var export = await admin.Http.GetAsync($"/api/v1/exports/cases.csv?scope={ClusterRun.Street}");
        // Each node decides for itself; ask until every node has met the stopped replica once.
        for (var i = 0; i < 10 * nodes.Count; i++)
        {
            found &= await FindsAsync(admin, id);
        }
        await Task.Delay(500);
        var logged = nodes.Count(n => File.ReadAllText(n.LogPath).Contains("read replica is unreachable", StringComparison.Ordinal));
        Console.WriteLine($"replica stopped: indicators {(int)indicators.StatusCode}, export {(int)export.StatusCode}, search finds the case: {found}; "
            + $"{logged} of {nodes.Count} nodes logged the fallback to the primary");
        if (!indicators.IsSuccessStatusCode || !export.IsSuccessStatusCode || !found || logged == 0)
        {
            failures.Add("replica: with the replica stopped the app did not answer from the primary");
        }
        return failures;
    }

    private static async Task<bool> FindsAsync(Intake admin, Guid id)
    {
        var page = await admin.Http.GetAsync($"/api/v1/cases/?scope={ClusterRun.Street}&q={Uri.EscapeDataString("副本回读")}&sort=created");
        return page.IsSuccessStatusCode && (await page.Content.ReadAsStringAsync()).Contains(id.ToString(), StringComparison.Ordinal);
    }

    private static string Ms(TimeSpan? t) => t is { } v ? $"{v.TotalMilliseconds:F0} ms" : "never";

    private static async Task<string> ExecuteScalarTextAsync(this NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}

/// <summary>
/// The platform's meters under load: every running node's scrape endpoint answers and counts the cases it took in. A
/// killed node's counts die with it, so the sum is at most the cases acknowledged, never checked to equal them.
/// </summary>
internal static class MetricsCheck
{
    private const string TakenIn = "gongzhi_cases_taken_in_total";

    public static async Task<List<string>> RunAsync(IReadOnlyList<Server> nodes)
    {
        var failures = new List<string>();
        var counts = new List<string>();
        var total = 0d;
        foreach (var node in nodes.Where(n => n.IsRunning))
        {
            using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using var response = await http.GetAsync("/metrics");
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"metrics: node on port {node.Port} answered {(int)response.StatusCode} on /metrics");
                continue;
            }
            var taken = text.Split('\n').Where(l => l.StartsWith(TakenIn, StringComparison.Ordinal)).Sum(Value);
            counts.Add($"port {node.Port}: {taken}");
            total += taken;
        }
        Console.WriteLine($"metrics: {TakenIn} per running node {string.Join(", ", counts)}");
        if (total == 0)
        {
            failures.Add($"metrics: no running node counted a case taken in ({TakenIn})");
        }
        return failures;
    }

    /// <summary>A sample's value: after the name and its labels, before an optional timestamp.</summary>
    private static double Value(string line)
    {
        var afterLabels = line.IndexOf('}', StringComparison.Ordinal) is var end and >= 0 ? end + 1 : TakenIn.Length;
        return double.Parse(line[afterLabels..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
