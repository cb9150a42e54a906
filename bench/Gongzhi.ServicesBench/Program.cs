using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

// The service centres at a city's size (issue 15). Starts the built server on a fresh PostgreSQL database (it migrates and
// seeds the demo: the catalogue, Wuhan's streets and communities, the accounts), writes --applications applications over the
// last 365 days with SQL (CityYearFill), restarts it (which rebuilds the measures' day rows the SQL did not write), and then
// times, after a warm-up, as the people who read them:
//  - a centre's queue: the staff's application list, as API and as the page (street staff of 民族街 420103001);
//  - an applicant's history: resident1's own applications, as API and as the page;
//  - the process analytics of an item (the busiest, and one of middling volume) for a street, a district and the city, for
//    the last full month and for the year, as the city's administrator; and the breakdown per area of a district's month;
// and prints p50/p95/max per request as a markdown table, then the plans of the analytics' grouped read (EXPLAIN ANALYZE).
//
//   dotnet bench/Gongzhi.ServicesBench/bin/Release/net10.0/Gongzhi.ServicesBench.dll --app src/Gongzhi/bin/Release/net10.0 \
//     --provider Postgres --postgres "Host=127.0.0.1;Port=55432;Username=postgres" [--applications 3000000] [--samples 100] [--keep true]
//
// Exit code 0 when every read answered 2xx, 1 otherwise, 2 on a usage or start-up error.

const string Password = "Gongzhi-Demo-2026";
var arguments = ServerArguments.Parse(args);
if (arguments is null || arguments.Provider != "Postgres")
{
    Console.Error.WriteLine("usage: Gongzhi.ServicesBench --app DIR --provider Postgres --postgres CLUSTER [--applications N] [--samples N] [--keep true]");
    return 2;
}
int Number(string name, int fallback) =>
    arguments.Values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var applicationCount = Number("applications", 3_000_000);
var samples = Number("samples", 100);
var keep = arguments.Values.GetValueOrDefault("keep") == "true";
var connection = arguments.Values.TryGetValue("database", out var existing)
    ? new NpgsqlConnectionStringBuilder(arguments.Postgres!) { Database = existing }.ConnectionString
    : ScratchDatabase.For(arguments.Postgres!, "services", Environment.ProcessId);
var work = Directory.CreateTempSubdirectory("gongzhi-services-");
// A start over a city's year may add an index or rebuild the day rows of the measures: minutes, not seconds. The deadline scan
// is off: over a generated year its first scans send notices for tens of thousands of overdue applications at once, which
// would be measured instead of the reads.
var server = new Server(arguments.App, "Postgres", connection, Path.Combine(work.FullName, "files"), Path.Combine(work.FullName, "server.log"),
    Password, "admin", new Dictionary<string, string> { ["Services:DeadlineScanSeconds"] = "0" }) { ReadyTimeout = TimeSpan.FromMinutes(30) };
var ok = false;
try
{
    var started = Stopwatch.StartNew();
    try
    {
        await server.StartAsync();
    }
    catch (StartFailedException e)
    {
        Console.Error.WriteLine($"{e.Message} The end of its log:");
        Console.Error.WriteLine(string.Join(Environment.NewLine, File.ReadLines(server.LogPath).TakeLast(40)));
        return 2;
    }
    Console.WriteLine($"server ready (migrated, demo seeded) after {started.Elapsed.TotalSeconds:F1} s");
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    if (await CityYearFill.ScalarAsync(db, "SELECT count(*) FROM service_applications") < applicationCount)
    {
        var filled = await CityYearFill.ApplicationsAsync(db, applicationCount);
        Console.WriteLine($"filled in {filled.TotalSeconds:F0} s");
    }
    // The fill writes around the platform, so its day rows of the measures are missing: a start finds that they do not add up
    // to the applications and rebuilds them, as it would after a restore.
    server.Kill();
    var restarted = Stopwatch.StartNew();
    await server.StartAsync();
    Console.WriteLine($"restarted in {restarted.Elapsed.TotalSeconds:F1} s (the day rows rebuilt when they did not add up)");
    Console.WriteLine($"day rows: {await CityYearFill.ScalarAsync(db, "SELECT count(*) FROM service_measure_days"):N0}");
    var total = await CityYearFill.ScalarAsync(db, "SELECT count(*) FROM service_applications");
    var size = await CityYearFill.ScalarAsync(db, "SELECT pg_total_relation_size('service_applications')");
    Console.WriteLine($"{total:N0} applications, table and indexes {size / 1024 / 1024:N0} MB");
    // The busiest item, and the one at the middle of the ranking by volume.
    var ranked = new List<(string Code, long Count)>();
    await using (var command = new NpgsqlCommand("""SELECT "ItemCode", count(*) FROM service_applications GROUP BY 1 ORDER BY 2 DESC""", db))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            ranked.Add((reader.GetString(0), reader.GetInt64(1)));
        }
    }
    var busiest = ranked[0];
    var middling = ranked[ranked.Count / 2];
    Console.WriteLine($"items: {ranked.Count}; busiest {busiest.Code} ({busiest.Count:N0} in the year), middling {middling.Code} ({middling.Count:N0})");

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 })
    {
        BaseAddress = server.BaseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };
    var admin = await SignInAsync(http, "admin");
    var staff = await SignInAsync(http, "street.420103001");
    var resident = await SignInAsync(http, "resident1");
    var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    var month = $"from={monthStart:yyyy-MM-dd}&to={monthStart.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
    var year = $"from={today.AddDays(-365):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
    const string street = "centre=420103001", district = "centre=420103", city = "centre=420100";
    (string Name, AuthenticationHeaderValue Who, string Path)[] reads =
    [
        ("centre's queue, API (street staff)", staff, "/api/v1/services/applications?scope=420103001"),
        ("centre's queue, overdue, API (street staff)", staff, "/api/v1/services/applications?scope=420103001&overdue=true"),
        ("centre's queue page `/services/centre` (street staff)", staff, "/services/centre"),
        ("applicant's history, API (resident)", resident, "/api/v1/services/applications"),
        ("applicant's history page `/services/mine` (resident)", resident, "/services/mine"),
        ("busiest item, street, month", admin, $"/api/v1/services/analytics?item={busiest.Code}&{street}&{month}"),
        ("busiest item, street, year", admin, $"/api/v1/services/analytics?item={busiest.Code}&{street}&{year}"),
        ("busiest item, district, month", admin, $"/api/v1/services/analytics?item={busiest.Code}&{district}&{month}"),
        ("busiest item, district, year", admin, $"/api/v1/services/analytics?item={busiest.Code}&{district}&{year}"),
        ("busiest item, city, month", admin, $"/api/v1/services/analytics?item={busiest.Code}&{city}&{month}"),
        ("busiest item, city, year", admin, $"/api/v1/services/analytics?item={busiest.Code}&{city}&{year}"),
        ("middling item, street, month", admin, $"/api/v1/services/analytics?item={middling.Code}&{street}&{month}"),
        ("middling item, street, year", admin, $"/api/v1/services/analytics?item={middling.Code}&{street}&{year}"),
        ("middling item, district, month", admin, $"/api/v1/services/analytics?item={middling.Code}&{district}&{month}"),
        ("middling item, district, year", admin, $"/api/v1/services/analytics?item={middling.Code}&{district}&{year}"),
        ("middling item, city, month", admin, $"/api/v1/services/analytics?item={middling.Code}&{city}&{month}"),
        ("middling item, city, year", admin, $"/api/v1/services/analytics?item={middling.Code}&{city}&{year}"),
        ("all items, street, month", admin, $"/api/v1/services/analytics?{street}&{month}"),
        ("all items per street, district, month", admin, $"/api/v1/services/analytics/breakdown?by=area&{district}&{month}"),
        ("backlog per street, district", admin, $"/api/v1/services/analytics/backlog?{district}"),
        ("backlog per district, city", admin, $"/api/v1/services/analytics/backlog?{city}"),
    ];
    var failed = false;
    Console.WriteLine();
    Console.WriteLine("| request | p50 ms | p95 ms | max ms |");
    Console.WriteLine("| --- | ---: | ---: | ---: |");
    foreach (var (name, who, path) in reads)
    {
        for (var i = 0; i < 5; i++)
        {
            await TimeAsync(http, who, path);
        }
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var (ms, status) = await TimeAsync(http, who, path);
            times.Add(ms);
            if (status is < 200 or >= 300)
            {
                failed = true;
                Console.Error.WriteLine($"{path}: {status}");
            }
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(times, 0.5):F1} | {Percentile(times, 0.95):F1} | {times[^1]:F1} |"));
    }
    Console.WriteLine();
    var sample = await GetJsonAsync(http, admin, $"/api/v1/services/analytics?item={busiest.Code}&{city}&{year}");
    Console.WriteLine($"busiest item, city, year: {sample}");

    // The plans of the grouped read as the server sends it (the statement from the server's log is not at hand, so the
    // same shape is written out here: item, area prefix, period, grouped by the two day counts).
    foreach (var (label, prefix, from) in new[] { ("city, year", "4201", today.AddDays(-365)), ("street, month", "420103001", monthStart) })
    {
        Console.WriteLine();
        Console.WriteLine($"plan, busiest item, {label}:");
        await using var explain = new NpgsqlCommand($"""
            EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
            SELECT "HandlingDays", "PromisedDays", "ItemVersion" >= 2147483647, count(*), sum(CASE WHEN "Immediate" THEN 1 ELSE 0 END),
                   sum(CASE WHEN "Channel" = 'Online' THEN 1 ELSE 0 END), sum("Visits"), sum(CASE WHEN "Rating" = 1 THEN 1 ELSE 0 END),
                   sum(CASE WHEN "FollowUpOnTime" THEN 1 ELSE 0 END), sum(CASE WHEN "State" = 'NotAccepted' THEN 1 ELSE 0 END)
            FROM service_applications
            WHERE "JurisdictionCode" LIKE '{prefix}%' AND "ItemCode" = '{busiest.Code}'
              AND "SubmittedAt" >= '{from:yyyy-MM-dd}' AND "SubmittedAt" < '{today.AddDays(1):yyyy-MM-dd}'
            GROUP BY 1, 2, 3
            """, db);
        await using var plan = await explain.ExecuteReaderAsync();
        while (await plan.ReadAsync())
        {
            Console.WriteLine("    " + plan.GetString(0));
        }
    }
    Console.WriteLine();
    Console.WriteLine($"server peak resident memory (VmHWM): {server.PeakMemory()}");
    ok = !failed;
    return ok ? 0 : 1;
}
finally
{
    server.Kill();
    if (ok && !keep)
    {
        await ScratchDatabase.DropAsync(connection);
        work.Delete(recursive: true);
    }
    else
    {
        Console.Error.WriteLine($"kept the database ({new NpgsqlConnectionStringBuilder(connection).Database}) and {work.FullName} for a look");
    }
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<AuthenticationHeaderValue> SignInAsync(HttpClient http, string userName)
{
    using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Password });
    response.EnsureSuccessStatusCode();
    var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    return new AuthenticationHeaderValue("Bearer", token);
}

static async Task<(double Ms, int Status)> TimeAsync(HttpClient http, AuthenticationHeaderValue who, string path)
{
    var clock = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = who;
    using var response = await http.SendAsync(request);
    await response.Content.ReadAsByteArrayAsync();
    return (clock.Elapsed.TotalMilliseconds, (int)response.StatusCode);
}

static async Task<string> GetJsonAsync(HttpClient http, AuthenticationHeaderValue who, string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = who;
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
}
