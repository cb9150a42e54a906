using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.Services.Queue;

/// <summary>
/// The window queue (取号/叫号) under <c>/api/v1/services/centres/{code}</c> and <c>/api/v1/services/tickets</c>. Thin: each
/// handler maps to <see cref="QueueService"/> or <see cref="QueueQueries"/>. The groups and the hall display are public.
/// </summary>
public static class QueueApi
{
    internal static void MapQueueApi(this IEndpointRouteBuilder app)
    {
        var centres = app.MapGroup("/api/v1/services/centres/{code}").WithTags("Services");
        centres.MapGet("/groups", GroupsAsync).AllowAnonymous();
        centres.MapGet("/display", DisplayAsync).AllowAnonymous();
        var staff = app.MapGroup("/api/v1/services/centres/{code}").WithTags("Services").RequireAuthorization();
        staff.MapPost("/groups", ArrangeGroupAsync);
        staff.MapPut("/groups/{prefix}", ReviseGroupAsync);
        staff.MapPost("/tickets", TakeAsync);
        staff.MapGet("/tickets", TicketsAsync);
        staff.MapPost("/windows/{window:int}/call", CallNextAsync);

        var tickets = app.MapGroup("/api/v1/services/tickets").WithTags("Services").RequireAuthorization();
        tickets.MapGet("/mine", MineAsync);
        tickets.MapGet("/{id:guid}", GetAsync);
        tickets.MapPost("/{id:guid}/serve", ServeAsync);
        tickets.MapPost("/{id:guid}/no-show", NoShowAsync);
        tickets.MapPost("/{id:guid}/recall", RecallAsync);
        tickets.MapPost("/{id:guid}/transfer", TransferAsync);
        tickets.MapPost("/{id:guid}/requeue", RequeueAsync);
    }

    internal static async Task<Ok<IReadOnlyList<QueueGroupResponse>>> GroupsAsync(string code, QueueQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GroupsAsync(code, cancellationToken));

    internal static async Task<Ok<HallDisplay>> DisplayAsync(string code, QueueQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.DisplayAsync(code, cancellationToken));

    internal static async Task<Created<QueueGroupResponse>> ArrangeGroupAsync(string code, QueueGroupRequest request, QueueService queue,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var group = await queue.ArrangeGroupAsync(callers.Current, code, request, cancellationToken);
        return TypedResults.Created($"/api/v1/services/centres/{code}/groups", QueueGroupResponse.From(group, 0));
    }

    internal static async Task<Ok<QueueGroupResponse>> ReviseGroupAsync(string code, string prefix, QueueGroupRequest request, QueueService queue,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(QueueGroupResponse.From(await queue.ReviseGroupAsync(callers.Current, code, prefix, request, cancellationToken), 0));

    internal static async Task<Results<Created<TicketResponse>, Ok<TicketResponse>>> TakeAsync(string code, TakeTicketRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, QueueService queue, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var (ticket, created) = await queue.TakeAsync(caller, code, request, idempotencyKey, cancellationToken);
        var response = TicketResponse.From(ticket, QueueRules.IsHolder(caller, ticket));
        return created ? TypedResults.Created($"/api/v1/services/tickets/{ticket.Id}", response) : TypedResults.Ok(response);
    }

    internal static async Task<Ok<IReadOnlyList<TicketResponse>>> TicketsAsync(string code, QueueQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.TicketsAsync(callers.Current, code, cancellationToken));

    /// <summary>The called ticket, or 204 when nobody waits for the window's groups.</summary>
    internal static async Task<Results<Ok<TicketResponse>, NoContent>> CallNextAsync(string code, int window, CallRequest? request, QueueService queue,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        await queue.CallNextAsync(callers.Current, code, window, request ?? new CallRequest(), cancellationToken) is { } ticket
            ? TypedResults.Ok(TicketResponse.From(ticket, false))
            : TypedResults.NoContent();

    internal static async Task<Ok<IReadOnlyList<TicketResponse>>> MineAsync(QueueQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.MineAsync(callers.Current, cancellationToken));

    internal static async Task<Results<Ok<TicketResponse>, NotFound>> GetAsync(Guid id, QueueQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await queries.GetAsync(callers.Current, id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    internal static async Task<Ok<TicketResponse>> ServeAsync(Guid id, TicketActionRequest? request, QueueService queue, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await queue.ServeAsync(callers.Current, id, request ?? new TicketActionRequest(), cancellationToken), false));

    internal static async Task<Ok<TicketResponse>> NoShowAsync(Guid id, TicketActionRequest? request, QueueService queue, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await queue.NoShowAsync(callers.Current, id, request ?? new TicketActionRequest(), cancellationToken), false));

    internal static async Task<Ok<TicketResponse>> RecallAsync(Guid id, TicketActionRequest? request, QueueService queue, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await queue.RecallAsync(callers.Current, id, request ?? new TicketActionRequest(), cancellationToken), false));

    internal static async Task<Ok<TicketResponse>> TransferAsync(Guid id, TransferRequest request, QueueService queue, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await queue.TransferAsync(callers.Current, id, request, cancellationToken), false));

    internal static async Task<Ok<TicketResponse>> RequeueAsync(Guid id, TicketActionRequest? request, QueueService queue, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await queue.RequeueAsync(callers.Current, id, request ?? new TicketActionRequest(), cancellationToken), false));
}
