using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Participation.Publicities;

/// <summary>Publicity under <c>/api/v1/participation/publicity</c>, and a ballot's result put up from the ballot.</summary>
internal static class PublicityApi
{
    public static void MapPublicityApi(this RouteGroupBuilder participation)
    {
        var group = participation.MapGroup("/publicity");
        group.MapGet("/", ListAsync);
        group.MapPost("/", PublishAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/objections", ObjectionsAsync);
        group.MapPost("/{id:guid}/objections", ObjectAsync);
        group.MapPost("/{id:guid}/objections/{objectionId:guid}/answer", AnswerAsync);
        participation.MapPost("/ballots/{id:guid}/publicity", PublishBallotResultAsync);
    }

    internal static async Task<Ok<List<PublicityResponse>>> ListAsync(PublicityService publicity, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok((await publicity.ListAsync(callers.Current, cancellationToken)).Select(p => PublicityResponse.From(p, now)).ToList());
    }

    internal static async Task<Created<PublicityResponse>> PublishAsync(CreatePublicityRequest request, PublicityService publicity,
        ICallerAccessor callers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var created = await publicity.PublishAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/publicity/{created.Id}", PublicityResponse.From(created, clock.GetUtcNow()));
    }

    internal static async Task<Ok<PublicityResponse>> GetAsync(Guid id, PublicityService publicity, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(PublicityResponse.From(await publicity.GetAsync(callers.Current, id, cancellationToken), clock.GetUtcNow()));

    /// <summary>201 the first time; 200 with the same publicity when the ballot's result is already up (a retry).</summary>
    internal static async Task<Results<Created<PublicityResponse>, Ok<PublicityResponse>>> PublishBallotResultAsync(Guid id,
        PublishResultRequest? request, PublicityService publicity, ICallerAccessor callers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (published, created) = await publicity.PublishBallotResultAsync(callers.Current, id, request?.WorkingDays, cancellationToken);
        var response = PublicityResponse.From(published, clock.GetUtcNow());
        return created
            ? TypedResults.Created($"/api/v1/participation/publicity/{published.Id}", response)
            : TypedResults.Ok(response);
    }

    internal static async Task<Ok<List<ObjectionResponse>>> ObjectionsAsync(Guid id, PublicityService publicity, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await publicity.ObjectionsAsync(callers.Current, id, cancellationToken)).Select(ObjectionResponse.From).ToList());

    internal static async Task<Created<ObjectionResponse>> ObjectAsync(Guid id, ObjectionRequest request, PublicityService publicity,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var objection = await publicity.ObjectAsync(callers.Current, id, request.Text, cancellationToken);
        return TypedResults.Created($"/api/v1/participation/publicity/{id}/objections", ObjectionResponse.From(objection));
    }

    internal static async Task<Ok<ObjectionResponse>> AnswerAsync(Guid id, Guid objectionId, AnswerRequest request, PublicityService publicity,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(ObjectionResponse.From(await publicity.AnswerAsync(callers.Current, id, objectionId, request.Answer, request.Version,
            cancellationToken)));
}
