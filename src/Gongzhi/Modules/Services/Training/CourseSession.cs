using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;

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

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    /// <summary>A session of a course the organiser's jurisdiction lies under; <paramref name="past"/> lets the demo record one held already.</summary>
    public static CourseSession Schedule(TrainingCourse course, string jurisdictionCode, SessionInput input, string organiser, DateTimeOffset now,
        bool past = false)
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
        if (input.Capacity is not (>= 1 and <= MaxCapacity))
        {
            errors["capacity"] = [ServicesText.Format("Field.Between", 1, MaxCapacity)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
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
            StartsAt = input.StartsAt!.Value,
            EndsAt = input.StartsAt.Value.AddMinutes(input.Minutes!.Value),
            Place = place,
            Capacity = input.Capacity!.Value,
            OrganisedByUserId = organiser,
        };
    }

    public bool HasStarted(DateTimeOffset now) => StartsAt <= now;

    public int Free => Math.Max(0, Capacity - Enrolled);
}
