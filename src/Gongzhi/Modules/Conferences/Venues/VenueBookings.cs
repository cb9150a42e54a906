using Gongzhi.Components.Kit;
using Gongzhi.Modules.Conferences.Meetings;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences.Venues;

/// <summary>
/// Shared venues and resources (阵地共享): member units offer them, members of the body book them, the owner decides.
/// Overlaps are refused by the database (<see cref="VenueSlot"/>); the check before the insert only gives the common case
/// a friendlier message. Every write runs through <see cref="RecordActions"/> as the explicit caller.
/// </summary>
internal sealed class VenueBookings(GongzhiDbContext db, RecordActions actions, IOrganisationDirectory organisations, TimeProvider clock,
    Notifier notifier, ShownTime shown)
{
    /// <summary>Member units of the body (current members only).</summary>
    public static Task<List<Guid>> MemberOrganisationsAsync(GongzhiDbContext db, Guid bodyId, CancellationToken cancellationToken) =>
        // Memberships sit at the body's node; who belongs is asked whatever the caller's scope.
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

    /// <summary>The caller may book the body's venues (what the venue page asks before it shows the booking form).</summary>
    public async Task<bool> MayBookAsync(Caller caller, ConferenceBody body, CancellationToken cancellationToken) =>
        MayBook(caller, body, await MemberOrganisationsAsync(db, body.Id, cancellationToken));

    public async Task<List<VenueResponse>> ListAsync(Caller caller, Guid? bodyId, string? scope, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var query = db.Set<Venue>().AsNoTracking().Where(v => !v.Withdrawn);
        if (bodyId is { } id)
        {
            query = query.Where(v => v.BodyId == id);
        }
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.IsWellFormed(scope))
            {
                throw ConferencesText.Invalid("scope", "Scope.Malformed");
            }
            if (!caller.CanSee(scope))
            {
                throw new ActionForbiddenException();
            }
            var prefix = JurisdictionCode.QueryPrefix(scope);
            query = query.Where(v => v.JurisdictionCode.StartsWith(prefix));
        }
        var venues = await query.OrderBy(v => v.JurisdictionCode).ThenBy(v => v.Name).Take(1000).ToListAsync(cancellationToken);
        var names = await OrganisationNamesAsync(venues.Select(v => v.OwnerOrganisationId), cancellationToken);
        return venues.Select(v => VenueResponse.From(v, names.GetValueOrDefault(v.OwnerOrganisationId))).ToList();
    }

    public async Task<VenueResponse> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var venue = await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new RecordNotFoundException();
        var names = await OrganisationNamesAsync([venue.OwnerOrganisationId], cancellationToken);
        return VenueResponse.From(venue, names.GetValueOrDefault(venue.OwnerOrganisationId));
    }

    public async Task<VenueResponse> OfferAsync(Caller caller, OfferVenueRequest request, CancellationToken cancellationToken)
    {
        ConferenceBody? body;
        using (db.As(caller))
        {
            body = request.BodyId is { } bodyId
                ? await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, cancellationToken)
                : null;
        }
        var errors = new Dictionary<string, string[]>();
        if (body is null)
        {
            errors["bodyId"] = [ConferencesText.Get("Venue.Body")];
        }
        var owner = request.OwnerOrganisationId ?? (Guid.TryParse(caller.OrganisationId, out var own) ? own : null);
        if (owner is null)
        {
            errors["ownerOrganisationId"] = [ConferencesText.Get("Venue.Owner")];
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > Venue.MaxNameLength)
        {
            errors["name"] = [ConferencesText.Format("Body.Name", Venue.MaxNameLength)];
        }
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [ConferencesText.Get("Venue.Kind")];
        }
        if (request.Capacity is not (>= 1 and <= 100000))
        {
            errors["capacity"] = [ConferencesText.Get("Venue.Capacity")];
        }
        if (request.Address is { Length: > Venue.MaxAddressLength })
        {
            errors["address"] = [ConferencesText.Format("Field.AtMost", Venue.MaxAddressLength)];
        }
        var windows = ParseWindows(request.OpeningHours, errors);
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var members = await MemberOrganisationsAsync(db, body!.Id, cancellationToken);
        if (!members.Contains(owner!.Value))
        {
            throw ConferencesText.Invalid("ownerOrganisationId", "Venue.OwnerMember");
        }
        var venue = Venue.Offer(body, owner.Value, request.Name!, request.Kind!.Value, request.Capacity!.Value, request.Address, windows!, clock.GetUtcNow());
        // The unit's own staff offer its venue; the body's level may enter one on a member's behalf.
        var rules = new DelegateRules<Venue>((who, v) => ConferencePermissions.Runs(who, body) || who.OrganisationId == v.OwnerOrganisationId.ToString());
        await actions.CreateAsync(caller, venue, "offer", rules, cancellationToken);
        var names = await OrganisationNamesAsync([owner.Value], cancellationToken);
        return VenueResponse.From(venue, names.GetValueOrDefault(owner.Value));
    }

    private static List<OpeningWindow>? ParseWindows(IReadOnlyList<OpeningWindowDto>? windows, Dictionary<string, string[]> errors)
    {
        if (windows is not { Count: > 0 })
        {
            errors["openingHours"] = [ConferencesText.Get("Venue.Hours")];
            return null;
        }
        var parsed = new List<OpeningWindow>();
        for (var i = 0; i < windows.Count; i++)
        {
            var (opens, closes) = (OpeningWindowDto.Parse(windows[i].Opens), OpeningWindowDto.Parse(windows[i].Closes));
            if (!Enum.IsDefined(windows[i].Day) || opens is null || closes is null)
            {
                errors[$"openingHours[{i}]"] = [ConferencesText.Get("Venue.Window")];
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

    public async Task<VenueResponse> WithdrawAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var venue = await actions.RunAsync(caller, v => v.Id == id, "withdraw", null, ConferenceRules.Venue, v =>
        {
            v.Withdraw();
            return Task.CompletedTask;
        }, cancellationToken);
        return VenueResponse.From(venue, null);
    }

    /// <summary>The venue's calendar from <paramref name="from"/> (default now) for <paramref name="days"/> days (default 31, at most 190): every booking, any state.</summary>
    public async Task<List<BookingResponse>> CalendarAsync(Caller caller, Guid id, DateTimeOffset? from, int? days, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var venue = await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new RecordNotFoundException();
        if (days is < 1 or > 190)
        {
            throw ConferencesText.Invalid("days", "Venue.Days");
        }
        var start = from ?? clock.GetUtcNow();
        var end = start.AddDays(days ?? 31);
        var bookings = await db.Set<VenueBooking>().AsNoTracking().Where(b => b.VenueId == id && b.End > start && b.Start < end)
            .OrderBy(b => b.Start).Take(2000).ToListAsync(cancellationToken);
        return await DescribeAsync(caller, bookings, [venue], cancellationToken);
    }

    /// <summary>A booking request; <c>Created</c> is false when a retry of the same request answers with the booking it already made.</summary>
    public async Task<(BookingResponse Booking, bool Created)> BookAsync(Caller caller, Guid id, BookVenueRequest request, CancellationToken cancellationToken)
    {
        VenueBooking? booking = null;
        Venue? loaded = null;
        var taken = false;
        // Who may book depends on the body's member units: asked in the step itself, after the input is checked.
        var anyone = new DelegateRules<Venue>((_, _) => true);
        try
        {
            await actions.RunAsync(caller, v => v.Id == id, "book", null, anyone, async venue =>
            {
                loaded = venue;
                var body = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == venue.BodyId, cancellationToken)
                    ?? throw new RecordNotFoundException();
                var errors = new Dictionary<string, string[]>();
                if (request.Start is null)
                {
                    errors["start"] = [ConferencesText.Get("Booking.Start")];
                }
                if (request.End is null)
                {
                    errors["end"] = [ConferencesText.Get("Booking.End")];
                }
                if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Trim().Length > VenueBooking.MaxPurposeLength)
                {
                    errors["purpose"] = [ConferencesText.Format("Booking.Purpose", VenueBooking.MaxPurposeLength)];
                }
                if (errors.Count > 0)
                {
                    throw new FieldValidationException(errors);
                }
                var members = await MemberOrganisationsAsync(db, body.Id, cancellationToken);
                if (!MayBook(caller, body, members) || caller.UserId is null)
                {
                    throw new ActionForbiddenException();
                }
                var organisation = request.OrganisationId ?? (Guid.TryParse(caller.OrganisationId, out var own) ? own : null);
                if (request.OrganisationId is { } asked && asked.ToString() != caller.OrganisationId
                    && (!ConferencePermissions.Runs(caller, body) || !members.Contains(asked)))
                {
                    // Only the body's level books on behalf of another member unit.
                    throw new ActionForbiddenException();
                }
                var (attempt, slots) = VenueBooking.Request(venue, organisation, caller.UserId, caller.UserName, request.Purpose!, request.Start!.Value,
                    request.End!.Value, clock.GetUtcNow(), shown.Zone);
                booking = attempt;
                var slotNumbers = slots.Select(s => s.Slot).ToList();
                if (await db.Set<VenueSlot>().AnyAsync(s => s.VenueId == id && slotNumbers.Contains(s.Slot), cancellationToken))
                {
                    taken = true;
                    return;
                }
                db.Add(attempt);
                db.AddRange(slots);
                notifier.Notify(await ConferenceRecipients.StaffOfAsync(db, [venue.OwnerOrganisationId], cancellationToken), VenuesApi.BookingRequestedNotification,
                    ConferencesText.Format("Booking.Requested", venue.Name), $"{Local(attempt.Start)}–{Local(attempt.End)}　{attempt.Purpose}",
                    $"/conferences/bookings/{attempt.Id}");
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request took one of the slots between the check above and this insert: the key said no.
            db.ChangeTracker.Clear();
            taken = true;
        }
        if (taken)
        {
            return (await RetryOrConflictAsync(caller, booking!, loaded!, cancellationToken), false);
        }
        return ((await DescribeAsync(caller, [booking!], [loaded!], cancellationToken))[0], true);
    }

    /// <summary>
    /// A retried request (same person, venue, time and purpose, still holding) gets the booking it already made;
    /// anything else overlapping is a conflict.
    /// </summary>
    private async Task<BookingResponse> RetryOrConflictAsync(Caller caller, VenueBooking attempt, Venue venue, CancellationToken cancellationToken)
    {
        var same = await db.Set<VenueBooking>().AsNoTracking().FirstOrDefaultAsync(b => b.VenueId == attempt.VenueId
            && b.BookedByUserId == attempt.BookedByUserId && b.Start == attempt.Start && b.End == attempt.End && b.Purpose == attempt.Purpose
            && (b.State == BookingState.Pending || b.State == BookingState.Approved), cancellationToken);
        if (same is not null)
        {
            return (await DescribeAsync(caller, [same], [venue], cancellationToken))[0];
        }
        throw new RuleViolationException(ConferencesText.Format("Booking.Overlap", venue.Name,
            Local(attempt.Start) + "–" + shown.Text(attempt.End, "HH:mm")));
    }

    /// <summary><paramref name="role"/> <c>mine</c> (default): bookings the caller or their unit made; <c>owner</c>: bookings of venues the caller decides on.</summary>
    public async Task<List<BookingResponse>> ListBookingsAsync(Caller caller, string? role, BookingState? state, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
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
                throw ConferencesText.Invalid("role", "Booking.Role");
        }
        if (state is { } s)
        {
            query = query.Where(b => b.State == s);
        }
        var bookings = await query.OrderByDescending(b => b.Start).Take(500).ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.VenueId).Distinct().ToList();
        // The caller's own bookings may be of venues that lie out of their sight (a member unit's room at the body's node).
        var venues = await db.Set<Venue>().IgnoreQueryFilters().AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken);
        return await DescribeAsync(caller, bookings, venues, cancellationToken);
    }

    public async Task<BookingResponse> GetBookingAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var (booking, venue) = await FindAsync(caller, id, cancellationToken);
        return (await DescribeAsync(caller, [booking], [venue], cancellationToken))[0];
    }

    /// <summary>A booking the caller may see: its venue is in sight, or the caller or their unit made it.</summary>
    private async Task<(VenueBooking Booking, Venue Venue)> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var booking = await db.Set<VenueBooking>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw new RecordNotFoundException();
        var venue = await db.Set<Venue>().FirstOrDefaultAsync(v => v.Id == booking.VenueId, cancellationToken);
        if (venue is null && IsMine(caller, booking))
        {
            // The booker follows their own booking even when the venue lies out of their sight.
            venue = await db.Set<Venue>().IgnoreQueryFilters().FirstOrDefaultAsync(v => v.Id == booking.VenueId, cancellationToken);
        }
        return venue is null ? throw new RecordNotFoundException() : (booking, venue);
    }

    public Task<BookingResponse> ApproveAsync(Caller caller, Guid id, long? version, CancellationToken cancellationToken) =>
        DecideAsync(caller, id, version, (b, by) => b.Approve(by, clock.GetUtcNow()), "Booking.Approved", cancellationToken);

    public Task<BookingResponse> DeclineAsync(Caller caller, Guid id, string? note, long? version, CancellationToken cancellationToken) =>
        DecideAsync(caller, id, version, (b, by) => b.Decline(by, note, clock.GetUtcNow()), "Booking.Declined", cancellationToken);

    private async Task<BookingResponse> DecideAsync(Caller caller, Guid id, long? version, Action<VenueBooking, string?> decide, string outcome,
        CancellationToken cancellationToken)
    {
        Venue venue;
        using (db.As(caller))
        {
            (_, venue) = await FindAsync(caller, id, cancellationToken);
        }
        var rules = new DelegateRules<VenueBooking>((who, _) => MayDecide(who, venue));
        var booking = await actions.RunAsync(caller, b => b.Id == id, "decide", version, rules, async booking =>
        {
            decide(booking, caller.UserName);
            await ReleaseIfFreedAsync(booking, cancellationToken);
            notifier.Notify([booking.BookedByUserId], VenuesApi.BookingDecidedNotification, ConferencesText.Format(outcome, venue.Name),
                $"{Local(booking.Start)}–{Local(booking.End)}　{booking.Purpose}{(booking.DecisionNote is { } n ? "　" + n : "")}",
                $"/conferences/bookings/{booking.Id}");
        }, cancellationToken);
        return (await DescribeAsync(caller, [booking], [venue], cancellationToken))[0];
    }

    public async Task<BookingResponse> CancelAsync(Caller caller, Guid id, long? version, CancellationToken cancellationToken)
    {
        Venue venue;
        using (db.As(caller))
        {
            (_, venue) = await FindAsync(caller, id, cancellationToken);
        }
        var rules = new DelegateRules<VenueBooking>((who, b) => IsMine(who, b) || ConferencePermissions.RunsNode(who, venue.JurisdictionCode));
        var booking = await actions.RunAsync(caller, b => b.Id == id, "cancel", version, rules, async booking =>
        {
            booking.Cancel(clock.GetUtcNow());
            await ReleaseIfFreedAsync(booking, cancellationToken);
        }, cancellationToken);
        return (await DescribeAsync(caller, [booking], [venue], cancellationToken))[0];
    }

    /// <summary>A declined or cancelled booking gives its slots back, in the same save as its new state.</summary>
    private async Task ReleaseIfFreedAsync(VenueBooking booking, CancellationToken cancellationToken)
    {
        if (!booking.Holds)
        {
            db.RemoveRange(await db.Set<VenueSlot>().Where(s => s.BookingId == booking.Id).ToListAsync(cancellationToken));
        }
    }

    private async Task<List<BookingResponse>> DescribeAsync(Caller caller, IReadOnlyList<VenueBooking> bookings, IReadOnlyList<Venue> venues,
        CancellationToken cancellationToken)
    {
        var byId = venues.ToDictionary(v => v.Id);
        var names = await OrganisationNamesAsync(bookings.Where(b => b.OrganisationId is not null).Select(b => b.OrganisationId!.Value), cancellationToken);
        return bookings.Select(b => new BookingResponse(b.Id, b.VenueId, byId.GetValueOrDefault(b.VenueId)?.Name, b.BodyId, b.OrganisationId,
            b.OrganisationId is { } o ? names.GetValueOrDefault(o) : null, b.Purpose, b.Start, b.End, b.State, b.RequestedAt, b.DecidedAt,
            b.DecisionNote, IsMine(caller, b), byId.TryGetValue(b.VenueId, out var v) && MayDecide(caller, v), b.Version)).ToList();
    }

    // Member units may sit outside the caller's sight; their names are part of the body's directory.
    private Task<IReadOnlyDictionary<Guid, string>> OrganisationNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken) =>
        organisations.NamesAsync(ids, cancellationToken);

    private string Local(DateTimeOffset instant) => shown.Text(instant);
}
