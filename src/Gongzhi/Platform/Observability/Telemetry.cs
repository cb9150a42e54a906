using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using IPNetwork = System.Net.IPNetwork;

namespace Gongzhi.Platform.Observability;

/// <summary>
/// OpenTelemetry: traces and metrics of requests, outgoing HTTP and PostgreSQL, and the platform's own meter
/// (<see cref="GongzhiMetrics"/>). They leave the process only where the operator says: to an OTLP collector when
/// <c>OpenTelemetry:OtlpEndpoint</c> (or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set, and on a Prometheus
/// scrape endpoint (<c>/metrics</c>) when <c>Metrics:Enabled</c> is true, answered only to the addresses and networks
/// in <c>Metrics:AllowedNetworks</c> (loopback when unset); everyone else gets 404, as if it did not exist.
/// </summary>
internal static class Telemetry
{
    public const string ScrapePath = "/metrics";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var scrape = configuration.GetValue("Metrics:Enabled", false);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OpenTelemetry:ServiceName"] ?? "gongzhi"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GongzhiMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (scrape)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(ScrapePath))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
            });
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            var endpoint = Uri.TryCreate(otlp, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"OpenTelemetry:OtlpEndpoint: '{otlp}' is not an absolute address (http://collector:4317).");
            telemetry.WithMetrics(m => m.AddOtlpExporter(o => o.Endpoint = endpoint))
                .WithTracing(t => t.AddOtlpExporter(o => o.Endpoint = endpoint));
        }
        builder.Services.AddSingleton(new ScrapeAccess(scrape, ReadNetworks(configuration)));
    }

    /// <summary>Serves <c>/metrics</c> to the allowed networks; for anyone else the request goes on and finds nothing (404).</summary>
    public static void UseMetricsScrape(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<ScrapeAccess>();
        if (access.Enabled)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == ScrapePath && access.Allows(context.Connection.RemoteIpAddress));
            // Anyone else finds nothing there (not the sign-in page a page path would send them to).
            app.Use((context, next) =>
            {
                if (context.Request.Path == ScrapePath)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                return next(context);
            });
        }
    }

    internal static IReadOnlyList<IPNetwork> ReadNetworks(IConfiguration configuration)
    {
        var entries = configuration.GetSection("Metrics:AllowedNetworks").GetChildren().Select(c => c.Value?.Trim()).ToList();
        if (entries.Count == 0)
        {
            return [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
        }
        return entries.Select((entry, index) =>
            entry is not null && IPNetwork.TryParse(entry.Contains('/', StringComparison.Ordinal) ? entry : Single(entry), out var network)
                ? network
                : throw new InvalidOperationException($"Metrics:AllowedNetworks:{index}: '{entry}' is neither an address nor a network (10.0.0.0/8).")).ToList();
    }

    private static string Single(string address) =>
        IPAddress.TryParse(address, out var parsed) ? $"{parsed}/{(parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}" : address;

    internal sealed record ScrapeAccess(bool Enabled, IReadOnlyList<IPNetwork> Networks)
    {
        public bool Allows(IPAddress? address)
        {
            if (address is null)
            {
                return false;
            }
            var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return Networks.Any(n => n.Contains(plain));
        }
    }
}
