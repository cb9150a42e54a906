using Gongzhi.Components;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Queue;

/// <summary>
/// Every write on a centre's queue, called with a <see cref="Caller"/>: arranging the item groups, taking a ticket
/// (idempotent by key, numbered by one atomic counter), calling the next ticket to a window and finishing it as served
/// or not come. A clerk acts on their own street's centre only: another street's is not found.
/// </summary>
public sealed class QueueService(
    GongzhiDbContext db,
    RecordActions actions,
    IJurisdictionBrowser jurisdictions,
    WorkingCalendar calendar,
    IdempotentRequests idempotency,
    TimeProvider clock)
{
    public const string IdempotencyScope = "service-tickets";

    private const int CallAttempts = 10;

    private static readonly QueueRules Rules = QueueRules.Instance;

    public DateOnly Today => ServiceDays.Today(calendar, clock.GetUtcNow());

    /// <summary>Adds an item group to the centre; a letter the centre uses already is a 409.</summary>
    public async Task<QueueGroup> ArrangeGroupAsync(Caller caller, string centre, QueueGroupRequest request, CancellationToken cancellationToken)
    {
        await EnsureCentreAsync(caller, centre, cancellationToken);
        if (!QueueRules.MayWork(caller, centre))
        {
            throw new ActionForbiddenException();
        }
        var group = QueueGroup.Create(centre, request.Prefix, request.Name, request.ItemCodes);
        await EnsureItemsAsync(group.ItemCodes, cancellationToken);
        await SaveAsAsync(caller, () => db.Add(group), db => db.SaveOnceAsync(ServicesText.Get("Queue.PrefixTaken"), cancellationToken));
        return group;
    }

    /// <summary>Renames a group of the centre or changes its items; its letter stays.</summary>
    public async Task<QueueGroup> ReviseGroupAsync(Caller caller, string centre, string prefix, QueueGroupRequest request,
        CancellationToken cancellationToken)
    {
        await EnsureCentreAsync(caller, centre, cancellationToken);
        var letter = prefix.Trim().ToUpperInvariant();
        return await actions.RunAsync<QueueGroup>(caller, g => g.JurisdictionCode == centre && g.Prefix == letter, QueueActions.Arrange, null, Rules,
            async g =>
            {
                g.Revise(request.Name, request.ItemCodes);
                await EnsureItemsAsync(g.ItemCodes, cancellationToken);
            }, cancellationToken);
    }

    /// <summary>
    /// A ticket for the group at the centre: a resident's own, or one the door clerk hands to a walk-in. A retry with the
    /// same key answers with the first ticket (<c>Created</c> false).
    /// </summary>
    public async Task<(QueueTicket Ticket, bool Created)> TakeAsync(Caller caller, string centre, TakeTicketRequest request, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated)
        {
            throw new ActionForbiddenException();
        }
        await EnsureCentreAsync(caller, centre, cancellationToken, publicCentre: true);
        var key = IdempotentRequests.Normalize(idempotencyKey);
        if (key is { Length: > IdempotentRequests.MaxKeyLength })
        {
            throw FieldValidationException.Field("Idempotency-Key", ServicesText.Format("Field.TooLong", IdempotentRequests.MaxKeyLength));
        }
        var staff = QueueRules.MayWork(caller, centre);
        if (!staff && !caller.IsInRole(Roles.Resident))
        {
            throw new ActionForbiddenException();
        }
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(new { centre, request.Group });
        var group = await GroupAsync(centre, request.Group, cancellationToken)
            ?? throw FieldValidationException.Field("group", ServicesText.Get("Queue.UnknownGroup"));
        if (key is not null && await FindByKeyAsync(caller, key, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }
        // One place in a line per person: a second ticket would hold a place no one comes for, and push the others back.
        if (!staff && await WaitingLabelAsync(caller.UserId, group.Id, cancellationToken) is { } waiting)
        {
            throw new RuleViolationException(ServicesText.Format("Queue.AlreadyWaiting", waiting));
        }
        try
        {
            var ticket = await IssueAsync(caller, group, staff ? null : caller.UserId, priority: false, appointmentId: null, key, fingerprint,
                cancellationToken);
            return (ticket, true);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another take of the same person raced this one and won (this take's number is left unused): a retry with the
            // key is answered with that ticket; a second take without one meets the index of one waiting place per person.
            db.ChangeTracker.Clear();
            if (key is not null && await FindByKeyAsync(caller, key, fingerprint, cancellationToken) is { } winner)
            {
                return (winner, false);
            }
            if (!staff && await WaitingLabelAsync(caller.UserId, group.Id, cancellationToken) is { } holding)
            {
                throw new RuleViolationException(ServicesText.Format("Queue.AlreadyWaiting", holding));
            }
            throw;
        }
    }

    /// <summary>
    /// Numbers and saves a ticket of the group. The save is the caller's; a resident taking a ticket at a centre outside
    /// their own scope saves for that centre (the rules judged them as they are).
    /// </summary>
    internal async Task<QueueTicket> IssueAsync(Caller caller, QueueGroup group, string? holder, bool priority, Guid? appointmentId, string? key,
        string fingerprint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var day = ServiceDays.Today(calendar, now);
        var number = await NextNumberAsync(group.JurisdictionCode, group.Prefix, day, cancellationToken);
        var ticket = QueueTicket.Take(group, day, number, priority, appointmentId, holder, caller.UserId, key, now);
        if (!Rules.Allows(caller, QueueActions.Take, ticket))
        {
            throw new ActionForbiddenException();
        }
        if (key is not null)
        {
            idempotency.Remember(caller, IdempotencyScope, key, fingerprint);
        }
        return await actions.CreateAsync(ActingOn(caller, group.JurisdictionCode), ticket, QueueActions.Take, Rules, cancellationToken);
    }

    /// <summary>
    /// Calls the next waiting ticket of the window's groups (priority first, then in the order taken) to the window; null
    /// when nobody waits. Two clerks calling at once never get the same ticket: the loser's save is stale and takes the next.
    /// </summary>
    public async Task<QueueTicket?> CallNextAsync(Caller caller, string centre, int window, CallRequest request, CancellationToken cancellationToken)
    {
        await EnsureCentreAsync(caller, centre, cancellationToken);
        if (!QueueRules.MayWork(caller, centre))
        {
            throw new ActionForbiddenException();
        }
        if (window is < 1 or > QueueTicket.MaxWindow)
        {
            throw FieldValidationException.Field("window", ServicesText.Format("Field.Between", 1, QueueTicket.MaxWindow));
        }
        var prefixes = (request.Groups ?? []).Select(g => g.Trim().ToUpperInvariant()).Where(g => g.Length > 0).Distinct().ToList();
        var today = Today;
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            var tickets = db.Set<QueueTicket>().Where(t => t.JurisdictionCode == centre && t.Day == today);
            if (await tickets.AnyAsync(t => t.Window == window && t.State == TicketState.Called, cancellationToken))
            {
                throw new RuleViolationException(ServicesText.Get("Ticket.WindowBusy"));
            }
            for (var attempt = 0; attempt < CallAttempts; attempt++)
            {
                var waiting = tickets.Where(t => t.State == TicketState.Waiting);
                if (prefixes.Count > 0)
                {
                    // By the line it waits in, not by the letter on the slip: a ticket transferred here keeps its own letter.
                    waiting = waiting.Where(t => prefixes.Contains(t.Line));
                }
                var next = await waiting.OrderByDescending(t => t.Priority).ThenBy(t => t.QueuedAt).ThenBy(t => t.Number).FirstOrDefaultAsync(cancellationToken);
                if (next is null)
                {
                    return null;
                }
                next.Call(window, caller.UserName, clock.GetUtcNow());
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return next;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another window called it first: take the next one.
                    db.ChangeTracker.Clear();
                }
            }
            throw new RuleViolationException(ServicesText.Get("Ticket.Busy"));
        }
        finally
        {
            db.Caller = previous;
        }
    }

    public Task<QueueTicket> ServeAsync(Caller caller, Guid id, TicketActionRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<QueueTicket>(caller, t => t.Id == id, QueueActions.Serve, request.Version, Rules, t =>
        {
            t.Serve(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<QueueTicket> NoShowAsync(Caller caller, Guid id, TicketActionRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<QueueTicket>(caller, t => t.Id == id, QueueActions.NoShow, request.Version, Rules, t =>
        {
            t.MarkNoShow(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Announces the window's called ticket again (重呼).</summary>
    public Task<QueueTicket> RecallAsync(Caller caller, Guid id, TicketActionRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<QueueTicket>(caller, t => t.Id == id, QueueActions.Call, request.Version, Rules, t =>
        {
            t.Recall(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Sends the called ticket to another group of its centre (转组), where it waits in the place its taking time gives it.</summary>
    public Task<QueueTicket> TransferAsync(Caller caller, Guid id, TransferRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<QueueTicket>(caller, t => t.Id == id, QueueActions.Call, request.Version, Rules, async t =>
        {
            var target = await GroupAsync(t.JurisdictionCode, request.Group, cancellationToken)
                ?? throw FieldValidationException.Field("group", ServicesText.Get("Queue.UnknownGroup"));
            if (t.HolderUserId is not null && await WaitingLabelAsync(t.HolderUserId, target.Id, cancellationToken) is { } waiting)
            {
                throw new RuleViolationException(ServicesText.Format("Queue.AlreadyWaiting", waiting));
            }
            t.TransferTo(target, clock.GetUtcNow());
        }, cancellationToken);

    /// <summary>A resident who missed the call is back (过号重排): the ticket waits again, at the end of its group's line.</summary>
    public Task<QueueTicket> RequeueAsync(Caller caller, Guid id, TicketActionRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<QueueTicket>(caller, t => t.Id == id, QueueActions.Call, request.Version, Rules, async t =>
        {
            if (t.HolderUserId is not null && await WaitingLabelAsync(t.HolderUserId, t.GroupId, cancellationToken) is { } waiting)
            {
                throw new RuleViolationException(ServicesText.Format("Queue.AlreadyWaiting", waiting));
            }
            t.Requeue(Today, clock.GetUtcNow());
        }, cancellationToken);

    /// <summary>The label of the ticket the person waits with in the group today, if any.</summary>
    private Task<string?> WaitingLabelAsync(string? holder, Guid groupId, CancellationToken cancellationToken)
    {
        var today = Today;
        // The person's tickets at any centre: the holder is the rule here, not the caller's scope.
        return db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.HolderUserId == holder && t.GroupId == groupId && t.Day == today && t.State == TicketState.Waiting)
            .Select(t => t.Label).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task EnsureItemsAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return;
        }
        var known = await db.Set<ServiceItem>().AsNoTracking().Where(i => codes.Contains(i.Code)).Select(i => i.Code).ToListAsync(cancellationToken);
        var unknown = codes.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw FieldValidationException.Field("itemCodes", ServicesText.Format("Groups.UnknownItems", string.Join("、", unknown)));
        }
    }

    /// <summary>The group by its letter at the centre, whoever asks: a centre's groups are public, anyone may queue anywhere.</summary>
    internal Task<QueueGroup?> GroupAsync(string centre, string? prefix, CancellationToken cancellationToken)
    {
        var letter = prefix?.Trim().ToUpperInvariant() ?? "";
        // Read past the caller's scope on purpose: a resident of another street queues here too.
        return db.Set<QueueGroup>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(g => g.JurisdictionCode == centre && g.Prefix == letter, cancellationToken);
    }

    /// <summary>
    /// A street that exists. A clerk's or administrator's centre must also be in their scope (404 otherwise, as if it
    /// were not there); a <paramref name="publicCentre"/> is one anyone may queue at.
    /// </summary>
    internal async Task EnsureCentreAsync(Caller caller, string centre, CancellationToken cancellationToken, bool publicCentre = false)
    {
        if (!JurisdictionCode.IsWellFormed(centre) || JurisdictionCode.LevelOf(centre) != JurisdictionLevel.Street
            || (!publicCentre && !caller.Covers(centre)) || await jurisdictions.GetAsync(centre, cancellationToken) is null)
        {
            throw new RecordNotFoundException();
        }
    }

    /// <summary>
    /// The next number of the centre's group for the day, in one statement on both engines (an upsert returning the new
    /// value): the row's lock orders concurrent takes, so no two get the same number.
    /// </summary>
    private async Task<int> NextNumberAsync(string centre, string prefix, DateOnly day, CancellationToken cancellationToken)
    {
        var key = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO service_queue_counters ("JurisdictionCode", "Prefix", "Day", "Last") VALUES ({centre}, {prefix}, {key}, 1)
            ON CONFLICT ("JurisdictionCode", "Prefix", "Day") DO UPDATE SET "Last" = service_queue_counters."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(cancellationToken);
        return numbers.Single();
    }

    private async Task<QueueTicket?> FindByKeyAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        // A retry is answered whatever the centre: the key belongs to the account that took the ticket.
        var found = await db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(t => t.TakenByUserId == me && t.IdempotencyKey == key, cancellationToken);
        if (found is not null)
        {
            await idempotency.EnsureSameRequestAsync(caller, IdempotencyScope, key, fingerprint, cancellationToken);
        }
        return found;
    }

    private async Task SaveAsAsync(Caller caller, Action add, Func<GongzhiDbContext, Task> save)
    {
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            add();
            await save(db);
        }
        finally
        {
            db.Caller = previous;
        }
    }

    internal static Caller ActingOn(Caller caller, string code) =>
        caller.IsSystem || caller.Covers(code) ? caller : caller with { ScopeCode = code };
}
