using System.Globalization;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Conferences.Venues;

public enum VenueKind
{
    Room = 0,
    Equipment = 1,
}

/// <summary>One opening window of a weekday, in the working time zone (<c>WorkingTime:TimeZone</c>); a day may have several (morning and afternoon).</summary>
public sealed record OpeningWindow(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// A venue or piece of equipment a member unit offers to the other members of a body (阵地共享). It sits
/// at the body's node: the body's level and the levels below it see it, other streets do not.
/// </summary>
public sealed class Venue : IVisibleToDescendants, IVersioned, IAudited
{
    public const int MaxNameLength = 128;
    public const int MaxAddressLength = 200;

    private Venue()
    {
    }

    public Guid Id { get; private set; }

    public Guid BodyId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid OwnerOrganisationId { get; private set; }

    public string Name { get; private set; } = "";

    public VenueKind Kind { get; private set; }

    /// <summary>People a room holds, or units of equipment on offer.</summary>
    public int Capacity { get; private set; }

    public string? Address { get; private set; }

    public IReadOnlyList<OpeningWindow> OpeningHours { get; private set; } = [];

    public bool Withdrawn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => $"{JurisdictionCode}:{Name}";

    public static Venue Offer(ConferenceBody body, Guid ownerOrganisationId, string name, VenueKind kind, int capacity, string? address,
        IReadOnlyList<OpeningWindow> openingHours, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Venue.Name", MaxNameLength));
        }
        if (!Enum.IsDefined(kind))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Venue.Kind"));
        }
        if (capacity is < 1 or > 100000)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Venue.Capacity"));
        }
        if (address is { Length: > MaxAddressLength })
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Venue.Address", MaxAddressLength));
        }
        CheckOpeningHours(openingHours);
        return new Venue
        {
            Id = Guid.CreateVersion7(now),
            BodyId = body.Id,
            JurisdictionCode = body.JurisdictionCode,
            OwnerOrganisationId = ownerOrganisationId,
            Name = name.Trim(),
            Kind = kind,
            Capacity = capacity,
            Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
            OpeningHours = openingHours.OrderBy(w => w.Day).ThenBy(w => w.Opens).ToList(),
            CreatedAt = now,
        };
    }

    public static void CheckOpeningHours(IReadOnlyList<OpeningWindow> windows)
    {
        if (windows.Count == 0)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Venue.NoWindow"));
        }
        foreach (var window in windows)
        {
            if (!Enum.IsDefined(window.Day) || window.Closes <= window.Opens)
            {
                throw new RuleViolationException(ConferencesText.Get("Rule.Venue.WindowOrder"));
            }
            if (!BookingSlots.IsBoundary(window.Opens) || !BookingSlots.IsBoundary(window.Closes))
            {
                throw new RuleViolationException(ConferencesText.Format("Rule.Venue.WindowGrid", BookingSlots.SlotMinutes));
            }
        }
        foreach (var day in windows.GroupBy(w => w.Day))
        {
            var ordered = day.OrderBy(w => w.Opens).ToList();
            if (ordered.Zip(ordered.Skip(1)).Any(p => p.Second.Opens < p.First.Closes))
            {
                throw new RuleViolationException(ConferencesText.Format("Rule.Venue.WindowOverlap", day.Key));
            }
        }
    }

    /// <summary>
    /// True when [start, end) lies inside one opening window of its day in <paramref name="zone"/> (the working time zone the
    /// pages show times in). Wall-clock minutes are compared, so a window means the same hours on a day with a clock change.
    /// </summary>
    public bool IsOpen(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var localStart = TimeZoneInfo.ConvertTime(start, zone);
        var localEnd = TimeZoneInfo.ConvertTime(end, zone);
        var from = localStart.TimeOfDay.TotalMinutes;
        // An end at the next midnight is the day's 24:00.
        var to = (localEnd.Date - localStart.Date).TotalDays * 24 * 60 + localEnd.TimeOfDay.TotalMinutes;
        return OpeningHours.Any(w => w.Day == localStart.DayOfWeek && MinuteOf(w.Opens) <= from && to <= MinuteOf(w.Closes));
    }

    /// <summary>Minutes since midnight; TimeOnly has no 24:00, so the day's last instant stands for it.</summary>
    internal static double MinuteOf(TimeOnly time) => time == TimeOnly.MaxValue ? 24 * 60 : time.ToTimeSpan().TotalMinutes;

    public void Withdraw()
    {
        Withdrawn = true;
    }

    public static string Describe(IReadOnlyList<OpeningWindow> windows) => string.Join("; ", windows.Select(w =>
        $"{w.Day} {w.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}-{w.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}"));
}

public enum BookingState
{
    Pending = 0,
    Approved = 1,
    Declined = 2,
    Cancelled = 3,
}

/// <summary>
/// A request to use a venue for a time range. Pending and approved bookings hold their slots
/// (<see cref="VenueSlot"/>); declining or cancelling releases them.
/// </summary>
/// <remarks>
/// Not <see cref="IJurisdictional"/>: a booking joins two parties at different nodes (a community booking
/// a department's hall at the street body), so the venues API decides who sees and acts on it — anyone who
/// sees the venue reads its calendar; the booker cancels; the owner or the body decides.
/// </remarks>
public sealed class VenueBooking : IVersioned, IAudited
{
    public const int MaxPurposeLength = 500;
    public const int MaxNoteLength = 500;

    /// <summary>Longer uses are arranged with the owner directly, not through the calendar.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);

    /// <summary>How far ahead a booking may lie.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(180);

    private VenueBooking()
    {
    }

    public Guid Id { get; private set; }

    public Guid VenueId { get; private set; }

    public Guid BodyId { get; private set; }

    /// <summary>The venue's node, so bookings partition with the venues.</summary>
    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The member unit the booking is for; the caller's own organisation unless a body runner books on a member's behalf.</summary>
    public Guid? OrganisationId { get; private set; }

    public string BookedByUserId { get; private set; } = "";

    public string? BookedByName { get; private set; }

    public string Purpose { get; private set; } = "";

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; private set; }

    public BookingState State { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecisionNote { get; private set; }

    public long Version { get; set; }

    public string AuditKey => $"{VenueId}:{Start:O}";

    /// <summary>True while the booking holds its slots.</summary>
    public bool Holds => State is BookingState.Pending or BookingState.Approved;

    public static (VenueBooking Booking, List<VenueSlot> Slots) Request(Venue venue, Guid? organisationId, string userId, string? userName,
        string purpose, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (venue.Withdrawn)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Booking.Withdrawn"));
        }
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length > MaxPurposeLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Purpose", MaxPurposeLength));
        }
        if (end <= start)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Booking.Order"));
        }
        if (end - start > MaxLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Length", MaxLength.TotalHours.ToString("0", CultureInfo.InvariantCulture)));
        }
        if (!BookingSlots.IsBoundary(start) || !BookingSlots.IsBoundary(end))
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Grid", BookingSlots.SlotMinutes));
        }
        if (start < now)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Booking.Past"));
        }
        if (start > now + MaxAhead)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Ahead", MaxAhead.TotalDays.ToString("0", CultureInfo.InvariantCulture)));
        }
        if (!venue.IsOpen(start, end, zone))
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Closed", Venue.Describe(venue.OpeningHours)));
        }
        var booking = new VenueBooking
        {
            Id = Guid.CreateVersion7(now),
            VenueId = venue.Id,
            BodyId = venue.BodyId,
            JurisdictionCode = venue.JurisdictionCode,
            OrganisationId = organisationId,
            BookedByUserId = userId,
            BookedByName = userName,
            Purpose = purpose.Trim(),
            Start = start.ToUniversalTime(),
            End = end.ToUniversalTime(),
            State = BookingState.Pending,
            RequestedAt = now,
        };
        return (booking, BookingSlots.Between(start, end).Select(s => new VenueSlot(venue.Id, s, booking.Id)).ToList());
    }

    public void Approve(string? by, DateTimeOffset now)
    {
        if (State != BookingState.Pending)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Approve", State));
        }
        State = BookingState.Approved;
        DecidedAt = now;
        DecidedBy = by;
    }

    /// <summary>The caller deletes the booking's slots in the same save, so the time is free again.</summary>
    public void Decline(string? by, string? note, DateTimeOffset now)
    {
        if (State != BookingState.Pending)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Decline", State));
        }
        if (note is { Length: > MaxNoteLength })
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Note", MaxNoteLength));
        }
        State = BookingState.Declined;
        DecidedAt = now;
        DecidedBy = by;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    /// <summary>The booker withdraws, before the booking has begun; the slots are released like on a decline.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (!Holds)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Booking.Already", State));
        }
        if (Start <= now)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Booking.Begun"));
        }
        State = BookingState.Cancelled;
        DecidedAt = now;
    }
}

/// <summary>
/// One slot of a venue's calendar held by a booking. The primary key (venue, slot) is what makes two
/// overlapping bookings impossible: overlapping ranges share at least one slot, and the second insert
/// of that row fails in the database, on SQLite and PostgreSQL alike, whatever the code above it checked.
/// </summary>
public sealed class VenueSlot(Guid venueId, long slot, Guid bookingId)
{
    public Guid VenueId { get; private set; } = venueId;

    /// <summary>The slot's number: whole <see cref="BookingSlots.SlotMinutes"/>-minute steps since the Unix epoch (UTC).</summary>
    public long Slot { get; private set; } = slot;

    public Guid BookingId { get; private set; } = bookingId;
}

/// <summary>The venue calendar's grid: half-hour slots, aligned in UTC and hence in every zone whose offset is whole or half hours.</summary>
public static class BookingSlots
{
    public const int SlotMinutes = 30;

    private static readonly long SlotSeconds = SlotMinutes * 60L;

    public static bool IsBoundary(DateTimeOffset instant) =>
        instant.ToUnixTimeMilliseconds() % (SlotSeconds * 1000) == 0;

    public static bool IsBoundary(TimeOnly time) =>
        time == TimeOnly.MaxValue || (time.Ticks % TimeSpan.FromMinutes(SlotMinutes).Ticks == 0);

    public static long SlotOf(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / SlotSeconds;

    /// <summary>The slots [start, end) covers.</summary>
    public static IEnumerable<long> Between(DateTimeOffset start, DateTimeOffset end)
    {
        for (var s = SlotOf(start); s < SlotOf(end); s++)
        {
            yield return s;
        }
    }
}
