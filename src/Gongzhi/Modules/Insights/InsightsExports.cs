using System.Globalization;
using System.Text;
using Gongzhi.Components;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Insights;

/// <summary>
/// CSV downloads for spreadsheets. UTF-8 with a byte-order mark, because Excel on Chinese Windows
/// otherwise reads the file as GBK and garbles every name. The case export is written row by row
/// as the database returns it, so a district's year never sits in memory.
/// </summary>
internal static class InsightsExports
{
    public const string ContentType = "text/csv; charset=utf-8";

    private const int FlushEvery = 500;

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Columns of the case export. No reporter name, phone or account, no free text (title, description,
    /// address, notes may name people) and no coordinates: the export leaves the platform, so it carries
    /// only what indicators are made of.
    /// </summary>
    private static readonly string[] CaseColumns =
    [
        "reference", "state", "categoryCode", "urgency", "jurisdictionCode", "channel", "handlingLevel", "leadOrganisationId",
        "registeredAt", "dispatchedAt", "acceptedAt", "resolvedAt", "closedAt", "evaluatedAt", "resolveDeadline", "overdue",
        "returnCount", "reworkCount", "extensionCount", "handOffCount", "satisfaction",
    ];

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem, ForbidHttpResult>> CasesAsync(string? scope, string? from, string? to,
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
        var cohort = service.Cohort(filter);
        Guid? ownOrganisation = null;
        if (IsDepartmentOnly(db.Caller))
        {
            // A department exports the cases it was given, lead or assisting, as it sees them in its queue; the district's
            // other cases are the command centre's to export.
            if (!Guid.TryParse(db.Caller.OrganisationId, out var own))
            {
                return TypedResults.Forbid();
            }
            ownOrganisation = own;
            cohort = cohort.Where(c => c.LeadOrganisationId == own || c.InvolvedOrganisationCount > 1);
        }
        var rows = cohort.OrderBy(c => c.RegisteredAt).ThenBy(c => c.Reference)
            .Select(c => new
            {
                c.LeadOrganisationId,
                c.AssistingOrganisationIds,
                Row = new object?[]
                {
                    c.Reference, c.State, c.CategoryCode, c.Urgency, c.JurisdictionCode, c.Channel, c.HandlingLevel, c.LeadOrganisationId,
                    c.RegisteredAt, c.DispatchedAt, c.AcceptedAt, c.ResolvedAt, c.ClosedAt, c.EvaluatedAt, c.ResolveDeadline, c.Overdue,
                    c.ReturnCount, c.ReworkCount, c.ExtensionCount, c.HandOffCount, c.Satisfaction,
                },
            })
            .AsAsyncEnumerable()
            // The assisting organisations are a JSON list neither engine searches alike: checked here, as the rows stream.
            .Where(c => ownOrganisation is not { } mine || c.LeadOrganisationId == mine || c.AssistingOrganisationIds.Contains(mine))
            .Select(c => c.Row);
        return TypedResults.Stream(stream => WriteAsync(stream, CaseColumns, rows, cancellationToken), ContentType,
            $"cases-{filter.Scope}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv");
    }

    /// <summary>Department staff without a role that answers for the whole area (command centre, administrator).</summary>
    internal static bool IsDepartmentOnly(Caller caller) =>
        caller.IsInRole(Roles.DepartmentStaff) && !caller.IsInRole(Roles.CommandCenter) && !caller.IsAdmin;

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem, ForbidHttpResult>> IndicatorsAsync(string? scope, string? by,
        string? from, string? to, string? organisation, string? category, GongzhiDbContext db, IndicatorService service,
        IndicatorBreakdowns breakdowns, IStringLocalizer<SharedResource> localizer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = IndicatorFilter.Parse(scope, from, to, organisation, category, db.Caller, clock, errors);
        var dimension = InsightsApi.ParseDimension(by, filter, errors);
        if (filter is null || dimension is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!db.Caller.Covers(filter.Scope))
        {
            return TypedResults.Forbid();
        }
        var breakdown = await breakdowns.RowsAsync(filter, dimension.Value, cancellationToken);
        var total = new BreakdownRow(filter.Scope, localizer["Insights.Total"], await service.ComputeAsync(filter, cancellationToken));
        var header = new List<string> { localizer["Insights.Column.Code"], localizer["Insights.Column.Name"],
            localizer["Insights.Registered"], localizer["Insights.Open"], localizer["Insights.Overdue"] };
        foreach (var key in IndicatorCatalogue.RatioKeys)
        {
            var name = localizer[$"Indicator.{key}"].Value;
            header.Add($"{name} {localizer["Insights.Numerator"]}");
            header.Add($"{name} {localizer["Insights.Denominator"]}");
            header.Add(name);
        }
        header.Add(localizer["Indicator.TimeLostBetweenOrganisations"] + " " + localizer["Insights.Samples"]);
        header.Add(localizer["Indicator.TimeLostBetweenOrganisations"] + " " + localizer["Insights.Hours"]);
        var rows = breakdown.Prepend(total).Select(row =>
        {
            var set = row.Indicators;
            var cells = new List<object?> { row.Key, row.Name.Length == 0 ? localizer["Insights.Unassigned"].Value : row.Name, set.Registered, set.Open, set.Overdue };
            foreach (var ratio in IndicatorCatalogue.Ratios(set))
            {
                cells.Add(ratio.Numerator);
                cells.Add(ratio.Denominator);
                cells.Add(ratio.Value);
            }
            cells.Add(set.TimeLostBetweenOrganisations.Samples);
            cells.Add(set.TimeLostBetweenOrganisations.Hours);
            return cells.ToArray();
        }).ToAsyncEnumerable();
        return TypedResults.Stream(stream => WriteAsync(stream, header, rows, cancellationToken), ContentType,
            $"indicators-{filter.Scope}-{dimension.Value.ToString().ToLowerInvariant()}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv");
    }

    private static async Task WriteAsync(Stream stream, IReadOnlyList<string> header, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(ByteOrderMark, cancellationToken);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', header.Select(Escape)) + "\r\n");
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',', row.Select(Cell)) + "\r\n");
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTimeOffset instant => instant.ToOffset(IndicatorFilter.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        double number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => Escape(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Escape(value.ToString() ?? ""),
    };

    internal static string Escape(string text) => Gongzhi.Platform.Exports.CsvText.Escape(text);
}
