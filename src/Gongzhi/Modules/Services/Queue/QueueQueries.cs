using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Queue;

/// <summary>
/// Reads of a centre's queue: its groups and the hall display (public: letters, numbers and windows, nobody's name), the
/// day's tickets for its clerks, and a ticket for its holder or the centre.
/// </summary>
public sealed class QueueQueries(GongzhiDbContext db, QueueService queue, WorkingCalendar calendar, TimeProvider clock)
{
    private DateOnly Today => ServiceDays.Today(calendar, clock.GetUtcNow());

    public async Task<IReadOnlyList<QueueGroupResponse>> GroupsAsync(string centre, CancellationToken cancellationToken)
    {
        await queue.EnsureCentreAsync(Caller.System, centre, cancellationToken);
        var today = Today;
        // Public reads past the caller's scope: the groups and how many wait are what the hall shows anyone.
        var groups = await db.Set<QueueGroup>().IgnoreQueryFilters().AsNoTracking().Where(g => g.JurisdictionCode == centre)
            .OrderBy(g => g.Prefix).ToListAsync(cancellationToken);
        var waiting = await WaitingByGroupAsync(centre, today, cancellationToken);
        return groups.Select(g => QueueGroupResponse.From(g, waiting.GetValueOrDefault(g.Prefix))).ToList();
    }

    public async Task<HallDisplay> DisplayAsync(string centre, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(centre, cancellationToken);
        var today = Today;
        // Public, as above: only labels, windows and times leave this query.
        var called = await db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.JurisdictionCode == centre && t.Day == today && t.CalledAt != null)
            .Select(t => new { t.Window, t.Label, t.State, CalledAt = t.CalledAt!.Value, t.AnnouncedAt, t.Recalls, t.WaitSeconds })
            .ToListAsync(cancellationToken);
        // A ticket sent to another line has left its window (no window, waiting again): the window shows its latest call.
        var windows = called.Where(t => t.Window is not null).GroupBy(t => t.Window!.Value)
            .Select(w => w.OrderByDescending(t => t.CalledAt).First())
            .Select(t => new WindowNow(t.Window!.Value, t.Label, t.State, t.CalledAt, t.AnnouncedAt ?? t.CalledAt, t.Recalls))
            .OrderBy(w => w.Window).ToList();
        int? average = called.Count == 0 ? null : (int)Math.Round(called.Average(t => t.WaitSeconds ?? 0));
        return new HallDisplay(centre, today, windows, groups.Select(g => new GroupWaiting(g.Prefix, g.Name, g.Waiting)).ToList(),
            groups.Sum(g => g.Waiting), average);
    }

    /// <summary>The centre's groups for its staff to arrange: 404 outside their scope, 403 for anyone but its staff.</summary>
    public async Task<IReadOnlyList<QueueGroupResponse>> ArrangementAsync(Caller caller, string centre, CancellationToken cancellationToken)
    {
        await EnsureStaffAsync(caller, centre, cancellationToken);
        return await GroupsAsync(centre, cancellationToken);
    }

    /// <summary>The centre's tickets of the day for its clerks, waiting and called first.</summary>
    public async Task<IReadOnlyList<TicketResponse>> TicketsAsync(Caller caller, string centre, CancellationToken cancellationToken)
    {
        await EnsureStaffAsync(caller, centre, cancellationToken);
        var today = Today;
        db.Caller = caller;
        var tickets = await db.Set<QueueTicket>().AsNoTracking().Where(t => t.JurisdictionCode == centre && t.Day == today)
            .OrderBy(t => t.TakenAt).ToListAsync(cancellationToken);
        return tickets.OrderBy(t => t.State switch { TicketState.Called => 0, TicketState.Waiting => 1, _ => 2 }).ThenByDescending(t => t.Priority)
            .Select(t => TicketResponse.From(t, false)).ToList();
    }

    /// <summary>A ticket for its holder or the centre's staff (null otherwise), with how many wait before it.</summary>
    public async Task<TicketResponse?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        // The holder's own ticket lies at a centre that may be outside their scope; the rules below decide who sees it.
        var ticket = await db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null || !QueueRules.Instance.CanSee(caller, ticket))
        {
            return null;
        }
        int? ahead = null;
        if (ticket.State == TicketState.Waiting)
        {
            // The tickets ahead belong to other people; only their count leaves the database.
            ahead = await db.Set<QueueTicket>().IgnoreQueryFilters().CountAsync(t => t.JurisdictionCode == ticket.JurisdictionCode && t.Day == ticket.Day
                && t.Line == ticket.Line && t.State == TicketState.Waiting
                && ((t.Priority && !ticket.Priority)
                    || (t.Priority == ticket.Priority && (t.QueuedAt < ticket.QueuedAt || (t.QueuedAt == ticket.QueuedAt && t.Number < ticket.Number)))),
                cancellationToken);
        }
        return TicketResponse.From(ticket, me is not null && ticket.HolderUserId == me, ahead);
    }

    /// <summary>The caller's own tickets of today, wherever they queued.</summary>
    public async Task<IReadOnlyList<TicketResponse>> MineAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } me)
        {
            return [];
        }
        var today = Today;
        // Own tickets at any centre: the holder is the rule, not the scope.
        var tickets = await db.Set<QueueTicket>().IgnoreQueryFilters().AsNoTracking().Where(t => t.HolderUserId == me && t.Day == today)
            .OrderByDescending(t => t.TakenAt).ToListAsync(cancellationToken);
        return tickets.Select(t => TicketResponse.From(t, true)).ToList();
    }

    private async Task EnsureStaffAsync(Caller caller, string centre, CancellationToken cancellationToken)
    {
        await queue.EnsureCentreAsync(caller, centre, cancellationToken);
        if (!QueueRules.MayWork(caller, centre))
        {
            throw new ActionForbiddenException();
        }
    }

    private async Task<Dictionary<string, int>> WaitingByGroupAsync(string centre, DateOnly day, CancellationToken cancellationToken) =>
        // Counts only, for the public display.
        await db.Set<QueueTicket>().IgnoreQueryFilters().Where(t => t.JurisdictionCode == centre && t.Day == day && t.State == TicketState.Waiting)
            .GroupBy(t => t.Line).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
