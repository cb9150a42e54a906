using System.Globalization;
using Gongzhi.Platform.Api;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

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

/// <summary>Shared venues and resources under <c>/api/v1/conferences/venues</c> and <c>/bookings</c>: the routes of <see cref="VenueBookings"/>.</summary>
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

    internal static async Task<Ok<List<VenueResponse>>> ListVenuesAsync(Guid? body, string? scope, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.ListAsync(callers.Current, body, scope, cancellationToken));

    internal static async Task<Ok<VenueResponse>> GetVenueAsync(Guid id, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.GetAsync(callers.Current, id, cancellationToken));

    internal static async Task<Created<VenueResponse>> OfferAsync(OfferVenueRequest request, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var venue = await venues.OfferAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/venues/{venue.Id}", venue);
    }

    internal static async Task<Ok<VenueResponse>> WithdrawAsync(Guid id, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.WithdrawAsync(callers.Current, id, cancellationToken));

    /// <summary>The venue's calendar from <c>from</c> (default now) for <c>days</c> days (default 31, at most 190): every booking, any state.</summary>
    internal static async Task<Ok<List<BookingResponse>>> CalendarAsync(Guid id, DateTimeOffset? from, int? days, VenueBookings venues,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.CalendarAsync(callers.Current, id, from, days, cancellationToken));

    /// <summary>201 with the new booking; 200 with the booking already made when the same request is retried.</summary>
    internal static async Task<Results<Created<BookingResponse>, Ok<BookingResponse>>> BookAsync(Guid id, BookVenueRequest request,
        VenueBookings venues, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var (booking, created) = await venues.BookAsync(callers.Current, id, request, cancellationToken);
        return created ? TypedResults.Created($"/api/v1/conferences/bookings/{booking.Id}", booking) : TypedResults.Ok(booking);
    }

    /// <summary><c>role=mine</c> (default): bookings the caller or their unit made; <c>role=owner</c>: bookings of venues the caller decides on.</summary>
    internal static async Task<Ok<List<BookingResponse>>> ListBookingsAsync(string? role, string? state, VenueBookings venues,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.ListBookingsAsync(callers.Current, role, DefinedEnums.Filter<BookingState>(state, "state"), cancellationToken));

    internal static async Task<Ok<BookingResponse>> GetBookingAsync(Guid id, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.GetBookingAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<BookingResponse>> ApproveAsync(Guid id, DecisionRequest? request, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.ApproveAsync(callers.Current, id, request?.Version, cancellationToken));

    internal static async Task<Ok<BookingResponse>> DeclineAsync(Guid id, DecisionRequest? request, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.DeclineAsync(callers.Current, id, request?.Note, request?.Version, cancellationToken));

    internal static async Task<Ok<BookingResponse>> CancelAsync(Guid id, DecisionRequest? request, VenueBookings venues, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await venues.CancelAsync(callers.Current, id, request?.Version, cancellationToken));
}
