namespace Gongzhi.Platform.Exports;

/// <summary>
/// CSV fields as every export writes them: RFC 4180 quoting, and a leading = + - @ tab or carriage return defused with an
/// apostrophe (OWASP's list: spreadsheets skip a leading tab or CR and run what follows) so that no cell runs as a formula.
/// </summary>
public static class CsvText
{
    /// <summary>The field, quoted only when it has to be.</summary>
    public static string Escape(string text)
    {
        text = Defused(text);
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? Quoted(text) : text;
    }

    /// <summary>The field, always quoted.</summary>
    public static string Quote(string text) => Quoted(Defused(text));

    private static string Defused(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
