using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// A session (培训班次) of a course, organised by a jurisdiction for its staff, at a time and place with a capacity.
/// <see cref="Enrolled"/> moves only by one conditional update (enrolled below capacity) in the enrolment's transaction, so
/// two people taking the last place cannot both get it.
/// </summary>
public sealed class CourseSession : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxCapacity = 500;
    public const int MaxPlaceLength = 200;
    public const int MaxMinutes = 60 * 24 * 5;

    private CourseSession()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The organising jurisdiction: its staff, and those below, may enrol.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public Guid CourseId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string Place { get; private set; } = "";

    public int Capacity { get; private set; }

    public int Enrolled { get; private set; }

    public string OrganisedByUserId { get; private set; } = "";

    /// <summary>Set when the organiser calls the session off: every place in it is given up, the record stays to show it.</summary>
    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelledByUserId { get; private set; }

    /// <summary>The organiser's <c>Idempotency-Key</c> of the request that scheduled it.</summary>
    public string? IdempotencyKey { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    /// <summary>A session of a course the organiser's jurisdiction lies under; <paramref name="past"/> lets the demo record one held already.</summary>
    public static CourseSession Schedule(TrainingCourse course, string jurisdictionCode, SessionInput input, string organiser, DateTimeOffset now,
        bool past = false, string? idempotencyKey = null)
    {
        var (startsAt, endsAt, place, capacity) = Check(input, now, past, minCapacity: 1);
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWithin(jurisdictionCode, course.JurisdictionCode))
        {
            // A street may hold the city's course for its staff; a course of another street is not its to hold.
            throw FieldValidationException.Field("courseId", ServicesText.Get("Training.CourseNotHere"));
        }
        return new CourseSession
        {
            Id = Guid.NewGuid(),
            JurisdictionCode = jurisdictionCode,
            CourseId = course.Id,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Place = place,
            Capacity = capacity,
            OrganisedByUserId = organiser,
            IdempotencyKey = idempotencyKey,
        };
    }

    /// <summary>A new time, place or capacity, while the session is still ahead; the capacity never below the places taken.</summary>
    public void Change(SessionInput input, DateTimeOffset now)
    {
        EnsureAhead(now);
        (StartsAt, EndsAt, Place, Capacity) = Check(input, now, past: false, minCapacity: Math.Max(1, Enrolled));
    }

    /// <summary>Calls the session off before it starts; the enrolments' places are given up by the service in the same transaction.</summary>
    public void Cancel(string by, DateTimeOffset now)
    {
        EnsureAhead(now);
        CancelledAt = now;
        CancelledByUserId = by;
        Enrolled = 0;
    }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>Refuses (409) a change to a session that was called off or has begun.</summary>
    public void EnsureAhead(DateTimeOffset now)
    {
        if (IsCancelled)
        {
            throw new RuleViolationException(ServicesText.Get("Training.SessionCancelled"));
        }
        if (HasStarted(now))
        {
            throw new RuleViolationException(ServicesText.Get("Training.SessionUnderWay"));
        }
    }

    private static (DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Place, int Capacity) Check(SessionInput input, DateTimeOffset now, bool past,
        int minCapacity)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.StartsAt is not { } starts || (!past && starts <= now))
        {
            errors["startsAt"] = [ServicesText.Get("Training.StartsInFuture")];
        }
        if (input.Minutes is not (>= 30 and <= MaxMinutes))
        {
            errors["minutes"] = [ServicesText.Format("Field.Between", 30, MaxMinutes)];
        }
        var place = input.Place?.Trim() ?? "";
        if (place.Length is 0 or > MaxPlaceLength)
        {
            errors["place"] = [ServicesText.Format("Field.Required", MaxPlaceLength)];
        }
        if (input.Capacity is not { } capacity || capacity < minCapacity || capacity > MaxCapacity)
        {
            // Below the places already taken is as wrong as below one: the range starts there.
            errors["capacity"] = [ServicesText.Format("Field.Between", minCapacity, MaxCapacity)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return (input.StartsAt!.Value, input.StartsAt.Value.AddMinutes(input.Minutes!.Value), place, input.Capacity!.Value);
    }

    public bool HasStarted(DateTimeOffset now) => StartsAt <= now;

    public int Free => Math.Max(0, Capacity - Enrolled);
}
