using Gongzhi.Modules.Services.Queue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Services.Appointments;

/// <summary>
/// A time slot (预约时段) of a centre's item group with a capacity. <see cref="Booked"/> is changed only by one conditional
/// update (booked below capacity) in the booking's transaction, so two residents booking the last place cannot both get it.
/// </summary>
public sealed class AppointmentSlot : IJurisdictional
{
    public const int MaxCapacity = 200;
    public const int MaxMinutes = 240;

    private AppointmentSlot()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid GroupId { get; private set; }

    public string Prefix { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int Capacity { get; private set; }

    public int Booked { get; private set; }

    public static AppointmentSlot Open(QueueGroup group, DateTimeOffset? startsAt, int? minutes, int? capacity, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (startsAt is null || startsAt <= now)
        {
            errors["startsAt"] = [ServicesText.Get("Slot.StartsInFuture")];
        }
        if (minutes is not (>= 5 and <= MaxMinutes))
        {
            errors["minutes"] = [ServicesText.Format("Field.Between", 5, MaxMinutes)];
        }
        if (capacity is not (>= 1 and <= MaxCapacity))
        {
            errors["capacity"] = [ServicesText.Format("Field.Between", 1, MaxCapacity)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new AppointmentSlot
        {
            Id = Guid.NewGuid(),
            JurisdictionCode = group.JurisdictionCode,
            GroupId = group.Id,
            Prefix = group.Prefix,
            StartsAt = startsAt!.Value,
            EndsAt = startsAt.Value.AddMinutes(minutes!.Value),
            Capacity = capacity!.Value,
        };
    }
}
