using System.Net.Sockets;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Webhooks;

public sealed record CreateWebhookRequest(Guid? OrganisationId, string? Url, IReadOnlyList<string>? Events, string? Secret);

public sealed record WebhookView(Guid Id, Guid OrganisationId, string JurisdictionCode, string Url, IReadOnlyList<string> Events, bool Active,
    DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, long Version);

public sealed record DeliveryView(Guid Id, Guid SubscriptionId, Guid CaseId, long Sequence, string Event, string State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError,
    DateTimeOffset? DeliveredAt);

/// <summary>Who sees and changes subscriptions and their deliveries: administrators whose scope covers the organisation's node.</summary>
internal sealed class WebhookRules : IActionRules<WebhookSubscription>, IActionRules<WebhookDelivery>
{
    public static readonly WebhookRules Instance = new();

    public bool CanSee(Caller caller, WebhookSubscription record) => caller.Administers(record.JurisdictionCode);

    public bool Allows(Caller caller, string action, WebhookSubscription record) => caller.Administers(record.JurisdictionCode);

    public bool CanSee(Caller caller, WebhookDelivery record) => caller.Administers(record.JurisdictionCode);

    public bool Allows(Caller caller, string action, WebhookDelivery record) => caller.Administers(record.JurisdictionCode);
}

/// <summary>Subscriptions to case events and their deliveries, as the API and the admin page call them with a <see cref="Caller"/>.</summary>
internal sealed class WebhookSubscriptions(GongzhiDbContext db, RecordActions actions, IOrganisationDirectory organisations,
    PersonalDataProtector protector, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const int MaxDeliveries = 200;

    public async Task<WebhookView> CreateAsync(Caller caller, CreateWebhookRequest request, CancellationToken cancellationToken)
    {
        var organisation = request.OrganisationId is { } id ? await organisations.FindAsync(id, cancellationToken) : null;
        if (organisation is null)
        {
            throw FieldValidationException.Field("organisationId", WebhooksText.Get("Subscription.UnknownOrganisation"));
        }
        if (!caller.Administers(organisation.JurisdictionCode))
        {
            throw new ActionForbiddenException(WebhooksText.Get("Subscription.OutsideScope"));
        }
        var events = (request.Events ?? []).Select(e => e?.Trim() ?? "").Distinct().ToList();
        if (events.Count == 0 || events.Any(e => !WebhookEvents.All.Contains(e)))
        {
            throw FieldValidationException.Field("events", WebhooksText.Format("Subscription.Events", string.Join(", ", WebhookEvents.All)));
        }
        var secret = request.Secret ?? "";
        if (secret.Length is < WebhookSubscription.MinSecretLength or > WebhookSubscription.MaxSecretLength)
        {
            throw FieldValidationException.Field("secret",
                WebhooksText.Format("Subscription.Secret", WebhookSubscription.MinSecretLength, WebhookSubscription.MaxSecretLength));
        }
        var url = await CheckUrlAsync(request.Url, cancellationToken);
        var subscription = WebhookSubscription.Create(organisation.Id, organisation.JurisdictionCode, url, events, protector.Protect(secret),
            caller.UserName, clock.GetUtcNow());
        return View(await actions.CreateAsync(caller, subscription, "create", WebhookRules.Instance, cancellationToken));
    }

    public async Task<List<WebhookView>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var rows = await Read<WebhookSubscription>(caller).OrderByDescending(s => s.CreatedAt).Take(MaxDeliveries).ToListAsync(cancellationToken);
        return rows.Where(s => WebhookRules.Instance.CanSee(caller, s)).Select(View).ToList();
    }

    public async Task<WebhookView> DisableAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        View(await actions.RunAsync(caller, (WebhookSubscription s) => s.Id == id, "disable", null, WebhookRules.Instance, s =>
        {
            s.Disable(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken));

    /// <summary>The latest deliveries the caller may see, of one subscription or of all, newest first.</summary>
    public async Task<List<DeliveryView>> DeliveriesAsync(Caller caller, Guid? subscriptionId, int? take, CancellationToken cancellationToken)
    {
        if (subscriptionId is { } sid && !await Read<WebhookSubscription>(caller).AnyAsync(s => s.Id == sid, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        var query = Read<WebhookDelivery>(caller);
        if (subscriptionId is { } only)
        {
            query = query.Where(d => d.SubscriptionId == only);
        }
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Sequence)
            .Take(Math.Clamp(take ?? 50, 1, MaxDeliveries)).ToListAsync(cancellationToken);
        return rows.Where(d => WebhookRules.Instance.CanSee(caller, d)).Select(View).ToList();
    }

    public async Task<DeliveryView> ReplayAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        View(await actions.RunAsync(caller, (WebhookDelivery d) => d.Id == id, "replay", null, WebhookRules.Instance, d =>
        {
            d.Replay(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken));

    /// <summary>An absolute https address (http too with private networks allowed) whose host resolves to public addresses only.</summary>
    private async Task<string> CheckUrlAsync(string? value, CancellationToken cancellationToken)
    {
        var allowPrivate = options.Value.AllowPrivateNetworks;
        var text = value?.Trim() ?? "";
        if (text.Length > WebhookSubscription.MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (allowPrivate && uri.Scheme == Uri.UriSchemeHttp))
            || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw FieldValidationException.Field("url", WebhooksText.Get(allowPrivate ? "Url.Form" : "Url.Https"));
        }
        if (allowPrivate)
        {
            return uri.AbsoluteUri;
        }
        System.Net.IPAddress[] addresses;
        try
        {
            addresses = await SubscriberAddresses.ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        if (addresses.Length == 0)
        {
            throw FieldValidationException.Field("url", WebhooksText.Format("Url.Unresolved", uri.Host));
        }
        if (addresses.FirstOrDefault(SubscriberAddresses.IsPrivate) is { } inner)
        {
            throw FieldValidationException.Field("url", WebhooksText.Format("Url.Private", uri.Host, inner));
        }
        return uri.AbsoluteUri;
    }

    private IQueryable<T> Read<T>(Caller caller)
        where T : class
    {
        db.Caller = caller;
        return db.Set<T>().AsNoTracking();
    }

    private static WebhookView View(WebhookSubscription s) =>
        new(s.Id, s.OrganisationId, s.JurisdictionCode, s.Url, s.Events, s.Active, s.CreatedAt, s.DisabledAt, s.Version);

    private static DeliveryView View(WebhookDelivery d) =>
        new(d.Id, d.SubscriptionId, d.CaseId, d.Sequence, d.Event, d.State.ToString(), d.Attempts, d.CreatedAt, d.NextAttemptAt, d.LastAttemptAt,
            d.LastStatus, d.LastError, d.DeliveredAt);
}
