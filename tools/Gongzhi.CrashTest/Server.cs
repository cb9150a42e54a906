using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

// Shared by the tools that drive the real server process over HTTP (this crash test and bench/Gongzhi.LoadTest).

internal sealed class StartFailedException(string message) : Exception(message);

/// <summary>The published server, run as a child process on a free loopback port.</summary>
/// <remarks>
/// Runs in demo mode with <paramref name="demoPassword"/>; ready once <paramref name="probeUser"/> can sign in and the grid
/// index locates a point. <paramref name="settings"/> are further configuration keys (<c>Section:Key</c>) for the server.
/// </remarks>
internal sealed class Server(string appDirectory, string provider, string connection, string filesDirectory, string logPath,
    string demoPassword, string probeUser, IReadOnlyDictionary<string, string>? settings = null)
{
    private Process? process;
    private StreamWriter? log;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string LogPath => logPath;

    /// <summary>The assembly to run in the app folder: the product, or the benchmarks' host (Gongzhi.BenchHost.dll) beside it.</summary>
    public string Entry { get; init; } = "Gongzhi.dll";

    /// <summary>Listen on this port at every start (a node behind a proxy that names it); a free one each time when null.</summary>
    public int? Port { get; init; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>How long a start may take: longer where it migrates or rebuilds over millions of rows.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public async Task StartAsync()
    {
        var port = Port ?? FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(appDirectory, Entry)])
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = provider;
        start.Environment["ConnectionStrings__Gongzhi"] = connection;
        start.Environment["Gongzhi__Demo"] = "true";
        // Only the tool's own cases: generated demo cases would compete for the machine while it measures.
        start.Environment["Cases__DemoCount"] = "0";
        start.Environment["GONGZHI_DEMO_PASSWORD"] = demoPassword;
        start.Environment["Files__Directory"] = filesDirectory;
        // The load comes from a handful of accounts on one address; the limits are tested elsewhere.
        start.Environment["Access__LoginPermitsPerMinute"] = "100000";
        start.Environment["Files__UploadsPerMinute"] = "100000";
        start.Environment["Cases__IntakePerMinute"] = "100000";
        start.Environment["Cases__AnonymousIntakePerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        log ??= new StreamWriter(logPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"--- start on port {port} at {DateTime.UtcNow:O}");
        process = Process.Start(start) ?? throw new StartFailedException("The server did not start.");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    /// <summary>The server's peak resident memory so far, as Linux reports it (VmHWM); empty elsewhere.</summary>
    public string PeakMemory()
    {
        var status = process is null ? null : $"/proc/{process.Id}/status";
        return status is not null && File.Exists(status)
            ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?[6..].Trim() ?? ""
            : "";
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as if the machine's power went.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process?.Dispose();
        process = null;
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (this)
            {
                log?.WriteLine(line);
            }
        }
    }

    /// <summary>Ready when the probe account can sign in and the grid index locates the intake point (it is built in the background).</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < until)
        {
            if (process is null || process.HasExited)
            {
                throw new StartFailedException("The server exited during start-up.");
            }
            try
            {
                if (http.DefaultRequestHeaders.Authorization is null)
                {
                    var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = probeUser, password = demoPassword });
                    if (login.IsSuccessStatusCode)
                    {
                        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }
                }
                var located = await http.GetAsync("/api/v1/jurisdictions/locate?lat=30.5805&lon=114.2705");
                if (located.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The server was not ready within 5 minutes.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}


/// <summary>
/// The <c>--name value</c> arguments of a tool that starts the server: the app folder (with Gongzhi.dll), the provider and, for
/// PostgreSQL, a connection string without a database. Null when one of them is missing or wrong.
/// </summary>
internal sealed record ServerArguments(string App, string Provider, string? Postgres, Dictionary<string, string> Values)
{
    public static ServerArguments? Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        if (!values.TryGetValue("app", out var app) || !File.Exists(Path.Combine(app, "Gongzhi.dll"))
            || !values.TryGetValue("provider", out var provider) || provider is not ("Sqlite" or "Postgres"))
        {
            return null;
        }
        values.TryGetValue("postgres", out var postgres);
        return provider == "Postgres" && string.IsNullOrWhiteSpace(postgres)
            ? null
            : new ServerArguments(Path.GetFullPath(app), provider, postgres?.TrimEnd(';'), values);
    }
}
