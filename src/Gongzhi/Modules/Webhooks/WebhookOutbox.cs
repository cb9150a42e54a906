using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Jobs;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Webhooks;

/// <summary>
/// Writes one delivery per subscriber of each case event, in the transaction that writes the event: an event the case
/// kept is never without its deliveries, and a save rolled back leaves none. The body is made here, once.
/// </summary>
internal sealed class WebhookOutbox(TimeProvider clock, JobSignal<WebhookSender> signal) : ICaseEventListener
{
    internal static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<Action?> OnCaseEventsAsync(GongzhiDbContext db, IReadOnlyList<CaseEventNotice> events, CancellationToken cancellationToken)
    {
        var heard = events.Select(e => (Notice: e, Event: WebhookEvents.Of(e.Action))).Where(e => e.Event is not null).ToList();
        if (heard.Count == 0)
        {
            return null;
        }
        var organisations = heard.SelectMany(e => e.Notice.ConcernedOrganisationIds).Distinct().ToList();
        if (organisations.Count == 0)
        {
            return null;
        }
        var previous = db.Caller;
        // The subscriptions of a department sit at its node, which the acting street or grid worker need not cover; the
        // rows are the system's own bookkeeping, written as the system.
        db.Caller = Caller.System;
        try
        {
            var subscriptions = await db.Set<WebhookSubscription>().AsNoTracking()
                .Where(s => s.Active && organisations.Contains(s.OrganisationId)).ToListAsync(cancellationToken);
            if (subscriptions.Count == 0)
            {
                return null;
            }
            var now = clock.GetUtcNow();
            var rows = new List<WebhookDelivery>();
            foreach (var (notice, name) in heard)
            {
                foreach (var subscription in subscriptions.Where(s => s.Wants(name!) && notice.ConcernedOrganisationIds.Contains(s.OrganisationId)))
                {
                    var id = Guid.CreateVersion7(now);
                    rows.Add(new WebhookDelivery
                    {
                        Id = id,
                        SubscriptionId = subscription.Id,
                        JurisdictionCode = subscription.JurisdictionCode,
                        CaseId = notice.CaseId,
                        Sequence = notice.Sequence,
                        Event = name!,
                        Body = Body(id, name!, subscription.OrganisationId, notice),
                        CreatedAt = now,
                        State = DeliveryState.Pending,
                        NextAttemptAt = now,
                        GiveUpAt = now + WebhookRetries.Window,
                    });
                }
            }
            if (rows.Count == 0)
            {
                return null;
            }
            await db.BulkInsertAsync(rows, cancellationToken);
            return signal.Wake;
        }
        finally
        {
            db.Caller = previous;
        }
    }

    /// <summary>
    /// What the receiver gets: the event and the case as a department's system needs it to find the case again, no
    /// personal data (no reporter, no free text, which may name people): the system reads more through the API.
    /// </summary>
    private static string Body(Guid id, string name, Guid organisationId, CaseEventNotice e) => JsonSerializer.Serialize(new
    {
        id,
        @event = name,
        occurredAt = e.At,
        organisationId,
        @case = new
        {
            id = e.CaseId,
            reference = e.Reference,
            sequence = e.Sequence,
            version = e.Version,
            state = e.ToState,
            previousState = e.FromState,
            categoryCode = e.CategoryCode,
            urgency = e.Urgency,
            jurisdictionCode = e.JurisdictionCode,
            leadOrganisationId = e.LeadOrganisationId,
            assistingOrganisationIds = e.AssistingOrganisationIds,
            actorOrganisationId = e.ActorOrganisationId,
            deadline = e.Deadline,
        },
    }, BodyJson);
}
