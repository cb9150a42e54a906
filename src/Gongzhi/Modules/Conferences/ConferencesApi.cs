using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// Bodies, members, meetings and escalations under <c>/api/v1/conferences</c>: each handler maps the request to
/// <see cref="BodyService"/> or <see cref="MeetingWorkflow"/>; not found, forbidden, invalid and conflicting answers are
/// the services' exceptions, turned into problem details by the platform.
/// </summary>
internal static class ConferencesApi
{
    public static RouteGroupBuilder MapConferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/conferences").WithTags("Conferences")
            .RequireAuthorization(p => p.RequireRole(ConferencePermissions.Readers));
        group.MapGet("/bodies", ListBodiesAsync);
        group.MapGet("/bodies/{id:guid}", GetBodyAsync);
        group.MapPost("/bodies", CreateBodyAsync);
        group.MapGet("/bodies/{id:guid}/members", ListMembersAsync);
        group.MapPost("/bodies/{id:guid}/members", JoinAsync);
        group.MapPost("/members/{id:guid}/leave", LeaveAsync);
        group.MapGet("/bodies/{id:guid}/meetings", ListMeetingsAsync);
        group.MapPost("/bodies/{id:guid}/meetings", ScheduleAsync);
        group.MapGet("/meetings/{id:guid}", GetMeetingAsync);
        group.MapPost("/meetings/{id:guid}/agenda", AddAgendaItemAsync);
        group.MapPost("/meetings/{id:guid}/open", OpenAsync);
        group.MapPost("/meetings/{id:guid}/attendance", SignInAsync);
        group.MapPut("/meetings/{id:guid}/minutes", RecordMinutesAsync);
        group.MapPost("/meetings/{id:guid}/close", CloseAsync);
        group.MapPost("/meetings/{id:guid}/agenda/{itemId:guid}/escalate", EscalateAsync);
        group.MapGet("/bodies/{id:guid}/escalations", ListEscalationsAsync);
        group.MapPost("/escalations/{id:guid}/answer", AnswerAsync);
        return group;
    }

    internal static async Task<Ok<List<BodyResponse>>> ListBodiesAsync(string? scope, BodyService bodies, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await bodies.ListAsync(callers.Current, scope, cancellationToken));

    internal static async Task<Ok<BodyResponse>> GetBodyAsync(Guid id, BodyService bodies, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bodies.GetAsync(callers.Current, id, cancellationToken));

    internal static async Task<Created<BodyResponse>> CreateBodyAsync(CreateBodyRequest request, BodyService bodies, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var body = await bodies.CreateAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/bodies/{body.Id}", body);
    }

    /// <summary>The contact directory of a body's member units; <c>history=true</c> includes units that have left.</summary>
    internal static async Task<Ok<List<MemberResponse>>> ListMembersAsync(Guid id, bool? history, BodyService bodies, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await bodies.MembersAsync(callers.Current, id, history == true, cancellationToken));

    internal static async Task<Created<MemberResponse>> JoinAsync(Guid id, JoinRequest request, BodyService bodies, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Created($"/api/v1/conferences/bodies/{id}/members", await bodies.JoinAsync(callers.Current, id, request, cancellationToken));

    internal static async Task<NoContent> LeaveAsync(Guid id, BodyService bodies, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        await bodies.LeaveAsync(callers.Current, id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<List<MeetingResponse>>> ListMeetingsAsync(Guid id, MeetingWorkflow meetings, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.ListAsync(callers.Current, id, cancellationToken));

    internal static async Task<Created<MeetingResponse>> ScheduleAsync(Guid id, ScheduleMeetingRequest request, MeetingWorkflow meetings,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var meeting = await meetings.ScheduleAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/meetings/{meeting.Id}", meeting);
    }

    internal static async Task<Ok<MeetingResponse>> GetMeetingAsync(Guid id, MeetingWorkflow meetings, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.GetAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<MeetingResponse>> AddAgendaItemAsync(Guid id, AgendaItemRequest request, MeetingWorkflow meetings,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.AddAgendaItemAsync(callers.Current, id, request, cancellationToken));

    internal static async Task<Ok<MeetingResponse>> OpenAsync(Guid id, MeetingWorkflow meetings, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.OpenAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<MeetingResponse>> SignInAsync(Guid id, SignInRequest request, MeetingWorkflow meetings, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.SignInAsync(callers.Current, id, request, cancellationToken));

    internal static async Task<Ok<MeetingResponse>> RecordMinutesAsync(Guid id, MinutesRequest request, MeetingWorkflow meetings,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.RecordMinutesAsync(callers.Current, id, request, cancellationToken));

    internal static async Task<Ok<MeetingResponse>> CloseAsync(Guid id, VersionRequest? request, MeetingWorkflow meetings, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.CloseAsync(callers.Current, id, request?.Version, cancellationToken));

    internal static async Task<Created<EscalationResponse>> EscalateAsync(Guid id, Guid itemId, EscalateRequest request, MeetingWorkflow meetings,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var escalation = await meetings.EscalateAsync(callers.Current, id, itemId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/escalations/{escalation.Id}", escalation);
    }

    /// <summary><c>direction=incoming</c> (default): escalations sent to this body; <c>outgoing</c>: those it sent up.</summary>
    internal static async Task<Ok<List<EscalationResponse>>> ListEscalationsAsync(Guid id, string? direction, MeetingWorkflow meetings,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.EscalationsAsync(callers.Current, id, direction == "outgoing", cancellationToken));

    internal static async Task<Ok<EscalationResponse>> AnswerAsync(Guid id, AnswerRequest request, MeetingWorkflow meetings, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.AnswerAsync(callers.Current, id, request, cancellationToken));
}
