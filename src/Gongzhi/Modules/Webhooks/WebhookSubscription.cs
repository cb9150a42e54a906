using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Webhooks;

/// <summary>
/// A system outside Gongzhi that wants to hear of case events for one organisation: where to post them, which
/// events, and the secret the deliveries are signed with (kept encrypted). It belongs to the organisation's node, so
/// only administrators covering that node see and change it.
/// </summary>
internal sealed class WebhookSubscription : IJurisdictional, IVersioned, IAudited
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The organisation's node.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string Url { get; private set; } = "";

    public IReadOnlyList<string> Events { get; private set; } = [];

    /// <summary>The signing secret, encrypted by the platform's protector; never shown again once given.</summary>
    public string SecretProtected { get; private set; } = "";

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CreatedBy { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static WebhookSubscription Create(Guid organisationId, string jurisdictionCode, string url, IReadOnlyList<string> events,
        string secretProtected, string? createdBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganisationId = organisationId,
        JurisdictionCode = jurisdictionCode,
        Url = url,
        Events = events,
        SecretProtected = secretProtected,
        Active = true,
        CreatedAt = now,
        CreatedBy = createdBy,
    };

    public bool Wants(string eventName) => Active && Events.Contains(eventName);

    /// <summary>Stops new deliveries; those already written are still sent (they were due before the subscription ended).</summary>
    public void Disable(DateTimeOffset now)
    {
        if (!Active)
        {
            throw new RuleViolationException(WebhooksText.Get("Subscription.AlreadyDisabled"));
        }
        Active = false;
        DisabledAt = now;
    }
}
