using System.Text;

namespace Gongzhi.Modules.Registry.Imports;

/// <summary>Why an upload is refused as a whole (400 naming <c>file</c>), before any row is looked at.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>A record of the file: its row number as a spreadsheet shows it (the header is row 1) and its fields.</summary>
internal sealed record CsvRecord(int Number, IReadOnlyList<string> Fields, bool Unclosed);

/// <summary>
/// The persons file: comma-separated, RFC 4180 quoting, UTF-8 (with or without a BOM) or GB18030/GBK (what Excel in China
/// saves as “CSV”), a header naming the columns in English or in Chinese, in any order.
/// </summary>
internal static class PersonCsv
{
    public const int MaxRows = 1_000_000;
    public const int MaxBytes = 128 * 1024 * 1024;
    public const int MaxFieldLength = 200;

    public const string Name = "name";
    public const string IdNumber = "id_number";
    public const string Phone = "phone";
    public const string Jurisdiction = "jurisdiction_code";
    public const string Address = "address";
    public const string CareTags = "care_tags";
    public const string Status = "residence_status";
    public const string Household = "household";
    public const string Relation = "relation";

    public static readonly IReadOnlyList<string> Columns = [Name, IdNumber, Phone, Jurisdiction, Address, CareTags, Status, Household, Relation];

    /// <summary>The Chinese headers a community's own spreadsheet is likely to have.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["姓名"] = Name,
        ["身份证号"] = IdNumber,
        ["身份证号码"] = IdNumber,
        ["公民身份号码"] = IdNumber,
        ["手机"] = Phone,
        ["手机号"] = Phone,
        ["联系电话"] = Phone,
        ["电话"] = Phone,
        ["网格编码"] = Jurisdiction,
        ["所属网格"] = Jurisdiction,
        ["区划编码"] = Jurisdiction,
        ["地址"] = Address,
        ["地址编码"] = Address,
        ["标准地址"] = Address,
        ["关爱标签"] = CareTags,
        ["人员类型"] = Status,
        ["居住类型"] = Status,
        ["户号"] = Household,
        ["与户主关系"] = Relation,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>An empty file with every column, with a BOM so that Excel opens it as UTF-8.</summary>
    public static byte[] Template() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(",", Columns) + "\r\n")];

    /// <summary>The text and the encoding it was read in: UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030.</summary>
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new ImportFileException(RegistryText.Format("Import.TooLarge", MaxBytes / 1024 / 1024));
        }
        string text;
        string encoding;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = Strict(bytes[3..], StrictUtf8);
            encoding = "UTF-8";
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(bytes);
                encoding = "UTF-8";
            }
            catch (DecoderFallbackException)
            {
                text = Strict(bytes, Gb18030.Value);
                encoding = "GB18030";
            }
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ImportFileException(RegistryText.Get("Import.NotText"));
        }
        return (text, encoding);
    }

    private static string Strict(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException(RegistryText.Get("Import.Encoding"));
        }
    }

    /// <summary>The header's columns in canonical names, checked: name and ID number present, a place given, none unknown or twice.</summary>
    public static IReadOnlyList<string> ReadHeader(string text)
    {
        var first = Records(text).FirstOrDefault() ?? throw new ImportFileException(RegistryText.Get("Import.Empty"));
        var header = first.Fields.Select(Canonical).ToList();
        var unknown = header.Where(h => !Columns.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            throw new ImportFileException(RegistryText.Format("Import.UnknownColumns", string.Join(", ", unknown), string.Join(", ", Columns)));
        }
        var twice = header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            throw new ImportFileException(RegistryText.Format("Import.ColumnsTwice", string.Join(", ", twice)));
        }
        var missing = new[] { Name, IdNumber }.Where(c => !header.Contains(c)).ToList();
        if (!header.Contains(Jurisdiction) && !header.Contains(Address))
        {
            missing.Add($"{Jurisdiction} | {Address}");
        }
        if (missing.Count > 0)
        {
            throw new ImportFileException(RegistryText.Format("Import.MissingColumns", string.Join(", ", missing)));
        }
        return header;
    }

    /// <summary>Checks the file's shape as a whole and counts its data rows.</summary>
    public static int CountRows(string text)
    {
        ReadHeader(text);
        var count = 0;
        foreach (var record in Records(text).Skip(1))
        {
            if (record.Unclosed)
            {
                // An unclosed quote swallows the rest of the file: no row after it can be trusted.
                throw new ImportFileException(RegistryText.Format("Import.Unclosed", record.Number));
            }
            if (++count > MaxRows)
            {
                throw new ImportFileException(RegistryText.Format("Import.TooManyRows", MaxRows));
            }
        }
        return count == 0 ? throw new ImportFileException(RegistryText.Get("Import.NoRows")) : count;
    }

    /// <summary>The records of the text, blank lines skipped, numbered from 1 (the header).</summary>
    public static IEnumerable<CsvRecord> Records(string text)
    {
        var number = 0;
        var i = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (i < text.Length)
        {
            fields.Clear();
            var unclosed = false;
            var blank = true;
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    blank = false;
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        field.Append(text[i++]);
                    }
                    unclosed |= !closed;
                    // Anything between the closing quote and the separator is kept as written.
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        field.Append(text[i++]);
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        field.Append(text[i++]);
                    }
                }
                if (field.Length > 0)
                {
                    blank = false;
                }
                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    blank = false;
                    i++;
                    continue;
                }
                break;
            }
            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }
            if (i < text.Length && text[i] == '\n')
            {
                i++;
            }
            if (!blank)
            {
                yield return new CsvRecord(++number, fields.ToArray(), unclosed);
            }
        }
    }

    /// <summary>Care tags in a cell: separated by ; 、 or |, by their English names or their Chinese labels.</summary>
    public static IReadOnlyList<string> SplitTags(string? cell) => string.IsNullOrWhiteSpace(cell)
        ? []
        : cell.Split([';', '；', '、', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TagName).ToList();

    private static string TagName(string value) => value switch
    {
        "独居老人" or "独居" => "LivingAlone",
        "高龄" or "高龄老人" => "Elderly",
        "残疾" or "残疾人" => "Disabled",
        "低保" => "SubsistenceAllowance",
        "优抚" or "优抚对象" => "EntitledGroup",
        "留守儿童" => "LeftBehindChild",
        "重点关注" => "SpecialAttention",
        _ => value,
    };

    /// <summary>户籍/常住/流动 or the English names; null when empty, the text itself when unknown (the row is refused).</summary>
    public static Persons.ResidenceStatus? StatusOf(string? cell, out bool unknown)
    {
        unknown = false;
        var value = cell?.Trim();
        switch (value?.ToLowerInvariant())
        {
            case null or "":
                return null;
            case "户籍" or "户籍人口" or "registered":
                return Persons.ResidenceStatus.Registered;
            case "常住" or "常住人口" or "resident":
                return Persons.ResidenceStatus.Resident;
            case "流动" or "流动人口" or "floating":
                return Persons.ResidenceStatus.Floating;
            default:
                unknown = true;
                return null;
        }
    }

    private static string Canonical(string header)
    {
        var h = header.Trim().TrimStart('\uFEFF');
        return Aliases.TryGetValue(h, out var column) ? column : h.ToLowerInvariant();
    }
}
