using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Services.Appointments;

public enum AppointmentState
{
    Booked,
    Cancelled,

    /// <summary>The resident came and the clerk checked them in: a priority ticket was issued.</summary>
    CheckedIn,
}

/// <summary>
/// A resident's booking (预约) of a slot. <see cref="ActiveSlotId"/> is the slot while the booking holds and null once it is
/// cancelled: a unique index on it and the resident allows one active booking per resident and slot, whatever races.
/// </summary>
public sealed class Appointment : IJurisdictional, IVersioned, IAudited
{
    /// <summary>How long before its slot a booking may be checked in.</summary>
    public static readonly TimeSpan EarlyCheckIn = TimeSpan.FromMinutes(60);

    private Appointment()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The street of the centre.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public Guid SlotId { get; private set; }

    public Guid? ActiveSlotId { get; private set; }

    public Guid GroupId { get; private set; }

    public string Prefix { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string ResidentUserId { get; private set; } = "";

    public AppointmentState State { get; private set; }

    public DateTimeOffset BookedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public Guid? TicketId { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    internal static Appointment Book(AppointmentSlot slot, string residentUserId, DateTimeOffset now)
    {
        if (slot.StartsAt <= now)
        {
            throw new RuleViolationException(ServicesText.Get("Slot.Started"));
        }
        return new Appointment
        {
            Id = Guid.NewGuid(),
            JurisdictionCode = slot.JurisdictionCode,
            SlotId = slot.Id,
            ActiveSlotId = slot.Id,
            GroupId = slot.GroupId,
            Prefix = slot.Prefix,
            StartsAt = slot.StartsAt,
            EndsAt = slot.EndsAt,
            ResidentUserId = residentUserId,
            State = AppointmentState.Booked,
            BookedAt = now,
        };
    }

    public void Cancel(DateTimeOffset now)
    {
        if (State != AppointmentState.Booked)
        {
            throw new RuleViolationException(ServicesText.Get("Appointment.NotBooked"));
        }
        if (now >= StartsAt)
        {
            throw new RuleViolationException(ServicesText.Get("Appointment.TooLateToCancel"));
        }
        State = AppointmentState.Cancelled;
        ActiveSlotId = null;
        CancelledAt = now;
    }

    public void CheckIn(Guid ticketId, DateTimeOffset now)
    {
        EnsureCanCheckIn(now);
        State = AppointmentState.CheckedIn;
        CheckedInAt = now;
        TicketId = ticketId;
    }

    /// <summary>From an hour before the slot to its end, and only a booking that holds: checked before the ticket is taken.</summary>
    public void EnsureCanCheckIn(DateTimeOffset now)
    {
        if (State != AppointmentState.Booked)
        {
            throw new RuleViolationException(ServicesText.Get("Appointment.NotBooked"));
        }
        if (now < StartsAt - EarlyCheckIn || now > EndsAt)
        {
            throw new RuleViolationException(ServicesText.Get("Appointment.OutsideSlot"));
        }
    }
}
