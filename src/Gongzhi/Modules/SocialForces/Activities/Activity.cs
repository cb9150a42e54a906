using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.SocialForces.Activities;

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>
/// An activity of a community, street or social organisation. Residents below its node see it. The counts are
/// kept on the row and changed only by conditional updates inside a transaction that first takes the row's
/// lock (<see cref="ActivityService"/>); the check constraint <c>Confirmed &lt;= Capacity</c> holds whatever a
/// caller does.
/// </summary>
public sealed class Activity : IVisibleToDescendants, IAudited
{
    public const int MaxTitleLength = 100;
    public const int MaxPlaceLength = 200;
    public const int MaxCapacity = 100_000;

    private Activity()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string? Place { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>Confirmed registrations; never above <see cref="Capacity"/> (a check constraint).</summary>
    public int Confirmed { get; private set; }

    public int Waitlisted { get; private set; }

    /// <summary>Registrations ever taken: the arrival number of the last one. Incrementing it is what locks the row.</summary>
    public long Arrivals { get; private set; }

    public string OrganisedByUserId { get; private set; } = "";

    public string OrganisedByName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string AuditKey => Id.ToString();

    public static Activity Create(string? title, string? jurisdictionCode, DateTimeOffset? startsAt, DateTimeOffset? endsAt, int? capacity,
        string? place, Caller organiser, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var name = title?.Trim() ?? "";
        if (name.Length is 0 or > MaxTitleLength)
        {
            errors["title"] = [SocialText.Format("Activity.TitleRequired", MaxTitleLength)];
        }
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            errors["jurisdictionCode"] = [SocialText.Get("Field.JurisdictionCode")];
        }
        if (startsAt is null)
        {
            errors["startsAt"] = [SocialText.Get("Activity.StartRequired")];
        }
        if (endsAt is null || (startsAt is not null && endsAt <= startsAt))
        {
            errors["endsAt"] = [SocialText.Get("Activity.EndAfterStart")];
        }
        if (capacity is null or < 1 or > MaxCapacity)
        {
            errors["capacity"] = [SocialText.Format("Activity.Capacity", MaxCapacity)];
        }
        if (place?.Trim().Length > MaxPlaceLength)
        {
            errors["place"] = [SocialText.Format("Field.TooLong", MaxPlaceLength)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new Activity
        {
            Id = Guid.CreateVersion7(),
            Title = name,
            JurisdictionCode = jurisdictionCode!,
            StartsAt = startsAt!.Value,
            EndsAt = endsAt!.Value,
            Capacity = capacity!.Value,
            Place = string.IsNullOrWhiteSpace(place) ? null : place.Trim(),
            OrganisedByUserId = organiser.UserId ?? "system",
            OrganisedByName = organiser.UserName ?? "system",
            CreatedAt = now,
        };
    }

    /// <summary>Check-in opens this long before the start and closes this long after the end.</summary>
    public bool AttendanceOpen(DateTimeOffset now, TimeSpan margin) => now >= StartsAt - margin && now <= EndsAt + margin;

    public bool Ended(DateTimeOffset now) => now > EndsAt;
}

/// <summary>One person's registration for one activity; one that is not cancelled per person (a filtered unique index).</summary>
public sealed class ActivityRegistration
{
    private ActivityRegistration()
    {
    }

    public Guid Id { get; private set; }

    public Guid ActivityId { get; private set; }

    /// <summary>The activity's node, so that organisers' lists are read by prefix without a join.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>The arrival number: the waiting list moves up in this order.</summary>
    public long Arrival { get; private set; }

    public RegistrationStatus Status { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public DateTimeOffset? CheckedOutAt { get; private set; }

    /// <summary>Service hours credited at check-out, in tenths of an hour (volunteers only).</summary>
    public int HoursTenthsCredited { get; private set; }

    internal static ActivityRegistration Take(Activity activity, Caller caller, long arrival, bool confirmed, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ActivityId = activity.Id,
        JurisdictionCode = activity.JurisdictionCode,
        UserId = caller.UserId!,
        DisplayName = caller.UserName ?? caller.UserId!,
        Arrival = arrival,
        Status = confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted,
        RegisteredAt = now,
        ConfirmedAt = confirmed ? now : null,
    };

    internal void Cancel(DateTimeOffset now)
    {
        if (Status == RegistrationStatus.Cancelled)
        {
            throw new RuleViolationException(SocialText.Get("Registration.AlreadyCancelled"));
        }
        if (CheckedInAt is not null)
        {
            throw new RuleViolationException(SocialText.Get("Registration.AttendedCannotCancel"));
        }
        Status = RegistrationStatus.Cancelled;
        CancelledAt = now;
    }

    internal void Promote(DateTimeOffset now)
    {
        Status = RegistrationStatus.Confirmed;
        ConfirmedAt = now;
    }

    public void CheckIn(DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Confirmed)
        {
            throw new RuleViolationException(SocialText.Get("Attendance.NotConfirmed"));
        }
        // A second scan of the same code is harmless: the first arrival counts.
        CheckedInAt ??= now;
    }

    /// <summary>Checks out and returns the service time to credit, bounded by the activity's own length.</summary>
    public int CheckOut(Activity activity, DateTimeOffset now)
    {
        if (CheckedInAt is not { } inAt)
        {
            throw new RuleViolationException(SocialText.Get("Attendance.NotCheckedIn"));
        }
        if (CheckedOutAt is not null)
        {
            throw new RuleViolationException(SocialText.Get("Attendance.AlreadyCheckedOut"));
        }
        CheckedOutAt = now;
        var from = inAt > activity.StartsAt ? inAt : activity.StartsAt;
        var to = now < activity.EndsAt ? now : activity.EndsAt;
        return to > from ? (int)Math.Round((to - from).TotalHours * 10, MidpointRounding.AwayFromZero) : 0;
    }

    internal void Credit(int hoursTenths) => HoursTenthsCredited = hoursTenths;
}
