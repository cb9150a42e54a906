using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Webhooks;

internal enum DeliveryState
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>
/// One event to post to one subscription: the outbox row, written in the transaction of the case's own change, with its
/// body fixed then (so a retry or a replay sends the same bytes under the same signature) and its attempts so far.
/// </summary>
internal sealed class WebhookDelivery : IJurisdictional
{
    public const int MaxErrorLength = 500;

    /// <summary>The receiver de-duplicates by this id: a delivery may arrive twice (a node died after sending).</summary>
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary>The subscription's node, so that deliveries are read under the same scope.</summary>
    public string JurisdictionCode { get; set; } = "";

    public Guid CaseId { get; set; }

    /// <summary>The number of the case's timeline line: a case's deliveries go out in this order.</summary>
    public long Sequence { get; set; }

    public string Event { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Retries stop here and the delivery is marked failed: 24 hours after it was written (or replayed).</summary>
    public DateTimeOffset GiveUpAt { get; set; }

    /// <summary>Held by the node sending it until then; another node takes it over once the lease has run out.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatus { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Sends it again from now on, with a fresh 24 hours of retries (a failed delivery, or one the receiver lost).</summary>
    public void Replay(DateTimeOffset now)
    {
        if (State == DeliveryState.Pending)
        {
            throw new RuleViolationException(WebhooksText.Get("Delivery.AlreadyPending"));
        }
        State = DeliveryState.Pending;
        NextAttemptAt = now;
        GiveUpAt = now + WebhookRetries.Window;
        LeaseUntil = null;
        DeliveredAt = null;
    }
}
