using Gongzhi.Modules.Services.Queue;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Services.Appointments;

/// <summary>Appointments (预约): a centre's slots under <c>/api/v1/services/centres/{code}</c>, bookings under <c>/api/v1/services/appointments</c>.</summary>
public static class AppointmentsApi
{
    internal static void MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/services/centres/{code}/slots", SlotsAsync).WithTags("Services").AllowAnonymous();
        var centres = app.MapGroup("/api/v1/services/centres/{code}").WithTags("Services").RequireAuthorization();
        centres.MapPost("/slots", OpenSlotAsync);
        centres.MapGet("/appointments", CentreAsync);

        var appointments = app.MapGroup("/api/v1/services/appointments").WithTags("Services").RequireAuthorization();
        appointments.MapPost("", BookAsync);
        appointments.MapGet("/mine", MineAsync);
        appointments.MapPost("/{id:guid}/cancel", CancelAsync);
        appointments.MapPost("/{id:guid}/check-in", CheckInAsync);
    }

    internal static async Task<Ok<IReadOnlyList<SlotResponse>>> SlotsAsync(string code, int? days, AppointmentQueries queries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SlotsAsync(code, days ?? 7, cancellationToken));

    internal static async Task<Created<SlotResponse>> OpenSlotAsync(string code, SlotRequest request, AppointmentService service, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var slot = await service.OpenSlotAsync(callers.Current, code, request, cancellationToken);
        return TypedResults.Created($"/api/v1/services/centres/{code}/slots", SlotResponse.From(slot));
    }

    internal static async Task<Ok<IReadOnlyList<AppointmentResponse>>> CentreAsync(string code, AppointmentQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CentreAsync(callers.Current, code, cancellationToken));

    /// <summary>201 with the booking; 200 with the one the resident already holds in that slot (pressed again, or retried).</summary>
    internal static async Task<Results<Created<AppointmentResponse>, Ok<AppointmentResponse>>> BookAsync(BookRequest request,
        AppointmentService service, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var (appointment, created) = await service.BookAsync(callers.Current, request, cancellationToken);
        var response = AppointmentResponse.From(appointment, true);
        return created ? TypedResults.Created($"/api/v1/services/appointments/{appointment.Id}", response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<IReadOnlyList<AppointmentResponse>>> MineAsync(AppointmentQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.MineAsync(callers.Current, cancellationToken));

    internal static async Task<Ok<AppointmentResponse>> CancelAsync(Guid id, AppointmentService service, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var appointment = await service.CancelAsync(caller, id, cancellationToken);
        return TypedResults.Ok(AppointmentResponse.From(appointment, AppointmentRules.IsOwner(caller, appointment)));
    }

    internal static async Task<Ok<CheckInResponse>> CheckInAsync(Guid id, AppointmentService service, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var (appointment, ticket) = await service.CheckInAsync(callers.Current, id, cancellationToken);
        return TypedResults.Ok(new CheckInResponse(AppointmentResponse.From(appointment, false), TicketResponse.From(ticket, false)));
    }
}
