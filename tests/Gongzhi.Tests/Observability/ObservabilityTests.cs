using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Gongzhi.Tests.Observability;

/// <summary>
/// An instance with the Prometheus scrape endpoint on: the platform's own counters grow where the work happens, the
/// endpoint answers only the operator's networks (404 for everyone else), and every log line of a request carries its trace.
/// </summary>
public sealed partial class ObservabilityTests : IAsyncLifetime
{
    /// <summary>The test server has no client address: this header stands in for the connection's (the app never reads it).</summary>
    private const string ConnectionHeader = "X-Test-Connection";

    private readonly LogCapture logs = new();
    private GongzhiApp app = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app = new GongzhiApp
        {
            TestServices = services =>
            {
                services.AddSingleton<IStartupFilter>(new FromConnectionHeader());
                services.AddSingleton<ILoggerProvider>(logs);
                // Every scrape reads the counters afresh, so a test sees its own intake at once.
                services.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            },
        };
        app.Settings["Metrics:Enabled"] = "true";
        app.Settings["Metrics:AllowedNetworks:0"] = "10.9.0.0/16";
        app.Settings["Metrics:AllowedNetworks:1"] = "127.0.0.1";
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Scrape_ShowsCasesTakenIn_GrowingAfterAnIntake()
    {
        using var resident = await app.ClientForAsync("resident1");
        await CaseApiKit.SubmitAsync(app, resident);
        var before = TakenIn(await ScrapeAsync("127.0.0.1"));

        await CaseApiKit.SubmitAsync(app, resident);
        var after = TakenIn(await ScrapeAsync("10.9.8.7"));

        Assert.True(before >= 1, $"before: {before}");
        Assert.True(after >= before + 1, $"before {before}, after {after}");
    }

    [Fact]
    public async Task Scrape_CountsSignInFailures()
    {
        using var anonymous = app.Anonymous();
        await anonymous.PostAsync("/api/v1/auth/login",
            new StringContent("""{"username":"nobody.metrics","password":"wrong-password-1"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Contains("gongzhi_sign_in_failures_total", await ScrapeAsync("127.0.0.1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.5")]
    [InlineData("10.10.0.1")]
    [InlineData("::1")]
    [InlineData(null)]
    public async Task Scrape_FromOutsideTheAllowedNetworks_Is404(string? address)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (address is not null)
        {
            request.Headers.Add(ConnectionHeader, address);
        }
        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("gongzhi_", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogLineOfARequest_CarriesItsTraceId()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/healthz?trace-test=1", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = logs.Lines.FirstOrDefault(l => l.Message.Contains("trace-test=1", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.True(line.Scope.TryGetValue("TraceId", out var traceId), string.Join(", ", line.Scope.Keys));
        Assert.Matches("^[0-9a-f]{32}$", traceId?.ToString() ?? "");
        Assert.NotEqual(new string('0', 32), traceId?.ToString());
    }

    private async Task<string> ScrapeAsync(string address)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(ConnectionHeader, address);
        using var response = await client.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>The web channel's count (other instances in this process report too, so only growth is compared).</summary>
    private static double TakenIn(string scrape)
    {
        var counts = TakenInLine().Matches(scrape).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return counts.Count == 0 ? 0 : counts.Sum();
    }

    [GeneratedRegex(@"^gongzhi_cases_taken_in_total\{[^}]*channel=""Web""[^}]*\} ([0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex TakenInLine();

    private sealed class FromConnectionHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ConnectionHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return following(context);
            });
            next(app);
        };
    }

    internal sealed record LogLine(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    /// <summary>Keeps every line with the scopes it was written in, as a structured log sink sees them.</summary>
    private sealed class LogCapture : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? scopes;

        public ConcurrentQueue<LogLine> Lines { get; } = new();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                capture.scopes?.ForEachScope((value, into) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, item) in pairs)
                        {
                            into[key] = item;
                        }
                    }
                }, scope);
                capture.Lines.Enqueue(new LogLine(category, formatter(state, exception), scope));
            }
        }
    }
}
