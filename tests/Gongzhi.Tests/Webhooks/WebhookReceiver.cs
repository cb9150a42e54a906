using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gongzhi.Tests.Webhooks;

/// <summary>One post a receiver accepted: the raw body as it came, the headers the receiver checks, and what the body says.</summary>
internal sealed record ReceivedPost(string Path, Guid DeliveryId, string Event, string Signature, byte[] Body, Guid CaseId, long Sequence);

/// <summary>
/// A department's system standing in for the real one: Kestrel on a loopback port, recording every post it accepts. A path
/// can be "down" (answers 503) for a while; the whole receiver can be started late to be unreachable meanwhile.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? app;

    public WebhookReceiver() => Port = FreePort();

    public int Port { get; }

    public ConcurrentQueue<ReceivedPost> Accepted { get; } = new();

    /// <summary>Paths that answer 503 for now.</summary>
    public ConcurrentDictionary<string, bool> Down { get; } = new();

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/{path}", async (string path, HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            if (Down.ContainsKey(path))
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            var body = buffer.ToArray();
            using var json = JsonDocument.Parse(body);
            var @case = json.RootElement.GetProperty("case");
            Accepted.Enqueue(new ReceivedPost(path, Guid.Parse(context.Request.Headers["X-Gongzhi-Delivery"].ToString()),
                context.Request.Headers["X-Gongzhi-Event"].ToString(), context.Request.Headers["X-Gongzhi-Signature"].ToString(), body,
                @case.GetProperty("id").GetGuid(), @case.GetProperty("sequence").GetInt64()));
            return Results.Ok();
        });
        await app.StartAsync();
    }

    public List<ReceivedPost> For(string path, Guid caseId) => Accepted.Where(p => p.Path == path && p.CaseId == caseId).ToList();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
