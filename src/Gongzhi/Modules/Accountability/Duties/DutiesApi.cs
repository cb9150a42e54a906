using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>Duty lists (权责清单) under <c>/api/v1/duties</c>: the lines, the review of a district or street, and the decisions on overlaps.</summary>
internal static class DutiesApi
{
    private const string Root = "/api/v1/duties";

    public static void MapDutiesApi(this IEndpointRouteBuilder app)
    {
        var duties = app.MapGroup(Root).WithTags("Duties").RequireAuthorization(Policies.Staff);
        duties.MapGet("/", ListAsync);
        duties.MapPost("/", DefineAsync);
        duties.MapGet("/{id:guid}", FindAsync);
        duties.MapPut("/{id:guid}", ChangeAsync);
        duties.MapGet("/overlaps", OverlapsAsync);
        duties.MapGet("/gaps", GapsAsync);
        duties.MapGet("/contradictions", ContradictionsAsync);
        duties.MapGet("/resolutions", ResolutionsAsync);
        duties.MapPost("/resolutions", ResolveAsync);
    }

    private static async Task<Ok<IReadOnlyList<DutyResponse>>> ListAsync(Guid? organisation, string? scope, DutyQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(callers.Current, organisation, scope, cancellationToken));

    private static async Task<Ok<DutyResponse>> FindAsync(Guid id, DutyQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.FindAsync(callers.Current, id, cancellationToken));

    private static async Task<Created<DutyResponse>> DefineAsync(DutyRequest request, DutyService service, DutyQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var duty = await service.DefineAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"{Root}/{duty.Id}", await queries.FindAsync(callers.Current, duty.Id, cancellationToken));
    }

    private static async Task<Ok<DutyResponse>> ChangeAsync(Guid id, DutyRequest request, DutyService service, DutyQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        await service.ChangeAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Ok(await queries.FindAsync(callers.Current, id, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<OverlapResponse>>> OverlapsAsync(string? scope, DutyQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await queries.ReviewAsync(callers.Current, scope, cancellationToken)).Overlaps);

    private static async Task<Ok<IReadOnlyList<GapResponse>>> GapsAsync(string? scope, DutyQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await queries.ReviewAsync(callers.Current, scope, cancellationToken)).Gaps);

    private static async Task<Ok<IReadOnlyList<ContradictionResponse>>> ContradictionsAsync(string? scope, DutyQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await queries.ReviewAsync(callers.Current, scope, cancellationToken)).Contradictions);

    private static async Task<Ok<IReadOnlyList<DecisionResponse>>> ResolutionsAsync(string? scope, DutyQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await queries.ReviewAsync(callers.Current, scope, cancellationToken)).Decisions);

    private static async Task<Created<DecisionResponse>> ResolveAsync(ResolutionRequest request, DutyService service, DutyQueries queries,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var decision = await service.ResolveAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"{Root}/resolutions?scope={decision.JurisdictionCode}", await queries.DecisionAsync(callers.Current, decision, cancellationToken));
    }
}
