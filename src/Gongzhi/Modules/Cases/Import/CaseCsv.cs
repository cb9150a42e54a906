using System.Globalization;
using System.Text;
using System.Text.Json;
using Gongzhi.Modules.Cases.Intake;

namespace Gongzhi.Modules.Cases.Import;

/// <summary>A data row of an import file: its number as a spreadsheet shows it (the header is row 1) and its fields by column.</summary>
/// <param name="Unclosed">The row opened a quote that no later character closes: it swallowed the rest of the file.</param>
public sealed record CsvRow(int Number, IReadOnlyList<string> Fields, string? Problem, bool Unclosed = false);

/// <summary>Why an upload is refused as a whole (400), before any row is looked at.</summary>
public sealed class CsvFileException(string message) : Exception(message);

/// <summary>
/// The import file format: UTF-8 (a BOM is allowed), comma-separated, RFC 4180 quoting, a header row
/// naming the columns below in any order (<c>category_code</c> and <c>description</c> required, and <c>lat</c> with <c>long</c>,
/// or <c>address</c>, or both). Unknown columns are refused so that a misspelt header does not
/// silently drop data; <c>attr.NAME</c> columns fill the category's extra fields.
/// </summary>
public static class CaseCsv
{
    public const int MaxRows = 5_000;
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Longer fields are refused row by row: no column of a case holds more.</summary>
    public const int MaxFieldLength = 4_000;

    public const string Category = "category_code";
    public const string Title = "title";
    public const string Description = "description";
    public const string Lat = "lat";
    public const string Lon = "long";
    public const string Address = "address";
    public const string Urgency = "urgency";
    public const string ReporterName = "reporter_name";
    public const string ReporterPhone = "reporter_phone";
    public const string OccurredAt = "occurred_at";
    public const string Anonymous = "anonymous";
    public const string AttributePrefix = "attr.";

    public static readonly IReadOnlyList<string> Columns =
        [Category, Title, Description, Lat, Lon, Address, Urgency, ReporterName, ReporterPhone, OccurredAt, Anonymous];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>An empty file with every column, for the import page's download (with a BOM, so that Excel opens it as UTF-8).</summary>
    public static byte[] Template() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(",", Columns) + "\r\n")];

    /// <summary>Decodes the upload; anything but UTF-8 is refused with a hint, since Excel in China saves GB18030 by default.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new CsvFileException(CasesText.Format("Import.FileLargerMB", MaxBytes / 1024 / 1024));
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        try
        {
            var text = StrictUtf8.GetString(bytes);
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw new CsvFileException(CasesText.Get("Import.FileContainsNULCharacters"));
            }
            return text;
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFileException(
                CasesText.Get("Import.FileUTFSaveCSV"));
        }
    }

    /// <summary>The header's columns, checked: required columns present, none unknown, none twice.</summary>
    public static IReadOnlyList<string> ReadHeader(string text)
    {
        var first = Records(text).FirstOrDefault()
            ?? throw new CsvFileException(CasesText.Get("Import.FileEmpty"));
        if (first.Problem is not null)
        {
            throw new CsvFileException($"表头：{first.Problem}");
        }
        var header = first.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var unknown = header.Where(h => !Columns.Contains(h) && !(h.StartsWith(AttributePrefix, StringComparison.Ordinal) && h.Length > AttributePrefix.Length))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new CsvFileException($"未知的列：{string.Join(", ", unknown)}。可用列：{string.Join(", ", Columns)}, attr.NAME / Unknown columns: "
                + string.Join(", ", unknown));
        }
        var twice = header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            throw new CsvFileException($"重复的列：{string.Join(", ", twice)} / Columns given twice: {string.Join(", ", twice)}");
        }
        // A case needs a place: lat and long together, or an address that names a community or street (located as web intake does).
        var missing = new[] { Category, Description }.Where(c => !header.Contains(c)).ToList();
        var hasPosition = header.Contains(Lat) && header.Contains(Lon);
        if (!hasPosition && !header.Contains(Address))
        {
            missing.Add($"{Lat}+{Lon} 或/or {Address}");
        }
        else if (!hasPosition && (header.Contains(Lat) || header.Contains(Lon)))
        {
            missing.Add(header.Contains(Lat) ? Lon : Lat);
        }
        if (missing.Count > 0)
        {
            throw new CsvFileException(CasesText.Format("Import.ColumnsMissing", string.Join(", ", missing)));
        }
        return header;
    }

    /// <summary>Checks the whole file's shape and counts its data rows; throws <see cref="CsvFileException"/> for a file to refuse.</summary>
    public static int CountRows(string text)
    {
        ReadHeader(text);
        var count = 0;
        foreach (var row in Records(text).Skip(1))
        {
            if (row.Unclosed)
            {
                // An unclosed quote swallows the rest of the file: no row after it can be trusted.
                throw new CsvFileException(CasesText.Format("Import.RowProblem", row.Number, row.Problem));
            }
            if (++count > MaxRows)
            {
                throw new CsvFileException(CasesText.Format("Import.MostDataRowsFile", MaxRows));
            }
        }
        if (count == 0)
        {
            throw new CsvFileException(CasesText.Get("Import.FileHeaderButData"));
        }
        return count;
    }

    /// <summary>The data rows, numbered as a spreadsheet numbers them; a row whose shape is wrong carries its <see cref="CsvRow.Problem"/>.</summary>
    public static IEnumerable<CsvRow> DataRows(string text)
    {
        var header = ReadHeader(text);
        foreach (var row in Records(text).Skip(1))
        {
            if (row.Problem is null && row.Fields.Count != header.Count)
            {
                yield return row with { Problem = CasesText.Format("Import.RowFieldsHeader", row.Fields.Count, header.Count) };
            }
            else
            {
                yield return row;
            }
        }
    }

    /// <summary>Turns a row into a submission; problems with single fields go to <paramref name="errors"/>.</summary>
    public static CaseSubmission ToSubmission(IReadOnlyList<string> header, CsvRow row, Dictionary<string, string[]> errors)
    {
        string? Field(string column)
        {
            var i = IndexOf(header, column);
            var value = i >= 0 ? row.Fields[i].Trim() : null;
            return string.IsNullOrEmpty(value) ? null : value;
        }
        double? Number(string column)
        {
            var value = Field(column);
            if (value is null)
            {
                return null;
            }
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                return number;
            }
            errors[column] = [CasesText.Format("Import.Number", Clip(value))];
            return null;
        }
        CaseUrgency? urgency = null;
        if (Field(Urgency) is { } u)
        {
            urgency = u.ToLowerInvariant() switch
            {
                "normal" or "一般" => CaseUrgency.Normal,
                "urgent" or "紧急" => CaseUrgency.Urgent,
                "critical" or "特急" => CaseUrgency.Critical,
                _ => null,
            };
            if (urgency is null)
            {
                errors[Urgency] = [CasesText.Get("Import.NormalUrgentCritical")];
            }
        }
        DateTimeOffset? occurredAt = null;
        if (Field(OccurredAt) is { } o)
        {
            if (DateTimeOffset.TryParse(o, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                && (o.Contains('Z', StringComparison.OrdinalIgnoreCase) || o.Contains('+', StringComparison.Ordinal) || o.LastIndexOf('-') > 9))
            {
                occurredAt = at;
            }
            else
            {
                errors[OccurredAt] = [CasesText.Get("Import.ISOTimeOffset")];
            }
        }
        bool? anonymous = null;
        if (Field(Anonymous) is { } a)
        {
            anonymous = a.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" or "是" => true,
                "false" or "no" or "0" or "否" => false,
                _ => null,
            };
            if (anonymous is null)
            {
                errors[Anonymous] = [CasesText.Get("Import.TrueFalse")];
            }
        }
        var description = Field(Description);
        var attributes = new Dictionary<string, JsonElement>();
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].StartsWith(AttributePrefix, StringComparison.Ordinal) && row.Fields[i].Trim() is { Length: > 0 } value)
            {
                attributes[header[i][AttributePrefix.Length..]] = JsonSerializer.SerializeToElement(value);
            }
        }
        return new CaseSubmission(
            Field(Category),
            urgency,
            // A title is optional in a file: spreadsheets of the hotline rarely have one, so the description's start stands in.
            Field(Title) ?? (description is null ? null : TitleFrom(description)),
            description,
            Number(Lat),
            Number(Lon),
            Field(Address),
            attributes,
            anonymous,
            Field(ReporterName),
            Field(ReporterPhone),
            CaseChannel.Import,
            OccurredAt: occurredAt);
    }

    private static string TitleFrom(string description)
    {
        var line = description.Split('\n', 2)[0].Trim();
        return line.Length <= 30 ? line : line[..30] + "…";
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }
        return -1;
    }

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>
    /// RFC 4180 records. Quoted fields may hold commas, quotes (doubled) and line breaks. A field over
    /// <see cref="MaxFieldLength"/> is not kept (the row gets a problem instead), so a hostile file cannot make
    /// the reader hold huge strings per row.
    /// </summary>
    internal static IEnumerable<CsvRow> Records(string text)
    {
        var number = 0;
        var position = 0;
        while (position < text.Length)
        {
            number++;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? problem = null;
            var quoted = false;
            var fieldStart = true;
            var ended = false;
            while (position < text.Length && !ended)
            {
                var c = text[position++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            Append(field, '"', ref problem);
                            position++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        Append(field, c, ref problem);
                    }
                    continue;
                }
                switch (c)
                {
                    case '"' when fieldStart:
                        quoted = true;
                        fieldStart = false;
                        break;
                    case '"':
                        problem ??= CasesText.Format("Import.QuoteInsideUnquotedField", fields.Count + 1);
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldStart = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        ended = true;
                        break;
                    default:
                        Append(field, c, ref problem);
                        fieldStart = false;
                        break;
                }
            }
            if (quoted)
            {
                problem = CasesText.Format("Import.UnclosedQuote", number);
            }
            fields.Add(field.ToString());
            // Blank lines (a trailing newline, an empty line between rows) are not rows.
            if (fields.Count == 1 && fields[0].Length == 0 && problem is null)
            {
                continue;
            }
            yield return new CsvRow(number, fields, problem, quoted);
        }
    }

    private static void Append(StringBuilder field, char c, ref string? problem)
    {
        if (field.Length < MaxFieldLength)
        {
            field.Append(c);
        }
        else
        {
            problem ??= CasesText.Format("Import.FieldTooLong", MaxFieldLength);
        }
    }
}
