using System.Text;
using Gongzhi.Platform.Exports;
using MiniExcelLibs;

namespace Gongzhi.Modules.Services.Analytics;

/// <summary>
/// The measures table as a file, one row per measure and one column per set, the labels in the caller's language: CSV
/// (UTF-8 with a byte order mark, so that a spreadsheet reads the Chinese) or an .xlsx workbook through the same writer as
/// the case queue's export.
/// </summary>
public static class MeasuresExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteCsvAsync(MeasuresTableData table, Stream output, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        // RFC 4180 ends each record with CRLF, whatever the server's platform.
        text.Append(string.Join(',', Header(table).Select(CsvText.Escape))).Append("\r\n");
        foreach (var row in MeasureRows.All)
        {
            text.Append(string.Join(',', Cells(table, row).Select(CsvText.Escape))).Append("\r\n");
        }
        await output.WriteAsync(Encoding.UTF8.GetPreamble(), cancellationToken);
        await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }

    public static async Task WriteXlsxAsync(MeasuresTableData table, Stream output, CancellationToken cancellationToken)
    {
        var header = Header(table);
        var rows = MeasureRows.All.Select(row => Cells(table, row).Select((value, i) => (Key: Unique(header, i), Value: (object?)value))
            .ToDictionary(c => c.Key, c => c.Value)).ToList();
        await output.SaveAsAsync(rows, sheetName: ServicesText.Get("Analytics.Sheet"), excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    private static List<string> Header(MeasuresTableData table) =>
        [ServicesText.Get("Analytics.Measure"), .. table.Columns.Select(c => c.Title)];

    private static IEnumerable<string> Cells(MeasuresTableData table, MeasureRows.Row row) =>
        [ServicesText.Get(row.Label), .. table.Columns.Select(c => row.Value(c.Measures))];

    /// <summary>A workbook's header names its columns: two groups of one name (two areas called alike) keep a column each.</summary>
    private static string Unique(List<string> header, int index) =>
        header.Take(index).Contains(header[index], StringComparer.Ordinal) ? $"{header[index]} ({index})" : header[index];
}
