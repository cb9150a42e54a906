using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Read paths at scale: starts the built server (the product) on a database that already holds many cases (made with
// `generate cases --count N` of the benchmarks' host, bench/Gongzhi.BenchHost), and times each request below sequentially, after a warm-up, reporting p50,
// p95 and the largest time as a markdown table, with the server's peak memory (VmHWM) at the end.
//
//   dotnet bench/Gongzhi.ScaleTest/bin/Release/net10.0/Gongzhi.ScaleTest.dll --app src/Gongzhi/bin/Release/net10.0 \
//     --provider Postgres --connection "Host=...;Username=...;Database=..." [--samples 100] [--month 2026-10]
//
// Exit code 0 when every request answered 2xx, 1 otherwise, 2 on a usage or start-up error.

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var app = Arg("--app");
var provider = Arg("--provider") ?? "Postgres";
var connection = Arg("--connection");
var samples = int.Parse(Arg("--samples") ?? "100", CultureInfo.InvariantCulture);
var month = DateOnly.ParseExact((Arg("--month") ?? "2026-10") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
if (app is null || connection is null)
{
    Console.Error.WriteLine("usage: Gongzhi.ScaleTest --app DIR --provider Sqlite|Postgres --connection CONNECTION [--samples N] [--month yyyy-MM]");
    return 2;
}
const string Password = "Gongzhi-Demo-2026";
var work = Directory.CreateTempSubdirectory("gongzhi-scale-");
var server = new Server(app, provider, connection, Path.Combine(work.FullName, "files"), Path.Combine(work.FullName, "server.log"), Password, "admin");
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
    Console.WriteLine($"server ready after {started.Elapsed.TotalSeconds:F1} s");
    using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    var admin = await SignInAsync("admin");
    var district = await SignInAsync("command.420103");
    var street = await SignInAsync("street.420103001");
    var year = new DateOnly(month.Year, 1, 1);
    var period = $"from={month:yyyy-MM-dd}&to={month.AddMonths(1):yyyy-MM-dd}";
    var yearPeriod = $"from={year:yyyy-MM-dd}&to={year.AddYears(1):yyyy-MM-dd}";
    // A reference that exists, so the lookup finds one case.
    using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases?scope=420103&sort=created&take=1"))
    {
        request.Headers.Authorization = admin;
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
    var newest = await GetJsonAsync(admin, "/api/v1/cases?scope=420103&sort=created&take=1");
    var reference = newest.GetProperty("items")[0].GetProperty("reference").GetString()!;

    // A search read beyond its open cases: pages of 200 until one ends among the cases without a deadline, so that
    // the next page holds closed cases only.
    var districtNoise = "/api/v1/cases?scope=420103&q=" + Uri.EscapeDataString("噪音");
    var pastOpenCases = await CursorPastOpenCasesAsync(district, districtNoise);

    (string Name, AuthenticationHeaderValue Who, string Path)[] reads =
    [
        ("street queue: open cases, soonest deadline first (street dispatcher)", street, "/api/v1/cases?scope=420103001&state=registered&state=dispatched&state=accepted&state=resolved"),
        ("district queue: overdue cases (district command centre)", district, "/api/v1/cases?scope=420103&overdue=true"),
        ("city queue: newest cases (administrator)", admin, "/api/v1/cases?sort=created"),
        ("case by reference", admin, $"/api/v1/cases?q={reference}"),
        ("search 噪音 in a district", district, districtNoise),
        ("search 噪音 in a district, past its open cases", district, $"{districtNoise}&cursor={pastOpenCases}"),
        ("search 噪音 in a district, newest first", district, districtNoise + "&sort=created"),
        // A word in one case of 250 of the district: the windows leave the page short, and the pair index finds the rest.
        ("search 违建 in a district, newest first", district, "/api/v1/cases?sort=created&q=" + Uri.EscapeDataString("违建")),
        ("search 噪音 in the largest district, newest first", admin, "/api/v1/cases?scope=420116&sort=created&q=" + Uri.EscapeDataString("噪音")),
        ("search 违建 in the largest district, newest first", admin, "/api/v1/cases?scope=420116&sort=created&q=" + Uri.EscapeDataString("违建")),
        ("search 违建 in the city, newest first", admin, "/api/v1/cases?sort=created&q=" + Uri.EscapeDataString("违建")),
        ("search 噪音 in a street (street dispatcher)", street, "/api/v1/cases?q=" + Uri.EscapeDataString("噪音")),
        ("search 噪音 in a street, newest first (street dispatcher)", street, "/api/v1/cases?sort=created&q=" + Uri.EscapeDataString("噪音")),
        ("search 噪音 in the city, soonest deadline first", admin, "/api/v1/cases?q=" + Uri.EscapeDataString("噪音")),
        ("search 噪音 in the city, newest first", admin, "/api/v1/cases?sort=created&q=" + Uri.EscapeDataString("噪音")),
        ("search 井盖 in the city, open cases", admin, "/api/v1/cases?state=registered&state=dispatched&state=accepted&q=" + Uri.EscapeDataString("井盖")),
        ("indicators: street, month", admin, $"/api/v1/indicators?scope=420103001&{period}"),
        ("indicators: district, month", admin, $"/api/v1/indicators?scope=420103&{period}"),
        ("indicators: city, month", admin, $"/api/v1/indicators?scope=420100&{period}"),
        ("indicators: street, year", admin, $"/api/v1/indicators?scope=420103001&{yearPeriod}"),
        ("indicators: district, year", admin, $"/api/v1/indicators?scope=420103&{yearPeriod}"),
        ("indicators: city, year", admin, $"/api/v1/indicators?scope=420100&{yearPeriod}"),
        ("map data: open and overdue per district (city)", admin, "/api/v1/indicators/map?scope=420100"),
        ("map data: per grid (community)", admin, "/api/v1/indicators/map?scope=420103001002"),
    ];
    var failed = false;
    Console.WriteLine();
    Console.WriteLine("| read | items | p50 ms | p95 ms | max ms |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
    foreach (var (name, who, path) in reads)
    {
        var items = "";
        for (var i = 0; i < 5; i++)
        {
            var body = await GetJsonAsync(who, path);
            items = body.TryGetProperty("items", out var list) ? list.GetArrayLength().ToString(CultureInfo.InvariantCulture) : "";
        }
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = who;
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            failed |= !response.IsSuccessStatusCode;
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {items} | {Percentile(times, 0.5):F1} | {Percentile(times, 0.95):F1} | {times[^1]:F1} |"));
    }
    Console.WriteLine();
    Console.WriteLine($"server peak resident memory (VmHWM): {server.PeakMemory()}");
    return failed ? 1 : 0;

    async Task<AuthenticationHeaderValue> SignInAsync(string userName)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        return new AuthenticationHeaderValue("Bearer", token);
    }

    async Task<string> CursorPastOpenCasesAsync(AuthenticationHeaderValue who, string path)
    {
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var body = await GetJsonAsync(who, $"{path}&take=200" + (cursor is null ? "" : $"&cursor={cursor}"));
            var items = body.GetProperty("items");
            cursor = body.GetProperty("nextCursor").GetString() ?? throw new InvalidOperationException($"{path}: no case without a deadline");
            if (items.GetArrayLength() > 0 && items[items.GetArrayLength() - 1].GetProperty("deadline").ValueKind == JsonValueKind.Null)
            {
                return cursor;
            }
        }
        throw new InvalidOperationException($"{path}: more than 20,000 open matches");
    }

    async Task<JsonElement> GetJsonAsync(AuthenticationHeaderValue who, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = who;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
finally
{
    server.Kill();
    work.Delete(recursive: true);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
