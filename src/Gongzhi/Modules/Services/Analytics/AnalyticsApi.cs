using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Services.Analytics;

/// <summary>Process analytics of the service centre for supervisors, over their own scope.</summary>
public static class AnalyticsApi
{
    internal static void MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/analytics").WithTags("Services").RequireAuthorization(Policies.Supervisor);
        group.MapGet("", MeasureAsync);
        group.MapGet("/items/{code}/versions/{version:int}", CompareAsync);
    }

    /// <param name="from">First day of submission, yyyy-MM-dd.</param>
    /// <param name="to">Last day of submission, yyyy-MM-dd.</param>
    internal static async Task<Ok<ProcessMeasures>> MeasureAsync(string? item, string? centre, string? from, string? to, ProcessAnalytics analytics,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await analytics.MeasureAsync(callers.Current, Query(item, centre, from, to), cancellationToken));

    internal static async Task<Ok<BeforeAfter>> CompareAsync(string code, int version, string? centre, string? from, string? to,
        ProcessAnalytics analytics, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await analytics.CompareAsync(callers.Current, code, version, Query(code, centre, from, to), cancellationToken));

    private static AnalyticsQuery Query(string? item, string? centre, string? from, string? to) =>
        new(item, centre, ProcessAnalytics.Day(from, "from"), ProcessAnalytics.Day(to, "to"));
}
