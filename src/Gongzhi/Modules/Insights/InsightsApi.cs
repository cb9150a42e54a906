using Gongzhi.Components;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Insights;

public sealed record IndicatorsResponse(string Scope, DateOnly From, DateOnly To, Guid? Organisation, string? Category, IndicatorSet Indicators);

public sealed record BreakdownResponse(string Scope, BreakdownDimension By, DateOnly From, DateOnly To, Guid? Organisation, string? Category,
    IReadOnlyList<BreakdownRow> Rows);

public sealed record MapResponse(string Scope, IReadOnlyList<MapCount> Children);

public sealed record TrendResponse(string Scope, TrendInterval Interval, DateOnly From, DateOnly To, IReadOnlyList<TrendPoint> Points);

internal static class InsightsApi
{
    /// <summary>A daily chart of more than two years is unreadable; ask for weeks or months instead.</summary>
    public const int MaxTrendPoints = 800;

    public static void MapInsightsApi(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/api/v1/indicators").WithTags("Insights").RequireAuthorization(Policies.Staff);
        indicators.MapGet("/", GetAsync);
        indicators.MapGet("/breakdown", BreakdownAsync);
        indicators.MapGet("/map", MapAsync);
        indicators.MapGet("/trend", TrendAsync);
        indicators.MapGet("/fragmentation", FragmentationAsync);

        var exports = app.MapGroup("/api/v1/exports").WithTags("Insights").RequireAuthorization(Policies.Staff);
        exports.MapGet("/cases.csv", InsightsExports.CasesAsync).Produces(StatusCodes.Status200OK, contentType: InsightsExports.ContentType);
        exports.MapGet("/indicators.csv", InsightsExports.IndicatorsAsync).Produces(StatusCodes.Status200OK, contentType: InsightsExports.ContentType);
    }

    internal static async Task<Results<Ok<IndicatorsResponse>, ValidationProblem, ForbidHttpResult>> GetAsync(string? scope, string? from, string? to,
        string? organisation, string? category, GongzhiDbContext db, IndicatorService service, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = IndicatorFilter.Parse(scope, from, to, organisation, category, db.Caller, clock, errors);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!db.Caller.Covers(filter.Scope))
        {
            return TypedResults.Forbid();
        }
        var set = await service.ComputeAsync(filter, cancellationToken);
        return TypedResults.Ok(new IndicatorsResponse(filter.Scope, filter.From, filter.To, filter.Organisation, filter.Category, set));
    }

    internal static async Task<Results<Ok<BreakdownResponse>, ValidationProblem, ForbidHttpResult>> BreakdownAsync(string? scope, string? by,
        string? from, string? to, string? organisation, string? category, GongzhiDbContext db, IndicatorBreakdowns breakdowns,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = IndicatorFilter.Parse(scope, from, to, organisation, category, db.Caller, clock, errors);
        var dimension = ParseDimension(by, filter, errors);
        if (filter is null || dimension is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!db.Caller.Covers(filter.Scope))
        {
            return TypedResults.Forbid();
        }
        var rows = await breakdowns.RowsAsync(filter, dimension.Value, cancellationToken);
        return TypedResults.Ok(new BreakdownResponse(filter.Scope, dimension.Value, filter.From, filter.To, filter.Organisation, filter.Category, rows));
    }

    /// <summary>Returns, hand-offs and cases per organisation, and the scope's shares (docs/indicators.md, "Fragmentation index").</summary>
    internal static async Task<Results<Ok<FragmentationResponse>, ValidationProblem, ForbidHttpResult>> FragmentationAsync(string? scope, string? from,
        string? to, ICallerAccessor callers, FragmentationIndex index, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var errors = new Dictionary<string, string[]>();
        var filter = IndicatorFilter.Parse(scope, from, to, null, null, caller, clock, errors);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!caller.Covers(filter.Scope))
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await index.ComputeAsync(caller, filter, cancellationToken));
    }

    internal static async Task<Results<Ok<MapResponse>, ValidationProblem, ForbidHttpResult>> MapAsync(string? scope, GongzhiDbContext db,
        IndicatorService service, CancellationToken cancellationToken)
    {
        var code = string.IsNullOrWhiteSpace(scope) ? db.Caller.ScopeCode : scope.Trim();
        if (!JurisdictionCode.IsWellFormed(code))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = [Gongzhi.Platform.PlatformText.Get("Validation.NotAJurisdictionCode")] });
        }
        if (!db.Caller.Covers(code))
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(new MapResponse(code, await service.MapAsync(code, cancellationToken)));
    }

    internal static async Task<Results<Ok<TrendResponse>, ValidationProblem, ForbidHttpResult>> TrendAsync(string? scope, string? from, string? to,
        string? interval, string? organisation, string? category, GongzhiDbContext db, IndicatorService service, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = IndicatorFilter.Parse(scope, from, to, organisation, category, db.Caller, clock, errors);
        TrendInterval parsed = TrendInterval.Day;
        if (!string.IsNullOrWhiteSpace(interval) && !(Enum.TryParse(interval.Trim(), ignoreCase: true, out parsed) && Enum.IsDefined(parsed)
            && !int.TryParse(interval, out _)))
        {
            errors["interval"] = [InsightsText.Get("Trend.Interval")];
        }
        if (filter is not null && errors.Count == 0 && IndicatorService.BucketCount(filter, parsed) > MaxTrendPoints)
        {
            errors["interval"] = [InsightsText.Format("Trend.TooManyPoints", MaxTrendPoints)];
        }
        if (filter is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!db.Caller.Covers(filter.Scope))
        {
            return TypedResults.Forbid();
        }
        var points = await service.TrendAsync(filter, parsed, cancellationToken);
        return TypedResults.Ok(new TrendResponse(filter.Scope, parsed, filter.From, filter.To, points));
    }

    internal static BreakdownDimension? ParseDimension(string? by, IndicatorFilter? filter, Dictionary<string, string[]> errors)
    {
        BreakdownDimension dimension = BreakdownDimension.Child;
        if (!string.IsNullOrWhiteSpace(by) && !(Enum.TryParse(by.Trim(), ignoreCase: true, out dimension) && Enum.IsDefined(dimension)
            && !int.TryParse(by, out _)))
        {
            errors["by"] = [InsightsText.Get("Breakdown.By")];
            return null;
        }
        if (dimension == BreakdownDimension.Child && filter is not null && IndicatorService.ChildLength(filter.Scope) is null)
        {
            errors["by"] = [InsightsText.Get("Breakdown.GridHasNoChildren")];
            return null;
        }
        return dimension;
    }
}
