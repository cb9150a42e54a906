using Gongzhi.Modules.Services.Queue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Appointments;

/// <summary>
/// Appointments (预约), called with a <see cref="Caller"/>: the centre opens slots of a group with a capacity; a resident
/// books and cancels; on arrival the clerk checks the booking in, which issues a priority ticket of the slot's group. A slot's
/// count moves only by conditional updates in the booking's own transaction, so no slot is booked beyond its capacity.
/// </summary>
public sealed class AppointmentService(GongzhiDbContext db, RecordActions actions, QueueService queue, TimeProvider clock)
{
    private static readonly AppointmentRules Rules = AppointmentRules.Instance;

    public async Task<AppointmentSlot> OpenSlotAsync(Caller caller, string centre, SlotRequest request, CancellationToken cancellationToken)
    {
        await queue.EnsureCentreAsync(caller, centre, cancellationToken);
        if (!QueueRules.MayWork(caller, centre))
        {
            throw new ActionForbiddenException();
        }
        var group = await queue.GroupAsync(centre, request.Group, cancellationToken)
            ?? throw FieldValidationException.Field("group", ServicesText.Get("Queue.UnknownGroup"));
        var slot = AppointmentSlot.Open(group, request.StartsAt, request.Minutes, request.Capacity, clock.GetUtcNow());
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            db.Add(slot);
            await db.SaveChangesAsync(cancellationToken);
            return slot;
        }
        finally
        {
            db.Caller = previous;
        }
    }

    /// <summary>Books a place in the slot for the calling resident: 409 when it is full, has begun, or they hold a place in it already.</summary>
    /// <summary>
    /// Books a place in the slot for the resident. A resident holds one place per slot: pressing again, or a retried request,
    /// answers with the booking they hold (<c>Created</c> false) rather than a second one or an error.
    /// </summary>
    public async Task<(Appointment Appointment, bool Created)> BookAsync(Caller caller, BookRequest request, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } me || !caller.IsInRole(Roles.Resident))
        {
            throw new ActionForbiddenException();
        }
        // Slots are public (anyone may book at any centre): the booking is judged by the rules below, not the caller's scope.
        var slot = request.SlotId is { } id
            ? await db.Set<AppointmentSlot>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            : null;
        if (slot is null)
        {
            throw FieldValidationException.Field("slotId", ServicesText.Get("Slot.Unknown"));
        }
        if (await HeldAsync(me, slot.Id, cancellationToken) is { } held)
        {
            return (held, false);
        }
        var appointment = Appointment.Book(slot, me, clock.GetUtcNow());
        if (!Rules.Allows(caller, AppointmentActions.Book, appointment))
        {
            throw new ActionForbiddenException();
        }
        var acting = QueueService.ActingOn(caller, slot.JurisdictionCode);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Same reason as above: the slot's count is the centre's, changed here for the resident.
            var taken = await db.Set<AppointmentSlot>().IgnoreQueryFilters().Where(s => s.Id == slot.Id && s.Booked < s.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), cancellationToken);
            if (taken == 0)
            {
                throw new RuleViolationException(ServicesText.Get("Slot.Full"));
            }
            try
            {
                await actions.CreateAsync(acting, appointment, AppointmentActions.Book, Rules, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (appointment, true);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same resident's other request won the race: the rollback gives this place back, and theirs is the answer.
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
        return (await HeldAsync(me, slot.Id, cancellationToken)
            ?? throw new RuleViolationException(ServicesText.Get("Appointment.AlreadyBooked")), false);
    }

    private Task<Appointment?> HeldAsync(string resident, Guid slot, CancellationToken cancellationToken) =>
        // The resident's own booking at a centre that may lie outside their scope, as above.
        db.Set<Appointment>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(a => a.ResidentUserId == resident && a.SlotId == slot && a.State == AppointmentState.Booked, cancellationToken);

    public async Task<Appointment> CancelAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var acting = await ActingForOwnerAsync(caller, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appointment = await actions.RunAsync(acting, a => a.Id == id, AppointmentActions.Cancel, null, Rules, a =>
        {
            a.Cancel(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
        // The place goes back to the slot in the same transaction; the slot is the centre's, changed for its booking.
        await db.Set<AppointmentSlot>().IgnoreQueryFilters().Where(s => s.Id == appointment.SlotId && s.Booked > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return appointment;
    }

    /// <summary>The clerk checks the resident in: a priority ticket of the slot's group, held by the resident, in one transaction.</summary>
    public async Task<(Appointment Appointment, QueueTicket Ticket)> CheckInAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        QueueTicket? ticket = null;
        var acting = await ActingForOwnerAsync(caller, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appointment = await actions.RunAsync(acting, a => a.Id == id, AppointmentActions.CheckIn, null, Rules, async a =>
        {
            var now = clock.GetUtcNow();
            a.EnsureCanCheckIn(now);
            var group = await queue.GroupAsync(a.JurisdictionCode, a.Prefix, cancellationToken)
                ?? throw new RuleViolationException(ServicesText.Get("Queue.UnknownGroup"));
            ticket = await queue.IssueAsync(caller, group, a.ResidentUserId, priority: true, appointmentId: a.Id, key: null, fingerprint: "",
                cancellationToken);
            a.CheckIn(ticket.Id, now);
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (appointment, ticket!);
    }

    /// <summary>A resident acts on their own booking at a centre outside their scope: for that booking the scope is the centre.</summary>
    private async Task<Caller> ActingForOwnerAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } me)
        {
            return caller;
        }
        // The owner's own booking, wherever it lies: the owner is the rule here, not the scope.
        var code = await db.Set<Appointment>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Id == id && a.ResidentUserId == me).Select(a => a.JurisdictionCode).FirstOrDefaultAsync(cancellationToken);
        return code is null ? caller : QueueService.ActingOn(caller, code);
    }
}
