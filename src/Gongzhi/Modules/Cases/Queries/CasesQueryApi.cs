using Gongzhi.Components.Kit;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Cases.Queries;

internal static class CasesQueryApi
{
    public static void MapCaseQueriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/changes", ChangesAsync);
        group.MapGet("/export", ExportAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/timeline", TimelineAsync);
        group.MapGet("/{id:guid}/reporter", RevealReporterAsync);
        group.MapGet("/{id:guid}/routing-suggestion", RoutingSuggestionAsync);
    }

    /// <summary>
    /// A queue: <c>state</c> is a comma-separated list; <c>sort</c> is <c>deadline</c> (default) or <c>created</c>;
    /// <c>cursor</c> is the previous page's <c>nextCursor</c>; <c>from</c> and <c>to</c> (yyyy-MM-dd, both included) bound the day of filing.
    /// </summary>
    internal static Task<Results<Ok<CasePage>, ValidationProblem, ProblemHttpResult>> ListAsync(string? scope, string? state, bool? overdue,
        string? category, string? q, Guid? organisation, bool? mine, string? sort, string? cursor, int? take, DateOnly? from, DateOnly? to,
        CaseQueries queries,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => queries.ListAsync(callers.Current,
            Query(scope, state, overdue, category, q, organisation, mine, sort) with { Cursor = cursor, Take = take ?? 50, From = from, To = to }, cancellationToken));

    /// <summary>
    /// The queue the same parameters list (without paging), as an Excel workbook (<c>format=xlsx</c>, the only format):
    /// every matching case the caller may see, the reporter masked. Written to a temporary file, then streamed.
    /// </summary>
    internal static async Task<FileStreamHttpResult> ExportAsync(string? format, string? scope, string? state, bool? overdue,
        string? category, string? q, Guid? organisation, bool? mine, string? sort, DateOnly? from, DateOnly? to, CaseExport export,
        ICallerAccessor callers,
        TimeProvider clock, ShownTime shown, CancellationToken cancellationToken)
    {
        if (format is not null && !string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw FieldValidationException.Field("format", CasesText.Get("Export.Format"));
        }
        var query = Query(scope, state, overdue, category, q, organisation, mine, sort) with { From = from, To = to };
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await export.WriteXlsxAsync(callers.Current, query, file, cancellationToken);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        var stamp = shown.Text(clock.GetUtcNow(), "yyyyMMdd-HHmm");
        return TypedResults.File(file, CaseExport.ContentType, $"cases-{stamp}.xlsx");
    }

    /// <summary>A queue query from the API's parameters: <c>state</c> a comma-separated list, <c>sort</c> deadline or created.</summary>
    internal static CaseQuery Query(string? scope, string? state, bool? overdue, string? category, string? q, Guid? organisation, bool? mine,
        string? sort)
    {
        var errors = new Dictionary<string, string[]>();
        var states = new List<CaseState>();
        foreach (var part in (state ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<CaseState>(part, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                states.Add(parsed);
            }
            else
            {
                errors["state"] = [CasesText.Format("Queries.States", string.Join(", ", Enum.GetNames<CaseState>()))];
            }
        }
        var order = CaseSort.Deadline;
        if (sort is not null && !Enum.TryParse(sort, ignoreCase: true, out order))
        {
            errors["sort"] = [CasesText.Get("Queries.Sort")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new CaseQuery(scope, states, overdue, category, q, organisation, mine == true, order);
    }

    /// <summary>
    /// The cases changed at or after <c>since</c> (ISO 8601; with <c>after</c>, the reference the previous page ended on, strictly
    /// after it), oldest change first, that the caller's queue shows: what a live page reloads after its connection to the hub dropped.
    /// </summary>
    internal static Task<Results<Ok<CaseChanges>, ValidationProblem, ProblemHttpResult>> ChangesAsync(string? since, string? after, string? scope,
        int? take, CaseChangeFeed feed, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => feed.SinceAsync(callers.Current, since, after, scope, take, cancellationToken));

    /// <summary>The case, reporter details masked.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> GetAsync(Guid id, CaseQueries queries,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => queries.GetAsync(callers.Current, id, cancellationToken));

    /// <summary>Every action on the case: who, when, what, note.</summary>
    internal static Task<Results<Ok<IReadOnlyList<CaseTimelineEntry>>, ValidationProblem, ProblemHttpResult>> TimelineAsync(Guid id,
        CaseQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => queries.TimelineAsync(callers.Current, id, cancellationToken));

    /// <summary>The reporter's unmasked name and phone, for the case's dispatchers and administrators; <c>purpose</c> is required and audited.</summary>
    internal static Task<Results<Ok<ReporterDetails>, ValidationProblem, ProblemHttpResult>> RevealReporterAsync(Guid id, string? purpose,
        CaseQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => queries.RevealReporterAsync(callers.Current, id, purpose, cancellationToken));

    /// <summary>Who the routing rules say should lead the case (属地兜底 when none applies).</summary>
    internal static Task<Results<Ok<RoutingSuggestion>, ValidationProblem, ProblemHttpResult>> RoutingSuggestionAsync(Guid id,
        CaseQueries queries, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => queries.RoutingSuggestionAsync(callers.Current, id, cancellationToken));
}
