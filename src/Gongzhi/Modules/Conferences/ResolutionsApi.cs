using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Conferences;

public sealed record TaskResponse(Guid Id, Guid? ParentTaskId, string Title, Guid? OwnerOrganisationId, Guid? OwnerBodyId, DateTimeOffset Deadline,
    decimal Weight, decimal Progress, bool Overdue, bool Accepted, DateTimeOffset? AcceptedAt, IReadOnlyList<ProgressReport> Reports, long Version);

public sealed record ResolutionResponse(Guid Id, Guid BodyId, Guid MeetingId, string Text, ResolutionState State, decimal Progress,
    DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, IReadOnlyList<TaskResponse> Tasks, long Version);

public sealed record TaskRequest(string? Title, Guid? OwnerOrganisationId, Guid? OwnerBodyId, DateTimeOffset? Deadline, decimal? Weight, Guid? ParentTaskId);

public sealed record AdoptResolutionRequest(string? Text, IReadOnlyList<TaskRequest>? Tasks);

public sealed record ProgressRequest(decimal? Percent, string? Note, IReadOnlyList<Guid>? EvidenceFileIds);

/// <summary>Resolutions and their tasks: the routes of <see cref="ResolutionWorkflow"/>.</summary>
internal static class ResolutionsApi
{
    public static void MapResolutionsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/meetings/{id:guid}/resolutions", ListAsync);
        group.MapPost("/meetings/{id:guid}/resolutions", AdoptAsync);
        group.MapGet("/resolutions/{id:guid}", GetAsync);
        group.MapPost("/resolutions/{id:guid}/tasks", AddTaskAsync);
        group.MapPost("/resolutions/{id:guid}/complete", CompleteAsync);
        group.MapPost("/tasks/{id:guid}/progress", ReportAsync);
        group.MapPost("/tasks/{id:guid}/accept", AcceptAsync);
    }

    internal static async Task<Ok<List<ResolutionResponse>>> ListAsync(Guid id, ResolutionWorkflow resolutions, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await resolutions.ListAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<ResolutionResponse>> GetAsync(Guid id, ResolutionWorkflow resolutions, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await resolutions.GetAsync(callers.Current, id, cancellationToken));

    internal static async Task<Created<ResolutionResponse>> AdoptAsync(Guid id, AdoptResolutionRequest request, ResolutionWorkflow resolutions,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var resolution = await resolutions.AdoptAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/resolutions/{resolution.Id}", resolution);
    }

    internal static async Task<Created<ResolutionResponse>> AddTaskAsync(Guid id, TaskRequest request, ResolutionWorkflow resolutions,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Created($"/api/v1/conferences/resolutions/{id}", await resolutions.AddTaskAsync(callers.Current, id, request, cancellationToken));

    internal static async Task<Ok<ResolutionResponse>> ReportAsync(Guid id, ProgressRequest request, ResolutionWorkflow resolutions,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await resolutions.ReportAsync(callers.Current, id, request, cancellationToken));

    internal static async Task<Ok<ResolutionResponse>> AcceptAsync(Guid id, ResolutionWorkflow resolutions, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await resolutions.AcceptAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<ResolutionResponse>> CompleteAsync(Guid id, VersionRequest? request, ResolutionWorkflow resolutions,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await resolutions.CompleteAsync(callers.Current, id, request?.Version, cancellationToken));
}
