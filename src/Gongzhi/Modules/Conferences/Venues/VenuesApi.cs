using System.Globalization;
using Gongzhi.Modules.Cases.Deadlines;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences.Venues;

/// <summary>An opening window as the API speaks it: a weekday and local times "HH:mm" ("24:00" closes at midnight).</summary>
public sealed record OpeningWindowDto(DayOfWeek Day, string Opens, string Closes)
{
    internal static OpeningWindowDto From(OpeningWindow w) => new(w.Day, Format(w.Opens), Format(w.Closes));

    internal static string Format(TimeOnly t) => t == TimeOnly.MaxValue ? "24:00" : t.ToString("HH:mm", CultureInfo.InvariantCulture);

    internal static TimeOnly? Parse(string? text) => text?.Trim() switch
    {
        "24:00" => TimeOnly.MaxValue,
        { } s when TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) => t,
        _ => null,
    };
}

public sealed record VenueResponse(Guid Id, Guid BodyId, string JurisdictionCode, Guid OwnerOrganisationId, string? OwnerName, string Name,
    VenueKind Kind, int Capacity, string? Address, IReadOnlyList<OpeningWindowDto> OpeningHours, bool Withdrawn, long Version)
{
    internal static VenueResponse From(Venue v, string? ownerName) => new(v.Id, v.BodyId, v.JurisdictionCode, v.OwnerOrganisationId, ownerName,
        v.Name, v.Kind, v.Capacity, v.Address, v.OpeningHours.Select(OpeningWindowDto.From).ToList(), v.Withdrawn, v.Version);
}

/// <param name="Mine">The caller made the booking or belongs to the unit it is for.</param>
/// <param name="MayDecide">The caller may approve or decline it (the venue's owner, or the body's level).</param>
public sealed record BookingResponse(Guid Id, Guid VenueId, string? VenueName, Guid BodyId, Guid? OrganisationId, string? OrganisationName,
    string Purpose, DateTimeOffset Start, DateTimeOffset End, BookingState State, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt,
    string? DecisionNote, bool Mine, bool MayDecide, long Version);

public sealed record OfferVenueRequest(Guid? BodyId, Guid? OwnerOrganisationId, string? Name, VenueKind? Kind, int? Capacity, string? Address,
    IReadOnlyList<OpeningWindowDto>? OpeningHours);

/// <param name="OrganisationId">The member unit the booking is for; defaults to the caller's own organisation.</param>
public sealed record BookVenueRequest(DateTimeOffset? Start, DateTimeOffset? End, string? Purpose, Guid? OrganisationId);

public sealed record DecisionRequest(string? Note, long? Version);

/// <summary>
/// Shared venues and resources (阵地共享) under <c>/api/v1/conferences/venues</c> and <c>/bookings</c>: member
/// units offer them, members of the body book them, the owner decides. Overlaps are refused by the database
/// (<see cref="VenueSlot"/>); the check before the insert only gives the common case a friendlier message.
/// </summary>
public static class VenuesApi
{
    public const string BookingRequestedNotification = "venue.booking.requested";
    public const string BookingDecidedNotification = "venue.booking.decided";

    internal static void MapVenuesApi(this RouteGroupBuilder group)
    {
        group.MapGet("/venues", ListVenuesAsync);
        group.MapPost("/venues", OfferAsync);
        group.MapGet("/venues/{id:guid}", GetVenueAsync);
        group.MapPost("/venues/{id:guid}/withdraw", WithdrawAsync);
        group.MapGet("/venues/{id:guid}/bookings", CalendarAsync);
        group.MapPost("/venues/{id:guid}/bookings", BookAsync);
        group.MapGet("/bookings", ListBookingsAsync);
        group.MapGet("/bookings/{id:guid}", GetBookingAsync);
        group.MapPost("/bookings/{id:guid}/approve", ApproveAsync);
        group.MapPost("/bookings/{id:guid}/decline", DeclineAsync);
        group.MapPost("/bookings/{id:guid}/cancel", CancelAsync);
    }

    /// <summary>Member units of the body (current members only).</summary>
    public static Task<List<Guid>> MemberOrganisationsAsync(GongzhiDbContext db, Guid bodyId, CancellationToken cancellationToken) =>
        db.Set<BodyMembership>().IgnoreQueryFilters().Where(m => m.BodyId == bodyId && m.LeftAt == null).Select(m => m.OrganisationId)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Members of a body book its venues: its own level, the staff of a current member unit, and the level of a body
    /// directly below (whose party organisation sits in this body).
    /// </summary>
    public static bool MayBook(Caller caller, ConferenceBody body, IReadOnlyCollection<Guid> memberOrganisations) =>
        ConferencePermissions.Runs(caller, body)
        || (Guid.TryParse(caller.OrganisationId, out var org) && memberOrganisations.Contains(org))
        || (JurisdictionCode.ParentOf(caller.ScopeCode) == body.JurisdictionCode && ConferencePermissions.RunsNode(caller, caller.ScopeCode));

    public static bool MayDecide(Caller caller, Venue venue) =>
        ConferencePermissions.RunsNode(caller, venue.JurisdictionCode) || caller.OrganisationId == venue.OwnerOrganisationId.ToString();

    private static bool IsMine(Caller caller, VenueBooking booking) =>
        booking.BookedByUserId == caller.UserId || (booking.OrganisationId is { } o && caller.OrganisationId == o.ToString());

    internal static async Task<Results<Ok<List<VenueResponse>>, ValidationProblem, ForbidHttpResult>> ListVenuesAsync(Guid? body, string? scope,
        GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Set<Venue>().AsNoTracking().Where(v => !v.Withdrawn);
        if (body is { } bodyId)
        {
            query = query.Where(v => v.BodyId == bodyId);
        }
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.IsWellFormed(scope))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["Not a jurisdiction code."] });
            }
            if (!db.Caller.CanSee(scope))
            {
                return TypedResults.Forbid();
            }
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(v => v.JurisdictionCode.StartsWith(prefix));
        }
        var venues = await query.OrderBy(v => v.JurisdictionCode).ThenBy(v => v.Name).Take(1000).ToListAsync(cancellationToken);
        var names = await OrganisationNamesAsync(db, venues.Select(v => v.OwnerOrganisationId), cancellationToken);
        return TypedResults.Ok(venues.Select(v => VenueResponse.From(v, names.GetValueOrDefault(v.OwnerOrganisationId))).ToList());
    }

    internal static async Task<Results<Ok<VenueResponse>, NotFound>> GetVenueAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var venue = await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null)
        {
            return TypedResults.NotFound();
        }
        var names = await OrganisationNamesAsync(db, [venue.OwnerOrganisationId], cancellationToken);
        return TypedResults.Ok(VenueResponse.From(venue, names.GetValueOrDefault(venue.OwnerOrganisationId)));
    }

    internal static async Task<Results<Created<VenueResponse>, NotFound, ValidationProblem, ForbidHttpResult>> OfferAsync(OfferVenueRequest request,
        GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var body = request.BodyId is { } bodyId
            ? await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, cancellationToken)
            : null;
        if (body is null)
        {
            errors["bodyId"] = ["Name the body whose members may book the venue."];
        }
        var owner = request.OwnerOrganisationId ?? (Guid.TryParse(db.Caller.OrganisationId, out var own) ? own : null);
        if (owner is null)
        {
            errors["ownerOrganisationId"] = ["Name the member unit that offers the venue."];
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > Venue.MaxNameLength)
        {
            errors["name"] = [$"Give a name of at most {Venue.MaxNameLength} characters."];
        }
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["room or equipment."];
        }
        if (request.Capacity is not (>= 1 and <= 100000))
        {
            errors["capacity"] = ["A whole number from 1 to 100000."];
        }
        if (request.Address is { Length: > Venue.MaxAddressLength })
        {
            errors["address"] = [$"At most {Venue.MaxAddressLength} characters."];
        }
        var windows = ParseWindows(request.OpeningHours, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var members = await MemberOrganisationsAsync(db, body!.Id, cancellationToken);
        if (!members.Contains(owner!.Value))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ownerOrganisationId"] = ["Venues are offered by current member units of the body."] });
        }
        // The unit's own staff offer its venue; the body's level may enter one on a member's behalf.
        if (!ConferencePermissions.Runs(db.Caller, body) && db.Caller.OrganisationId != owner.Value.ToString())
        {
            return TypedResults.Forbid();
        }
        var venue = Venue.Offer(body, owner.Value, request.Name!, request.Kind!.Value, request.Capacity!.Value, request.Address, windows!, clock.GetUtcNow());
        db.Add(venue);
        await db.SaveChangesAsync(cancellationToken);
        var names = await OrganisationNamesAsync(db, [owner.Value], cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/venues/{venue.Id}", VenueResponse.From(venue, names.GetValueOrDefault(owner.Value)));
    }

    private static List<OpeningWindow>? ParseWindows(IReadOnlyList<OpeningWindowDto>? windows, Dictionary<string, string[]> errors)
    {
        if (windows is not { Count: > 0 })
        {
            errors["openingHours"] = ["Give the opening hours: weekday, opens and closes (HH:mm)."];
            return null;
        }
        var parsed = new List<OpeningWindow>();
        for (var i = 0; i < windows.Count; i++)
        {
            var (opens, closes) = (OpeningWindowDto.Parse(windows[i].Opens), OpeningWindowDto.Parse(windows[i].Closes));
            if (!Enum.IsDefined(windows[i].Day) || opens is null || closes is null)
            {
                errors[$"openingHours[{i}]"] = ["A weekday and two times HH:mm (24:00 for midnight)."];
                continue;
            }
            parsed.Add(new OpeningWindow(windows[i].Day, opens.Value, closes.Value));
        }
        if (errors.Count == 0)
        {
            try
            {
                Venue.CheckOpeningHours(parsed);
            }
            catch (RuleViolationException e)
            {
                errors["openingHours"] = [e.Message];
            }
        }
        return parsed;
    }

    internal static async Task<Results<Ok<VenueResponse>, NotFound, ForbidHttpResult>> WithdrawAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        var venue = await db.Set<Venue>().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null)
        {
            return TypedResults.NotFound();
        }
        if (!MayDecide(db.Caller, venue))
        {
            return TypedResults.Forbid();
        }
        venue.Withdraw();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(VenueResponse.From(venue, null));
    }

    /// <summary>The venue's calendar from <c>from</c> (default now) for <c>days</c> days (default 31, at most 190): every booking, any state.</summary>
    internal static async Task<Results<Ok<List<BookingResponse>>, NotFound, ValidationProblem>> CalendarAsync(Guid id, DateTimeOffset? from, int? days,
        GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var venue = await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null)
        {
            return TypedResults.NotFound();
        }
        if (days is < 1 or > 190)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["From 1 to 190."] });
        }
        var start = from ?? clock.GetUtcNow();
        var end = start.AddDays(days ?? 31);
        var bookings = await db.Set<VenueBooking>().AsNoTracking().Where(b => b.VenueId == id && b.End > start && b.Start < end)
            .OrderBy(b => b.Start).Take(2000).ToListAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, bookings, [venue], cancellationToken));
    }

    internal static async Task<Results<Created<BookingResponse>, Ok<BookingResponse>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>>
        BookAsync(Guid id, BookVenueRequest request, GongzhiDbContext db, TimeProvider clock, Notifier notifier, CancellationToken cancellationToken)
    {
        var venue = await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        var body = venue is null ? null : await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == venue.BodyId, cancellationToken);
        if (venue is null || body is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        if (request.Start is null)
        {
            errors["start"] = ["When does the booking start?"];
        }
        if (request.End is null)
        {
            errors["end"] = ["When does it end?"];
        }
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Trim().Length > VenueBooking.MaxPurposeLength)
        {
            errors["purpose"] = [$"Say what the venue is for (at most {VenueBooking.MaxPurposeLength} characters)."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var members = await MemberOrganisationsAsync(db, body.Id, cancellationToken);
        var caller = db.Caller;
        if (!MayBook(caller, body, members) || caller.UserId is null)
        {
            return TypedResults.Forbid();
        }
        var organisation = request.OrganisationId ?? (Guid.TryParse(caller.OrganisationId, out var own) ? own : null);
        if (request.OrganisationId is { } asked && asked.ToString() != caller.OrganisationId
            && (!ConferencePermissions.Runs(caller, body) || !members.Contains(asked)))
        {
            // Only the body's level books on behalf of another member unit.
            return TypedResults.Forbid();
        }
        var now = clock.GetUtcNow();
        var (booking, slots) = VenueBooking.Request(venue, organisation, caller.UserId, caller.UserName, request.Purpose!, request.Start!.Value,
            request.End!.Value, now);
        var slotNumbers = slots.Select(s => s.Slot).ToList();
        if (await db.Set<VenueSlot>().AnyAsync(s => s.VenueId == id && slotNumbers.Contains(s.Slot), cancellationToken))
        {
            return await RetryOrConflictAsync(db, booking, venue, cancellationToken);
        }
        db.Add(booking);
        db.AddRange(slots);
        notifier.Notify(await CaseRecipients.StaffOfAsync(db, [venue.OwnerOrganisationId], cancellationToken), BookingRequestedNotification,
            $"场地预约待审批：{venue.Name} / Booking request: {venue.Name}", $"{Local(booking.Start)}–{Local(booking.End)}　{booking.Purpose}",
            $"/conferences/bookings/{booking.Id}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request took one of the slots between the check above and this insert: the key said no.
            db.ChangeTracker.Clear();
            return await RetryOrConflictAsync(db, booking, venue, cancellationToken);
        }
        var described = await DescribeAsync(db, [booking], [venue], cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/bookings/{booking.Id}", described[0]);
    }

    /// <summary>
    /// A retried request (same person, venue, time and purpose, still holding) gets the booking it already made;
    /// anything else overlapping is a conflict.
    /// </summary>
    private static async Task<Results<Created<BookingResponse>, Ok<BookingResponse>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>>
        RetryOrConflictAsync(GongzhiDbContext db, VenueBooking attempt, Venue venue, CancellationToken cancellationToken)
    {
        var same = await db.Set<VenueBooking>().AsNoTracking().FirstOrDefaultAsync(b => b.VenueId == attempt.VenueId
            && b.BookedByUserId == attempt.BookedByUserId && b.Start == attempt.Start && b.End == attempt.End && b.Purpose == attempt.Purpose
            && (b.State == BookingState.Pending || b.State == BookingState.Approved), cancellationToken);
        if (same is not null)
        {
            return TypedResults.Ok((await DescribeAsync(db, [same], [venue], cancellationToken))[0]);
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            detail: $"{venue.Name} is already booked for part of {Local(attempt.Start)}–{Local(attempt.End)}. Choose another time.");
    }

    /// <summary><c>role=mine</c> (default): bookings the caller or their unit made; <c>role=owner</c>: bookings of venues the caller decides on.</summary>
    internal static async Task<Results<Ok<List<BookingResponse>>, ValidationProblem>> ListBookingsAsync(string? role, BookingState? state,
        GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var caller = db.Caller;
        var query = db.Set<VenueBooking>().AsNoTracking();
        Guid? org = Guid.TryParse(caller.OrganisationId, out var o) ? o : null;
        switch (role)
        {
            case null or "" or "mine":
                query = query.Where(b => b.BookedByUserId == caller.UserId || (org != null && b.OrganisationId == org));
                break;
            case "owner":
                // Venues the caller's unit owns, and those of the bodies the caller's level runs.
                var venueIds = await db.Set<Venue>().AsNoTracking()
                    .Where(v => (org != null && v.OwnerOrganisationId == org) || v.JurisdictionCode == caller.ScopeCode)
                    .Select(v => new { v.Id, v.JurisdictionCode, v.OwnerOrganisationId }).ToListAsync(cancellationToken);
                var decidable = venueIds.Where(v => v.OwnerOrganisationId == org || ConferencePermissions.RunsNode(caller, v.JurisdictionCode))
                    .Select(v => v.Id).ToList();
                query = query.Where(b => decidable.Contains(b.VenueId));
                break;
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["mine or owner."] });
        }
        if (state is { } s)
        {
            query = query.Where(b => b.State == s);
        }
        var bookings = await query.OrderByDescending(b => b.Start).Take(500).ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.VenueId).Distinct().ToList();
        var venues = await db.Set<Venue>().IgnoreQueryFilters().AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, bookings, venues, cancellationToken));
    }

    internal static async Task<Results<Ok<BookingResponse>, NotFound>> GetBookingAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var (booking, venue) = await FindAsync(db, id, cancellationToken);
        return booking is null || venue is null
            ? TypedResults.NotFound()
            : TypedResults.Ok((await DescribeAsync(db, [booking], [venue], cancellationToken))[0]);
    }

    /// <summary>A booking the caller may see: its venue is in sight, or the caller or their unit made it.</summary>
    private static async Task<(VenueBooking? Booking, Venue? Venue)> FindAsync(GongzhiDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var booking = await db.Set<VenueBooking>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
        {
            return (null, null);
        }
        var venue = await db.Set<Venue>().FirstOrDefaultAsync(v => v.Id == booking.VenueId, cancellationToken);
        if (venue is null && IsMine(db.Caller, booking))
        {
            venue = await db.Set<Venue>().IgnoreQueryFilters().FirstOrDefaultAsync(v => v.Id == booking.VenueId, cancellationToken);
        }
        return venue is null ? (null, null) : (booking, venue);
    }

    internal static Task<Results<Ok<BookingResponse>, NotFound, ForbidHttpResult>> ApproveAsync(Guid id, DecisionRequest? request, GongzhiDbContext db,
        TimeProvider clock, Notifier notifier, CancellationToken cancellationToken) =>
        DecideAsync(id, request, db, notifier, (b, by) => b.Approve(by, clock.GetUtcNow()), "已批准 / approved", cancellationToken);

    internal static Task<Results<Ok<BookingResponse>, NotFound, ForbidHttpResult>> DeclineAsync(Guid id, DecisionRequest? request, GongzhiDbContext db,
        TimeProvider clock, Notifier notifier, CancellationToken cancellationToken) =>
        DecideAsync(id, request, db, notifier, (b, by) => b.Decline(by, request?.Note, clock.GetUtcNow()), "未批准 / declined", cancellationToken);

    private static async Task<Results<Ok<BookingResponse>, NotFound, ForbidHttpResult>> DecideAsync(Guid id, DecisionRequest? request,
        GongzhiDbContext db, Notifier notifier, Action<VenueBooking, string?> decide, string outcome, CancellationToken cancellationToken)
    {
        var (booking, venue) = await FindAsync(db, id, cancellationToken);
        if (booking is null || venue is null)
        {
            return TypedResults.NotFound();
        }
        if (!MayDecide(db.Caller, venue))
        {
            return TypedResults.Forbid();
        }
        if (request?.Version is { } version)
        {
            db.Entry(booking).Property(b => b.Version).OriginalValue = version;
        }
        decide(booking, db.Caller.UserName);
        await ReleaseIfFreedAsync(db, booking, cancellationToken);
        notifier.Notify([booking.BookedByUserId], BookingDecidedNotification, $"场地预约{outcome}：{venue.Name}",
            $"{Local(booking.Start)}–{Local(booking.End)}　{booking.Purpose}{(booking.DecisionNote is { } n ? "　" + n : "")}",
            $"/conferences/bookings/{booking.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await DescribeAsync(db, [booking], [venue], cancellationToken))[0]);
    }

    internal static async Task<Results<Ok<BookingResponse>, NotFound, ForbidHttpResult>> CancelAsync(Guid id, DecisionRequest? request,
        GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (booking, venue) = await FindAsync(db, id, cancellationToken);
        if (booking is null || venue is null)
        {
            return TypedResults.NotFound();
        }
        if (!IsMine(db.Caller, booking) && !ConferencePermissions.RunsNode(db.Caller, venue.JurisdictionCode))
        {
            return TypedResults.Forbid();
        }
        if (request?.Version is { } version)
        {
            db.Entry(booking).Property(b => b.Version).OriginalValue = version;
        }
        booking.Cancel(clock.GetUtcNow());
        await ReleaseIfFreedAsync(db, booking, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await DescribeAsync(db, [booking], [venue], cancellationToken))[0]);
    }

    /// <summary>A declined or cancelled booking gives its slots back, in the same save as its new state.</summary>
    private static async Task ReleaseIfFreedAsync(GongzhiDbContext db, VenueBooking booking, CancellationToken cancellationToken)
    {
        if (!booking.Holds)
        {
            db.RemoveRange(await db.Set<VenueSlot>().Where(s => s.BookingId == booking.Id).ToListAsync(cancellationToken));
        }
    }

    private static async Task<List<BookingResponse>> DescribeAsync(GongzhiDbContext db, IReadOnlyList<VenueBooking> bookings, IReadOnlyList<Venue> venues,
        CancellationToken cancellationToken)
    {
        var byId = venues.ToDictionary(v => v.Id);
        var names = await OrganisationNamesAsync(db, bookings.Where(b => b.OrganisationId is not null).Select(b => b.OrganisationId!.Value), cancellationToken);
        var caller = db.Caller;
        return bookings.Select(b => new BookingResponse(b.Id, b.VenueId, byId.GetValueOrDefault(b.VenueId)?.Name, b.BodyId, b.OrganisationId,
            b.OrganisationId is { } o ? names.GetValueOrDefault(o) : null, b.Purpose, b.Start, b.End, b.State, b.RequestedAt, b.DecidedAt,
            b.DecisionNote, IsMine(caller, b), byId.TryGetValue(b.VenueId, out var v) && MayDecide(caller, v), b.Version)).ToList();
    }

    private static async Task<Dictionary<Guid, string>> OrganisationNamesAsync(GongzhiDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        // Member units may sit outside the caller's sight; their names are part of the body's directory.
        return await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => list.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static string Local(DateTimeOffset instant) =>
        instant.ToOffset(Venue.LocalOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
