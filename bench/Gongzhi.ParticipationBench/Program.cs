using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

// Participation at a district's size (issue 16). Starts the built server on a fresh PostgreSQL database (it migrates and
// seeds the demo), writes --proposals proposals over the communities of 江汉区 and --supports supports with SQL, then:
//  1. times the community's and the district's proposal list (hot, newest, most supported), a search (a word in one proposal
//     of eight, a rare one, as API and page), the suggestions while a title is typed and a proposal (API and page) after a
//     warm-up, as a resident, community staff and the district, and prints p50/p95/max per request as a markdown table;
//  2. makes --voters verified residents of one community, signs each in over HTTP (not timed), opens one ballot as the
//     community's staff, casts every vote at once from --clients clients (timed) and checks that none is lost and none
//     counted twice: accepted votes = participation rows = vote rows = distinct voters = the published tally
//     (--voters 0 leaves the ballot out).
//
//   dotnet bench/Gongzhi.ParticipationBench/bin/Release/net10.0/Gongzhi.ParticipationBench.dll --app src/Gongzhi/bin/Release/net10.0 \
//     --postgres "Host=127.0.0.1;Port=55432;Username=postgres" [--proposals 100000] [--supports 1000000] [--voters 10000 (0: no ballot)] \
//     [--clients 32] [--samples 100] [--keep true]
//
// Exit code 0 when every read answered 2xx and the ballot's counts agree, 1 otherwise, 2 on a usage or start-up error.

var arguments = ServerArguments.Parse(args);
if (arguments is null || arguments.Provider != "Postgres")
{
    Console.Error.WriteLine("usage: Gongzhi.ParticipationBench --app DIR --provider Postgres --postgres CLUSTER [--proposals N] [--supports N] [--voters N] [--clients N] [--samples N] [--keep true]");
    return 2;
}
int Number(string name, int fallback) =>
    arguments.Values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var proposalCount = Number("proposals", 100_000);
var supportCount = Number("supports", 1_000_000);
var voterCount = Number("voters", 10_000);
var clients = Number("clients", 32);
var samples = Number("samples", 100);
var keep = arguments.Values.GetValueOrDefault("keep") == "true";
var connection = ScratchDatabase.For(arguments.Postgres!, "participation", Environment.ProcessId);
var work = Directory.CreateTempSubdirectory("gongzhi-participation-");
var server = new Server(arguments.App, "Postgres", connection, Path.Combine(work.FullName, "files"), Path.Combine(work.FullName, "server.log"),
    BallotRun.Password, "admin");
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
    var filled = await DistrictFill.ProposalsAsync(db, proposalCount, supportCount);
    var proposals = await DistrictFill.ScalarAsync(db, "SELECT count(*) FROM participation_proposals");
    var supports = await DistrictFill.ScalarAsync(db, "SELECT count(*) FROM participation_proposal_supports");
    var wrongCounters = await DistrictFill.InconsistentCountersAsync(db);
    Console.WriteLine($"filled {proposals:N0} proposals and {supports:N0} supports in {filled.TotalSeconds:F0} s; proposals whose counters differ from their rows: {wrongCounters}");

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(clients, 8) })
    {
        BaseAddress = server.BaseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };
    var resident = await BallotRun.SignInAsync(http, "resident1");
    var staff = await BallotRun.SignInAsync(http, "community.420103001002");
    var district = await BallotRun.SignInAsync(http, "command.420103");
    // A proposal of resident1's community with many supports: the page a resident opens from the top of the list.
    var top = await GetJsonAsync(http, resident, "/api/v1/participation/proposals?scope=420103001002&sort=mostSupported&take=1");
    var proposalId = top[0].GetProperty("id").GetString()!;
    var community = "scope=420103001002";
    // 噪音 is in the title of one proposal in eight (DistrictFill's words); a proposal's number is in a handful.
    var common = "q=" + Uri.EscapeDataString("噪音");
    var rare = "q=" + Uri.EscapeDataString("4242号");
    (string Name, AuthenticationHeaderValue Who, string Path)[] reads =
    [
        ("community list, hot (resident)", resident, $"/api/v1/participation/proposals?{community}&sort=hot"),
        ("community list, newest (resident)", resident, $"/api/v1/participation/proposals?{community}&sort=newest"),
        ("community list, most supported (resident)", resident, $"/api/v1/participation/proposals?{community}&sort=mostSupported"),
        ("community list, hot (community staff)", staff, $"/api/v1/participation/proposals?{community}&sort=hot"),
        ("community list, newest (community staff)", staff, $"/api/v1/participation/proposals?{community}&sort=newest"),
        ("community list, most supported (community staff)", staff, $"/api/v1/participation/proposals?{community}&sort=mostSupported"),
        ("district list, hot (district command centre)", district, "/api/v1/participation/proposals?scope=420103&sort=hot"),
        ("district list, newest (district command centre)", district, "/api/v1/participation/proposals?scope=420103&sort=newest"),
        ("district list, most supported (district command centre)", district, "/api/v1/participation/proposals?scope=420103&sort=mostSupported"),
        ("search 噪音, community (resident)", resident, $"/api/v1/participation/proposals?{common}"),
        ("search 噪音, community, newest (community staff)", staff, $"/api/v1/participation/proposals?{community}&{common}&sort=newest"),
        ("search 噪音, district, hot (district command centre)", district, $"/api/v1/participation/proposals?scope=420103&{common}"),
        ("search 4242号, district (district command centre)", district, $"/api/v1/participation/proposals?scope=420103&{rare}"),
        ("similar while typing 加装电梯 (resident)", resident,
            $"/api/v1/participation/proposals/similar?communityCode=420103001002&title={Uri.EscapeDataString("加装电梯")}"),
        ("proposal (API, resident)", resident, $"/api/v1/participation/proposals/{proposalId}"),
        ("proposal's comments (API, resident)", resident, $"/api/v1/participation/proposals/{proposalId}/comments"),
        ("proposal page (resident)", resident, $"/participation/proposals/{proposalId}"),
        ("proposal page (community staff)", staff, $"/participation/proposals/{proposalId}"),
        ("proposal list page, hot (resident)", resident, "/participation/proposals"),
        ("proposal list page, most supported (resident)", resident, "/participation/proposals?sort=mostSupported"),
        ("proposal list page, search 噪音 (resident)", resident, $"/participation/proposals?{common}"),
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

    var ballotOk = voterCount == 0 || await BallotRun.RunAsync(db, http, staff, voterCount, clients);
    Console.WriteLine();
    Console.WriteLine($"server peak resident memory (VmHWM): {server.PeakMemory()}");
    ok = !failed && ballotOk && wrongCounters == 0;
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

static async Task<(double Ms, int Status)> TimeAsync(HttpClient http, AuthenticationHeaderValue who, string path)
{
    var clock = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = who;
    using var response = await http.SendAsync(request);
    await response.Content.ReadAsByteArrayAsync();
    return (clock.Elapsed.TotalMilliseconds, (int)response.StatusCode);
}

static async Task<JsonElement> GetJsonAsync(HttpClient http, AuthenticationHeaderValue who, string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = who;
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode
        ? JsonDocument.Parse(text).RootElement.Clone()
        : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
}
