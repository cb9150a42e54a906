using Gongzhi.Platform.Data;
using Gongzhi.Platform.Observability;
using Microsoft.AspNetCore.SignalR;

namespace Gongzhi.Modules.Notifications;

/// <summary>
/// Tells people about a change. The notifications are added to the caller's unit of work and saved
/// with it; only once that save has committed — or the transaction around it — are they pushed live
/// and handed to the outbound channel.
/// </summary>
public sealed class Notifier
{
    private readonly GongzhiDbContext db;
    private readonly TimeProvider clock;
    private readonly IHubContext<LiveHub> hub;
    private readonly IOutboundChannel outbound;
    private readonly ILogger<Notifier> logger;
    private readonly List<(Notification Notification, bool Outbound)> pending = [];

    public Notifier(GongzhiDbContext db, TimeProvider clock, IHubContext<LiveHub> hub, IOutboundChannel outbound, ILogger<Notifier> logger)
    {
        this.db = db;
        this.clock = clock;
        this.hub = hub;
        this.outbound = outbound;
        this.logger = logger;
        // Inside an explicit transaction a save is not yet a fact: deliver once it commits, forget it on a rollback.
        db.SavedChanges += (_, _) =>
        {
            if (db.Database.CurrentTransaction is null)
            {
                _ = DeliverAsync();
            }
        };
        db.TransactionEnded += (_, committed) =>
        {
            if (committed)
            {
                _ = DeliverAsync();
            }
            else
            {
                pending.Clear();
            }
        };
    }

    /// <param name="outboundToo">Also send by SMS/e-mail (time-critical matters: deadlines, supervision).</param>
    public void Notify(IEnumerable<string> recipientUserIds, string kind, string title, string? body = null, string? link = null, bool outboundToo = false)
    {
        var now = clock.GetUtcNow();
        foreach (var recipient in recipientUserIds.Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal))
        {
            var notification = Notification.Create(recipient, kind, title, body, link, now);
            db.Add(notification);
            pending.Add((notification, outboundToo));
        }
    }

    private async Task DeliverAsync()
    {
        var batch = pending.ToList();
        pending.Clear();
        var delivered = 0;
        try
        {
            foreach (var (n, sendOutbound) in batch)
            {
                await hub.Clients.User(n.RecipientUserId).SendAsync("notification", new { n.Id, n.Kind, n.Title, n.Link, n.CreatedAt });
                GongzhiMetrics.Delivery("live", succeeded: true);
                if (sendOutbound)
                {
                    try
                    {
                        await outbound.SendAsync(n.RecipientUserId, n.Title, n.Body, CancellationToken.None);
                        GongzhiMetrics.Delivery("outbound", succeeded: true);
                    }
                    catch (OutboundDeliveryException)
                    {
                        // The gateway logged why; one text it refused must not keep the others of the batch from going out.
                        GongzhiMetrics.Delivery("outbound", succeeded: false);
                    }
                }
                delivered++;
            }
        }
        catch (Exception e)
        {
            GongzhiMetrics.Delivery("live", succeeded: false, batch.Count - delivered);
            // The notifications are stored; a failed push only means the reader sees them on the next page load.
            logger.LogWarning(e, "Live delivery of {Count} notifications failed", batch.Count);
        }
    }
}
