using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SkiaSharp;

// Crash safety: starts the real server process, drives case intake with photos from several accounts at once,
// kills the server with SIGKILL at a random moment, restarts it and checks that every case whose creation was
// acknowledged (2xx with an id) is there, with its photos (bytes identical) and its "created" audit entry.
//
//   dotnet tools/Gongzhi.CrashTest/bin/Release/net10.0/Gongzhi.CrashTest.dll \
//     --app src/Gongzhi/bin/Release/net10.0 --provider Sqlite|Postgres [--postgres "Host=...;Username=..."] [--rounds 5] [--seed 42]
//
// Exit code 0 when nothing was lost, 1 on any loss, 2 on a usage or start-up error.

if (args.Contains("--nodes"))
{
    // Several nodes behind nginx, one killed at a time under load (Cluster.cs).
    if (ClusterOptions.Parse(args) is not { } cluster)
    {
        Console.Error.WriteLine("usage: Gongzhi.CrashTest --nodes N --app DIR --postgres CONNECTION --redis HOST:PORT [--nginx PATH] [--seconds 60] "
            + "[--kills 1] [--workers 6] [--watchers 6] [--deadline-cases 20] [--seed N] [--replica CONNECTION --replica-stop COMMAND]");
        return 2;
    }
    return await ClusterRun.RunAsync(cluster);
}
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Gongzhi.CrashTest --app DIR --provider Sqlite|Postgres [--postgres CONNECTION] [--rounds N] [--workers N] [--seed N]");
    return 2;
}
var random = new Random(options.Seed);
var work = Directory.CreateTempSubdirectory("gongzhi-crash-");
var connection = options.Provider == "Sqlite"
    ? $"Data Source={Path.Combine(work.FullName, "gongzhi.db")}"
    // A fresh name per run keeps runs apart.
    : ScratchDatabase.For(options.Postgres!, "crash", options.Seed);
var server = new Server(options.App, options.Provider, connection, Path.Combine(work.FullName, "files"), Path.Combine(work.FullName, "server.log"),
    Accounts.Password, Accounts.Reporters[0]);
var acknowledged = new ConcurrentDictionary<Guid, Acknowledged>();
var losses = new List<string>();
var exit = 0;
Console.WriteLine($"Crash test on {options.Provider}: {options.Rounds} rounds, {options.Workers} workers, seed {options.Seed}, work folder {work.FullName}");
try
{
    await server.StartAsync();
    for (var round = 1; round <= options.Rounds; round++)
    {
        var before = acknowledged.Count;
        using var load = new CancellationTokenSource();
        var clients = new List<Intake>();
        for (var i = 0; i < options.Workers; i++)
        {
            clients.Add(await Intake.SignInAsync(server.BaseAddress, Accounts.Reporters[i % Accounts.Reporters.Length], random.Next()));
        }
        var workers = clients.Select(c => Task.Run(() => c.RunAsync(acknowledged, load.Token))).ToList();
        // Kill at a random moment once the load is under way (a first case acknowledged, the server warm):
        // mid-upload, mid-transaction or between requests.
        var warm = DateTime.UtcNow.AddMinutes(2);
        while (acknowledged.Count == before && DateTime.UtcNow < warm && workers.Any(w => !w.IsCompleted))
        {
            await Task.Delay(50);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 3_000)));
        server.Kill();
        await load.CancelAsync();
        await Task.WhenAll(workers);
        var attempted = clients.Sum(c => c.Attempted);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await server.StartAsync();
        var lost = await VerifyAsync(server.BaseAddress, acknowledged.Values);
        losses.AddRange(lost);
        Console.WriteLine($"round {round}: {attempted} submissions started, {acknowledged.Count - before} acknowledged, "
            + $"{acknowledged.Count} acknowledged in all, {lost.Count} lost");
    }
    Console.WriteLine($"{options.Provider}: {options.Rounds} rounds, {acknowledged.Count} acknowledged cases, {acknowledged.Values.Sum(a => a.Photos.Count)} photos, {losses.Count} losses");
    foreach (var loss in losses.Distinct().Take(20))
    {
        Console.WriteLine($"  LOST {loss}");
    }
    exit = losses.Count == 0 && !acknowledged.IsEmpty ? 0 : 1;
}
catch (Exception e) when (e is StartFailedException or HttpRequestException or TimeoutException)
{
    Console.Error.WriteLine($"{e.Message} (server log: {server.LogPath})");
    exit = 2;
}
finally
{
    server.Kill();
}
if (exit == 0)
{
    work.Delete(recursive: true);
    if (options.Provider != "Sqlite")
    {
        await ScratchDatabase.DropAsync(connection);
    }
}
return exit;

// Every acknowledged case, counted across all rounds so that a later crash cannot take back an earlier one.
static async Task<List<string>> VerifyAsync(Uri baseAddress, ICollection<Acknowledged> cases)
{
    var lost = new List<string>();
    using var admin = await Intake.SignInAsync(baseAddress, "admin", 0);
    var audited = await admin.CreatedCaseReferencesAsync();
    foreach (var c in cases)
    {
        var detail = await admin.Http.GetAsync($"/api/v1/cases/{c.Id}");
        if (detail.StatusCode != HttpStatusCode.OK)
        {
            lost.Add($"case {c.Reference} ({c.Id}): {(int)detail.StatusCode}");
            continue;
        }
        var body = await detail.Content.ReadFromJsonAsync<JsonElement>();
        var photoIds = body.GetProperty("photoIds").EnumerateArray().Select(p => p.GetGuid()).ToHashSet();
        foreach (var (photoId, sha256) in c.Photos)
        {
            if (!photoIds.Contains(photoId))
            {
                lost.Add($"case {c.Reference}: photo {photoId} no longer attached");
                continue;
            }
            var file = await admin.Http.GetAsync($"/api/v1/files/{photoId}/original");
            var bytes = file.IsSuccessStatusCode ? await file.Content.ReadAsByteArrayAsync() : [];
            if (Convert.ToHexString(SHA256.HashData(bytes)) != sha256)
            {
                lost.Add($"case {c.Reference}: photo {photoId} unreadable or changed ({(int)file.StatusCode}, {bytes.Length} bytes)");
            }
        }
        if (!audited.Contains(c.Reference))
        {
            lost.Add($"case {c.Reference}: no audit entry");
        }
    }
    return lost;
}

internal sealed record Acknowledged(Guid Id, string Reference, IReadOnlyList<(Guid Id, string Sha256)> Photos);

internal static class Accounts
{
    public const string Password = "Gongzhi-Demo-2026";

    /// <summary>Demo accounts that may report a case in 万年社区.</summary>
    public static readonly string[] Reporters = ["resident1", "resident2", "grid.420103001002001", "street.420103001", "community.420103001002"];

    /// <summary>Demo accounts that may watch 民族街街道 live.</summary>
    public static readonly string[] Watchers = ["street.420103001", "command.420103", "admin"];
}

internal sealed class Intake(HttpClient http, Random random) : IDisposable
{
    // A point inside 万年社区's first grid (民族街街道, 江汉区).
    private const double Lat = 30.5805;
    private const double Lon = 114.2705;

    public HttpClient Http { get; } = http;

    public int Attempted { get; private set; }

    public static async Task<Intake> SignInAsync(Uri baseAddress, string userName, int seed)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Accounts.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Intake(http, new Random(seed));
    }

    /// <summary>Reports cases with one or two photos each until cancelled or the server goes away.</summary>
    public async Task RunAsync(ConcurrentDictionary<Guid, Acknowledged> acknowledged, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Attempted++;
                var photos = new List<(Guid, string)>();
                for (var i = random.Next(1, 3); i > 0; i--)
                {
                    var image = Image(random);
                    using var form = new MultipartFormDataContent { { new ByteArrayContent(image), "file", "photo.jpg" } };
                    var upload = await Http.PostAsync("/api/v1/files/photos", form, cancellationToken);
                    upload.EnsureSuccessStatusCode();
                    var stored = await upload.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    photos.Add((stored.GetProperty("id").GetGuid(), Convert.ToHexString(SHA256.HashData(image))));
                }
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
                {
                    Content = JsonContent.Create(new
                    {
                        categoryCode = "0103",
                        title = "路面油污",
                        description = $"路口有一大片油污，行人容易滑倒。#{random.Next()}",
                        lat = Lat + (random.NextDouble() * 0.0002),
                        lon = Lon + (random.NextDouble() * 0.0002),
                        attributes = new { },
                        photoIds = photos.Select(p => p.Item1).ToArray(),
                    }),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                var response = await Http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    // Only an answer read in full with an id counts as acknowledged.
                    var id = created.GetProperty("id").GetGuid();
                    acknowledged[id] = new Acknowledged(id, created.GetProperty("reference").GetString()!, photos);
                }
                else if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"Intake refused a valid report: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException)
        {
            // The server was killed under this request: whatever it had not answered was never acknowledged.
        }
    }

    /// <summary>References of every case with a "created" entry in the audit log (the whole city, as the administrator).</summary>
    public async Task<HashSet<string>> CreatedCaseReferencesAsync()
    {
        var references = new HashSet<string>();
        long? before = null;
        do
        {
            var page = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=created&take=500{(before is { } b ? $"&before={b}" : "")}");
            foreach (var entry in page.GetProperty("items").EnumerateArray())
            {
                if (entry.GetProperty("subject").GetString() == "Case")
                {
                    references.Add(entry.GetProperty("subjectKey").GetString()!);
                }
            }
            before = page.GetProperty("nextBefore").ValueKind == JsonValueKind.Number ? page.GetProperty("nextBefore").GetInt64() : null;
        }
        while (before is not null);
        return references;
    }

    /// <summary>A small JPEG of random pixels: every upload is a different file (the store is content-addressed).</summary>
    private static byte[] Image(Random random)
    {
        using var bitmap = new SKBitmap(48, 32);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    public void Dispose() => Http.Dispose();
}

internal sealed record Options(string App, string Provider, string? Postgres, int Rounds, int Workers, int Seed)
{
    public static Options? Parse(string[] args)
    {
        if (ServerArguments.Parse(args) is not { Values: var values } server)
        {
            return null;
        }
        return new Options(server.App, server.Provider, server.Postgres,
            values.TryGetValue("rounds", out var r) ? int.Parse(r) : 3,
            values.TryGetValue("workers", out var w) ? int.Parse(w) : 5,
            values.TryGetValue("seed", out var s) ? int.Parse(s) : Environment.TickCount & 0xFFFF);
    }
}
