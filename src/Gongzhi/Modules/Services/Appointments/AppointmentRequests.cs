using Gongzhi.Modules.Services.Queue;

namespace Gongzhi.Modules.Services.Appointments;

public sealed record SlotRequest(string? Group, DateTimeOffset? StartsAt, int? Minutes, int? Capacity);

public sealed record BookRequest(Guid? SlotId);

public sealed record SlotResponse(Guid Id, string Centre, string Group, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Booked, int Free)
{
    internal static SlotResponse From(AppointmentSlot s) =>
        new(s.Id, s.JurisdictionCode, s.Prefix, s.StartsAt, s.EndsAt, s.Capacity, s.Booked, Math.Max(0, s.Capacity - s.Booked));
}

public sealed record AppointmentResponse(Guid Id, string Centre, Guid SlotId, string Group, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    AppointmentState State, bool Mine, DateTimeOffset BookedAt, DateTimeOffset? CheckedInAt, Guid? TicketId, long Version)
{
    internal static AppointmentResponse From(Appointment a, bool mine) => new(a.Id, a.JurisdictionCode, a.SlotId, a.Prefix, a.StartsAt, a.EndsAt,
        a.State, mine, a.BookedAt, a.CheckedInAt, a.TicketId, a.Version);
}

public sealed record CheckInResponse(AppointmentResponse Appointment, TicketResponse Ticket);
