using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Jobs;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Webhooks;

/// <summary>
/// Sends the outbox: the due deliveries whose case has no earlier delivery to the same subscriber still waiting (a
/// case's events arrive in order), each claimed by one node for a lease (several nodes share the table), posted signed,
/// then marked delivered, or retried later with exponential backoff, or failed once its 24 hours are over.
/// </summary>
internal sealed class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory http, PersonalDataProtector protector,
    IOptions<WebhookOptions> options, TimeProvider clock, JobSignal<WebhookSender> signal, ILogger<WebhookSender> log) : IStoredJobs
{
    public const string ClientName = "webhooks";
    public const string SignatureHeader = "X-Gongzhi-Signature";
    public const string DeliveryHeader = "X-Gongzhi-Delivery";
    public const string EventHeader = "X-Gongzhi-Event";

    private const int Batch = 50;

    /// <summary>Longer than any attempt (its timeout), so that a live node never loses its claim while it sends.</summary>
    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 3 + 30);

    public async Task<List<Guid>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        var now = clock.GetUtcNow();
        var pending = db.Set<WebhookDelivery>().Where(d => d.State == DeliveryState.Pending);
        return await pending
            .Where(d => d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .Where(d => !pending.Any(e => e.SubscriptionId == d.SubscriptionId && e.CaseId == d.CaseId && e.Sequence < d.Sequence))
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
    }

    public async Task<bool> TryClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var until = now + Lease;
        // One conditional update: of two nodes, only one changes the row.
        return await SystemDb(scope).Set<WebhookDelivery>()
            .Where(d => d.Id == id && d.State == DeliveryState.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, until), cancellationToken) == 1;
    }

    public async Task RunClaimedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = SystemDb(scope);
        var delivery = await db.Set<WebhookDelivery>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var subscription = delivery is null ? null
            : await db.Set<WebhookSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (delivery is null || subscription is null || delivery.State != DeliveryState.Pending)
        {
            return;
        }
        var (status, error) = await PostAsync(subscription, delivery, cancellationToken);
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        delivery.LastStatus = status;
        delivery.LeaseUntil = null;
        if (error is null)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = now;
            delivery.LastError = null;
        }
        else
        {
            delivery.LastError = error.Length > WebhookDelivery.MaxErrorLength ? error[..WebhookDelivery.MaxErrorLength] : error;
            var next = now + WebhookRetries.After(delivery.Attempts, options.Value);
            if (next > delivery.GiveUpAt)
            {
                delivery.State = DeliveryState.Failed;
            }
            else
            {
                delivery.NextAttemptAt = next;
            }
            log.LogWarning("Webhook delivery {Delivery} to subscription {Subscription} failed (attempt {Attempt}): {Error}",
                delivery.Id, subscription.Id, delivery.Attempts, delivery.LastError);
        }
        // Saved even when the host is stopping: what was sent must be recorded as sent.
        await db.SaveChangesAsync(CancellationToken.None);
        if (delivery.State != DeliveryState.Pending)
        {
            // The case's next delivery may be waiting for this one.
            signal.Wake();
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookSubscription subscription, WebhookDelivery delivery,
        CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(protector.Unprotect(subscription.SecretProtected), body));
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
        request.Headers.Add(EventHeader, delivery.Event);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null) : (status, $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {Stopwatch.GetElapsedTime(started).TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message);
        }
    }

    /// <summary><c>sha256=</c> and the HMAC-SHA256 of the raw body under the subscription's secret, in lower-case hex.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static GongzhiDbContext SystemDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        return db;
    }
}

/// <summary>Posts the outbox in the background on every node; the claims keep two nodes from sending the same delivery.</summary>
internal sealed class WebhookWorker(WebhookSender sender, JobSignal<WebhookSender> signal, IOptions<WebhookOptions> options,
    ILogger<WebhookWorker> log) : JobWorker<WebhookSender>(sender, signal, log)
{
    protected override TimeSpan Poll => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.PollSeconds <= 0 ? Task.CompletedTask : base.ExecuteAsync(stoppingToken);
}
