using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Whistles;

/// <summary>吹哨报到 over HTTP: the routes of <see cref="WhistleService"/>.</summary>
internal static class WhistlesApi
{
    public static void MapWhistlesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases/{id:guid}/whistles").WithTags("Whistles").RequireAuthorization(Policies.Staff);
        cases.MapGet("/", ListForCaseAsync);
        cases.MapPost("/", BlowAsync).RequireAuthorization(p => p.RequireRole(Roles.StreetDispatcher, Roles.StreetStaff));

        var whistles = app.MapGroup("/api/v1/whistles").WithTags("Whistles").RequireAuthorization(Policies.Staff);
        whistles.MapGet("/", ListAsync);
        whistles.MapGet("/missed-counts", MissedCountsAsync);
        whistles.MapPost("/{id:guid}/report-in", ReportInAsync);
    }

    private static async Task<Created<WhistleResponse>> BlowAsync(Guid id, BlowWhistleRequest request, WhistleService whistles, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var whistle = await whistles.BlowAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{id}/whistles", whistle);
    }

    private static async Task<Ok<SummonsResponse>> ReportInAsync(Guid id, ReportInRequest? request, WhistleService whistles, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await whistles.ReportInAsync(callers.Current, id, request, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<WhistleResponse>>, NotFound>> ListForCaseAsync(Guid id, WhistleService whistles,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        await whistles.ListForCaseAsync(callers.Current, id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Ok<WhistlePage>> ListAsync(string? scope, Guid? organisation, bool? missed, int? skip, int? take, WhistleService whistles,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await whistles.ListAsync(callers.Current, scope, organisation, missed, skip, take, cancellationToken));

    private static async Task<Ok<IReadOnlyList<MissedCount>>> MissedCountsAsync(string? scope, DateTimeOffset? from, DateTimeOffset? to,
        WhistleService whistles, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await whistles.MissedCountsAsync(callers.Current, scope, from, to, cancellationToken));
}
