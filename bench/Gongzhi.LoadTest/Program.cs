using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

// Case intake over HTTP on loopback: starts the built server (the product as the benchmarks' host bench/Gongzhi.BenchHost runs
// it, with the baseline endpoint) on a fresh database and measures
//  (a) closed loop: the most reports N clients get through in T seconds, on the full intake endpoint
//      (sign-in, validation, locating the grid, the street's dispatchers, reference, audit, notifications,
//      live push) and on the insert-only baseline endpoint, alternating for several rounds in the same run;
//  (b) open loop: a fixed rate (200 reports a second by default) for T seconds, latency counted from each
//      request's scheduled send time, so that a stalled server is not hidden by a client that waits for it.
// Prints a markdown table. Every report has its own Idempotency-Key and a position that the server locates.
//
//   dotnet bench/Gongzhi.LoadTest/bin/Release/net10.0/Gongzhi.LoadTest.dll \
//     --app bench/Gongzhi.BenchHost/bin/Release/net10.0 --provider Sqlite|Postgres [--postgres "Host=...;Username=..."] \
//     [--clients 16] [--seconds 20] [--rounds 2] [--rate 200] [--warmup 5] [--points 300] [--data data/wuhan/districts.geojson] [--seed 1]
//     [--keep true]
// The server inherits this process's environment, so e.g. Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information
// logs every SQL command with its duration to server.log in the work folder, which --keep true leaves in place.
//
// Exit code 0 when every phase ran, 1 when a phase had errors, 2 on a usage or start-up error.

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Gongzhi.LoadTest --app DIR --provider Sqlite|Postgres [--postgres CONNECTION] [--clients N] [--seconds T] "
        + "[--rounds N] [--rate R] [--warmup T] [--points N] [--data FILE] [--seed N] [--keep true]\n"
        + "  DIR is the build of the benchmarks' host (bench/Gongzhi.BenchHost/bin/Release/net10.0), which has the baseline endpoint.");
    return 2;
}
var work = Directory.CreateTempSubdirectory("gongzhi-load-");
var connection = options.Provider == "Sqlite"
    ? $"Data Source={Path.Combine(work.FullName, "gongzhi.db")}"
    : ScratchDatabase.For(options.Postgres!, "load", options.Seed);
// The baseline endpoint is not in the product: the benchmarks' host runs the product with it.
var server = new Server(options.App, options.Provider, connection, Path.Combine(work.FullName, "files"), Path.Combine(work.FullName, "server.log"),
    Accounts.Password, Accounts.Operator, new Dictionary<string, string> { ["Benchmarks:BaselineEndpoints"] = "true" }) { Entry = Options.Host };
var exit = 0;
try
{
    Console.WriteLine($"Load test on {options.Provider}: {options.Clients} clients × {options.Seconds} s × {options.Rounds} rounds, "
        + $"open loop {options.Rate}/s, seed {options.Seed}, work folder {work.FullName}");
    var started = Stopwatch.StartNew();
    await server.StartAsync();
    Console.WriteLine($"server ready after {started.Elapsed.TotalSeconds:F1} s");
    using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = server.BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };
    var points = await Positions.SampleAsync(http, await SignInAsync(http, "admin"), options.Data, options.Points, new Random(options.Seed));
    Console.WriteLine($"{points.Count} positions located in {points.Select(p => p.Grid[..6]).Distinct().Count()} districts, "
        + $"{points.Count(p => p.Grid.StartsWith(Positions.DispatchedStreets[0], StringComparison.Ordinal) || p.Grid.StartsWith(Positions.DispatchedStreets[1], StringComparison.Ordinal))} in streets with a demo dispatcher");
    var load = new Load(http, await SignInAsync(http, Accounts.Operator), points);

    // Warm-up: JIT, connection pools, the first pages of the tables; not reported.
    var warmup = TimeSpan.FromSeconds(options.Warmup);
    await load.ClosedAsync(Target.Full, options.Clients, warmup);
    await load.ClosedAsync(Target.Baseline, options.Clients, warmup);

    var results = new List<Phase>();
    var duration = TimeSpan.FromSeconds(options.Seconds);
    for (var round = 1; round <= options.Rounds; round++)
    {
        // Alternating which goes first keeps the growing tables from favouring one side.
        Target[] order = round % 2 == 1 ? [Target.Full, Target.Baseline] : [Target.Baseline, Target.Full];
        foreach (var target in order)
        {
            var phase = await load.ClosedAsync(target, options.Clients, duration) with { Name = $"closed loop, round {round}" };
            Console.WriteLine(phase.Line());
            results.Add(phase);
        }
    }
    foreach (var target in new[] { Target.Full, Target.Baseline })
    {
        var phase = await load.OpenAsync(target, options.Rate, duration) with { Name = "open loop" };
        Console.WriteLine(phase.Line());
        results.Add(phase);
    }

    Console.WriteLine();
    Console.WriteLine(Phase.Table(options.Provider, results));
    var full = results.Where(r => r.Closed && r.Target == Target.Full).ToList();
    var baseline = results.Where(r => r.Closed && r.Target == Target.Baseline).ToList();
    var ratio = Phase.Throughput(full) / Phase.Throughput(baseline);
    var open = results.Single(r => !r.Closed && r.Target == Target.Full);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{options.Provider}: full {Phase.Throughput(full):F0}/s, baseline {Phase.Throughput(baseline):F0}/s, ratio {ratio:F2} (target ≥ 0.5: {(ratio >= 0.5 ? "met" : "missed")}); "
        + $"p99 at {options.Rate}/s {open.P99:F1} ms (target < 50 ms: {(open.P99 < 50 && open.Errors == 0 ? "met" : "missed")})"));
    exit = results.Any(r => r.Errors > 0) ? 1 : 0;
}
catch (Exception e) when (e is StartFailedException or HttpRequestException or TimeoutException or InvalidOperationException)
{
    Console.Error.WriteLine($"{e.Message} (server log: {server.LogPath})");
    exit = 2;
}
finally
{
    server.Kill();
}
if (exit == 0 && !options.Keep)
{
    work.Delete(recursive: true);
    if (options.Provider != "Sqlite")
    {
        await ScratchDatabase.DropAsync(connection);
    }
}
return exit;

static async Task<AuthenticationHeaderValue> SignInAsync(HttpClient http, string userName)
{
    var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Accounts.Password });
    response.EnsureSuccessStatusCode();
    var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    return new AuthenticationHeaderValue("Bearer", token);
}

internal static class Accounts
{
    public const string Password = "Gongzhi-Demo-2026";

    /// <summary>The district command centre takes 12345 hotline calls: staff may file for a caller, anywhere in the city.</summary>
    public const string Operator = "command.420103";
}

internal enum Target
{
    Full,
    Baseline,
}

internal sealed record Position(double Lat, double Lon, string Grid);

/// <summary>Positions the server locates: half anywhere in the city (a district at random, then a point in its bounds), half in the streets that have a demo dispatcher, so that intake also notifies.</summary>
internal static class Positions
{
    public static readonly string[] DispatchedStreets = ["420103001", "420103002"];

    public static async Task<List<Position>> SampleAsync(HttpClient http, AuthenticationHeaderValue admin, string dataFile, int count, Random random)
    {
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(dataFile));
        var districts = document.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => (Code: f.GetProperty("properties").GetProperty("code").GetString()!, Bounds: Bounds(f.GetProperty("geometry").GetProperty("coordinates"))))
            .ToList();
        var jianghan = districts.Single(d => d.Code == DispatchedStreets[0][..6]);
        var positions = new List<Position>();
        for (var tries = 0; positions.Count < count && tries < count * 50; tries++)
        {
            var dispatched = positions.Count % 2 == 1;
            var (code, (minLon, minLat, maxLon, maxLat)) = dispatched ? jianghan : districts[random.Next(districts.Count)];
            var lat = minLat + (random.NextDouble() * (maxLat - minLat));
            var lon = minLon + (random.NextDouble() * (maxLon - minLon));
            using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"/api/v1/jurisdictions/locate?lat={lat:R}&lon={lon:R}"));
            request.Headers.Authorization = admin;
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }
            var grid = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("grid").GetProperty("code").GetString()!;
            var wanted = dispatched ? DispatchedStreets.Any(s => grid.StartsWith(s, StringComparison.Ordinal)) : grid.StartsWith(code, StringComparison.Ordinal);
            if (wanted)
            {
                positions.Add(new Position(lat, lon, grid));
            }
        }
        return positions.Count == count ? positions : throw new InvalidOperationException($"Only {positions.Count} of {count} positions were located.");
    }

    /// <summary>The bounding box (min lon, min lat, max lon, max lat) of a GeoJSON Polygon's or MultiPolygon's coordinates.</summary>
    private static (double, double, double, double) Bounds(JsonElement coordinates)
    {
        var (minLon, minLat, maxLon, maxLat) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        void Walk(JsonElement e)
        {
            if (e[0].ValueKind == JsonValueKind.Number)
            {
                var (lon, lat) = (e[0].GetDouble(), e[1].GetDouble());
                (minLon, minLat, maxLon, maxLat) = (Math.Min(minLon, lon), Math.Min(minLat, lat), Math.Max(maxLon, lon), Math.Max(maxLat, lat));
                return;
            }
            foreach (var child in e.EnumerateArray())
            {
                Walk(child);
            }
        }
        Walk(coordinates);
        return (minLon, minLat, maxLon, maxLat);
    }
}

/// <summary>Sends reports: the full intake as the signed-in operator, the baseline anonymously with the grid already known.</summary>
internal sealed class Load(HttpClient http, AuthenticationHeaderValue bearer, IReadOnlyList<Position> positions)
{
    private const string BaselineRoute = "/api/v1/benchmarks/baseline-cases";

    private long sent;

    public async Task<Phase> ClosedAsync(Target target, int clients, TimeSpan duration)
    {
        var recorder = new Recorder();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                var status = await SendAsync(target);
                recorder.Add(status, clock.Elapsed - start);
            }
        }));
        await Task.WhenAll(workers);
        return recorder.Result(target, closed: true, $"{clients} clients", clock.Elapsed);
    }

    public async Task<Phase> OpenAsync(Target target, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var recorder = new Recorder();
        var requests = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var scheduled = TimeSpan.FromSeconds((double)i / rate);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            // Timed from the schedule, not from the actual send: a late send is latency the user would see.
            requests.Add(Task.Run(async () => recorder.Add(await SendAsync(target), clock.Elapsed - scheduled)));
        }
        await Task.WhenAll(requests);
        return recorder.Result(target, closed: false, $"{rate}/s", clock.Elapsed);
    }

    private async Task<HttpStatusCode> SendAsync(Target target)
    {
        var n = Interlocked.Increment(ref sent);
        var position = positions[(int)(n % positions.Count)];
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"categoryCode":"0103","urgency":"normal","title":"路面油污","description":"热线来电：路口有一大片油污，行人容易滑倒。（第 {{n}} 通）","lat":{{position.Lat:R}},"lon":{{position.Lon:R}},"channel":"hotline","reporterName":"张先生","reporterPhone":"138{{n % 100_000_000:00000000}}","attributes":{ } }""");
        using var request = new HttpRequestMessage(HttpMethod.Post, target == Target.Full ? "/api/v1/cases" : $"{BaselineRoute}?grid={position.Grid}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        if (target == Target.Full)
        {
            request.Headers.Authorization = bearer;
        }
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}

internal sealed class Recorder
{
    private readonly List<double> milliseconds = [];
    private readonly Dictionary<int, int> statuses = [];

    public void Add(HttpStatusCode status, TimeSpan latency)
    {
        lock (milliseconds)
        {
            milliseconds.Add(latency.TotalMilliseconds);
            statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
        }
    }

    public Phase Result(Target target, bool closed, string load, TimeSpan elapsed)
    {
        lock (milliseconds)
        {
            var sorted = milliseconds.Order().ToArray();
            double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            var ok = statuses.GetValueOrDefault((int)HttpStatusCode.Created);
            var others = string.Join(", ", statuses.Where(s => s.Key != (int)HttpStatusCode.Created).Select(s => $"{s.Value}× {(s.Key == 0 ? "no answer" : s.Key)}"));
            return new Phase("", target, closed, load, elapsed.TotalSeconds, ok, sorted.Length - ok, others,
                Percentile(0.50), Percentile(0.95), Percentile(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
        }
    }
}

internal sealed record Phase(string Name, Target Target, bool Closed, string Load, double Seconds, int Ok, int Errors, string ErrorStatuses,
    double P50, double P95, double P99, double Max)
{
    public double PerSecond => Ok / Seconds;

    /// <summary>Reports per second over several phases: all their reports over all their time.</summary>
    public static double Throughput(IReadOnlyCollection<Phase> phases) => phases.Sum(p => p.Ok) / phases.Sum(p => p.Seconds);

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}, {Target}: {Ok} created in {Seconds:F1} s = {PerSecond:F0}/s, p50 {P50:F1} ms, p99 {P99:F1} ms{(Errors > 0 ? $", {Errors} errors ({ErrorStatuses})" : "")}");

    public static string Table(string provider, IEnumerable<Phase> phases)
    {
        var table = new StringBuilder();
        table.AppendLine("| engine | phase | endpoint | load | s | created | errors | created/s | p50 ms | p95 ms | p99 ms | max ms |");
        table.AppendLine("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in phases)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {p.Name} | {(p.Target == Target.Full ? "full intake" : "baseline insert")} | {p.Load} | {p.Seconds:F1} | {p.Ok} | {p.Errors} | {p.PerSecond:F0} | {p.P50:F1} | {p.P95:F1} | {p.P99:F1} | {p.Max:F1} |"));
        }
        return table.ToString().TrimEnd();
    }
}

internal sealed record Options(string App, string Provider, string? Postgres, int Clients, int Seconds, int Rounds, int Rate, int Warmup, int Points,
    string Data, int Seed, bool Keep)
{
    /// <summary>The benchmarks' host in the app folder: the product plus the baseline endpoint.</summary>
    public const string Host = "Gongzhi.BenchHost.dll";

    public static Options? Parse(string[] args)
    {
        if (ServerArguments.Parse(args) is not { Values: var values } server || !File.Exists(Path.Combine(server.App, Host)))
        {
            return null;
        }
        var data = values.GetValueOrDefault("data", Path.Combine("data", "wuhan", "districts.geojson"));
        if (!File.Exists(data))
        {
            return null;
        }
        int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(server.App, server.Provider, server.Postgres, Number("clients", 16), Number("seconds", 20), Number("rounds", 2),
            Number("rate", 200), Number("warmup", 5), Number("points", 300), Path.GetFullPath(data), Number("seed", 1),
            values.GetValueOrDefault("keep") == "true");
    }
}
