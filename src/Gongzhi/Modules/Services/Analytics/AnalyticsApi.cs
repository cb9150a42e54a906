using Gongzhi.Platform.Actions;
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
        group.MapGet("/breakdown", BreakdownAsync);
        group.MapGet("/backlog", BacklogAsync);
        group.MapGet("/export", ExportAsync);
        group.MapGet("/items/{code}/versions/{version:int}", CompareAsync);
    }

    /// <param name="from">First day of submission, yyyy-MM-dd.</param>
    /// <param name="to">Last day of submission, yyyy-MM-dd.</param>
    /// <param name="level">district, street or community: items of that level only.</param>
    internal static async Task<Ok<ProcessMeasures>> MeasureAsync(string? item, string? centre, string? from, string? to, string? level,
        ProcessAnalytics analytics, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await analytics.MeasureAsync(callers.Current, ProcessAnalytics.Query(item, centre, from, to, level), cancellationToken));

    /// <summary>The measures per item, per child area of the centre (or of the caller's scope), per level or per department.</summary>
    /// <param name="by">item, area, level or department.</param>
    internal static async Task<Ok<IReadOnlyList<MeasuresOf>>> BreakdownAsync(string? by, string? item, string? centre, string? from, string? to,
        string? level, ProcessAnalytics analytics, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await analytics.BreakdownAsync(callers.Current, ProcessAnalytics.Query(item, centre, from, to, level),
            ProcessAnalytics.Breakdown(by) ?? throw FieldValidationException.Field("by", ServicesText.Get("Analytics.BadBreakdown")), cancellationToken));

    /// <summary>The applications open now per centre of the area, and how many are past their limit.</summary>
    internal static async Task<Ok<IReadOnlyList<CentreBacklog>>> BacklogAsync(string? centre, ProcessAnalytics analytics, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await analytics.BacklogAsync(callers.Current, centre, cancellationToken));

    /// <summary>The measures table of the page for the same parameters, as CSV (<c>format=csv</c>, the default) or a workbook (<c>format=xlsx</c>).</summary>
    internal static async Task<FileContentHttpResult> ExportAsync(string? format, string? by, int? version, string? item, string? centre, string? from,
        string? to, string? level, ProcessAnalytics analytics, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            throw FieldValidationException.Field("format", ServicesText.Get("Analytics.BadFormat"));
        }
        var breakdown = string.IsNullOrWhiteSpace(by) ? (AnalyticsBreakdown?)null
            : ProcessAnalytics.Breakdown(by) ?? throw FieldValidationException.Field("by", ServicesText.Get("Analytics.BadBreakdown"));
        var table = await analytics.TableAsync(callers.Current, ProcessAnalytics.Query(item, centre, from, to, level), breakdown, version, cancellationToken);
        using var file = new MemoryStream();
        if (xlsx)
        {
            await MeasuresExport.WriteXlsxAsync(table, file, cancellationToken);
        }
        else
        {
            await MeasuresExport.WriteCsvAsync(table, file, cancellationToken);
        }
        return TypedResults.File(file.ToArray(), xlsx ? MeasuresExport.XlsxContentType : MeasuresExport.CsvContentType,
            xlsx ? "service-analytics.xlsx" : "service-analytics.csv");
    }

    internal static async Task<Ok<BeforeAfter>> CompareAsync(string code, int version, string? centre, string? from, string? to,
        ProcessAnalytics analytics, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await analytics.CompareAsync(callers.Current, code, version, ProcessAnalytics.Query(code, centre, from, to, null), cancellationToken));
}
