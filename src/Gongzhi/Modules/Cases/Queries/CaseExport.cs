using System.Globalization;
using Gongzhi.Components;
using Gongzhi.Components.Kit;
using Gongzhi.Modules.Cases.Pages;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Resources;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Gongzhi.Modules.Cases.Queries;

/// <summary>
/// A queue as a spreadsheet (.xlsx): the rows the caller's queue shows for the same filters, read page by page through
/// <see cref="CaseQueries.ListAsync"/> (so the scope and the filters are the screen's, never a second copy of them), the
/// reporter masked as on the screen, the headers and states in the caller's language.
/// </summary>
public sealed class CaseExport(CaseQueries queries, GongzhiDbContext db, IOrganisationDirectory organisations, IJurisdictionBrowser jurisdictions, ShownTime shown)
{
    /// <summary>Beyond this a spreadsheet is no longer read by a person; the last row says that more were left out.</summary>
    public const int MaxRows = 20_000;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the workbook to <paramref name="output"/> and answers how many cases it holds.</summary>
    public async Task<int> WriteXlsxAsync(Caller caller, CaseQuery query, Stream output, CancellationToken cancellationToken)
    {
        var categories = await db.Set<CaseCategory>().AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var english = CultureInfo.CurrentUICulture.Name == "en";
        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<Dictionary<string, object?>>();
        string? cursor = null;
        var more = false;
        do
        {
            var page = await queries.ListAsync(caller, query with { Cursor = cursor, Take = CaseQueries.MaxTake }, cancellationToken);
            var ids = page.Items.Select(r => r.Id).ToList();
            // The reporter, in the masked form the case keeps for lists: the queue itself never carries it.
            var reporters = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.ReporterNameMasked, c.ReporterPhoneMasked, c.Anonymous, c.Address })
                .ToDictionaryAsync(c => c.Id, cancellationToken);
            var leads = await organisations.NamesAsync(page.Items.Select(r => r.LeadOrganisationId).OfType<Guid>(), cancellationToken);
            foreach (var row in page.Items)
            {
                if (rows.Count == MaxRows)
                {
                    more = true;
                    break;
                }
                var reporter = reporters.GetValueOrDefault(row.Id);
                rows.Add(new Dictionary<string, object?>
                {
                    [Header("Reference")] = row.Reference,
                    [Header("Title")] = row.Title,
                    [Header("State")] = SharedResource.Text($"CaseState.{row.State}"),
                    [Header("Category")] = categories.TryGetValue(row.CategoryCode, out var c) ? (english ? c.NameEn : c.NameZh) : row.CategoryCode,
                    [Header("Community")] = await PlaceAsync(row.GridCode, places, cancellationToken),
                    [Header("Address")] = reporter?.Address,
                    [Header("Lead")] = row.LeadOrganisationId is { } lead ? leads.GetValueOrDefault(lead) : null,
                    [Header("Reporter")] = reporter is null || reporter.Anonymous ? null : reporter.ReporterNameMasked,
                    [Header("Phone")] = reporter is null || reporter.Anonymous ? null : reporter.ReporterPhoneMasked,
                    [Header("Created")] = shown.Text(row.CreatedAt),
                    [Header("Deadline")] = row.Deadline is { } deadline ? shown.Text(deadline) : null,
                    [Header("Overdue")] = row.Overdue ? CasesText.Get("Export.Yes") : "",
                });
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null && !more);
        if (more)
        {
            rows.Add(new Dictionary<string, object?> { [Header("Reference")] = CasesText.Format("Export.Truncated", MaxRows) });
        }
        if (rows.Count == 0)
        {
            // Headers only: an empty filter result is still a sheet that says what it would hold.
            rows.Add(Headers().ToDictionary(h => h, _ => (object?)null));
        }
        await output.SaveAsAsync(rows, sheetName: CasesText.Get("Export.Sheet"), excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        return more ? MaxRows : rows.Count(r => r.Values.Any(v => v is not null));
    }

    private static string Header(string name) => CasesText.Get($"Export.{name}");

    private static readonly string[] Columns =
        ["Reference", "Title", "State", "Category", "Community", "Address", "Lead", "Reporter", "Phone", "Created", "Deadline", "Overdue"];

    private static IEnumerable<string> Headers() => Columns.Select(Header);

    /// <summary>The community's name (the grid's parent): what a street office calls the place, once per code.</summary>
    private async Task<string> PlaceAsync(string gridCode, Dictionary<string, string> names, CancellationToken cancellationToken)
    {
        var code = gridCode.Length > 12 ? gridCode[..12] : gridCode;
        if (!names.TryGetValue(code, out var name))
        {
            name = (await jurisdictions.GetAsync(code, cancellationToken))?.Name ?? code;
            names[code] = name;
        }
        return name;
    }
}
