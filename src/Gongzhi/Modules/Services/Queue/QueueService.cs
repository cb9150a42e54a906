using Gongzhi.Components;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
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
        await SaveAsAsync(caller, () => db.Add(group), db => db.SaveOnceAsync(ServicesText.Get("Queue.PrefixTaken"), cancellationToken));
        return group;
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
        if (!staff)
        {
            // One place in a line per person: a second ticket would hold a place no one comes for, and push the others back.
            var me = caller.UserId;
            var today = Today;
            var waiting = await db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.HolderUserId == me && t.GroupId == group.Id && t.Day == today && t.State == TicketState.Waiting)
                .Select(t => t.Label).FirstOrDefaultAsync(cancellationToken);
            if (waiting is not null)
            {
                throw new RuleViolationException(ServicesText.Format("Queue.AlreadyWaiting", waiting));
            }
        }
        try
        {
            var ticket = await IssueAsync(caller, group, staff ? null : caller.UserId, priority: false, appointmentId: null, key, fingerprint,
                cancellationToken);
            return (ticket, true);
        }
        catch (DbUpdateException e) when (key is not null && e.IsUniqueViolation())
        {
            // A retry raced this one and won: answer with its ticket (this take's number is left unused).
            db.ChangeTracker.Clear();
            return (await FindByKeyAsync(caller, key, fingerprint, cancellationToken)
                ?? throw new InvalidOperationException("The idempotency key collided with a ticket that cannot be found."), false);
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
                    waiting = waiting.Where(t => prefixes.Contains(t.Prefix));
                }
                var next = await waiting.OrderByDescending(t => t.Priority).ThenBy(t => t.TakenAt).ThenBy(t => t.Number).FirstOrDefaultAsync(cancellationToken);
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
