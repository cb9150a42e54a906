using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Gongzhi.Modules.Cases.Open311;

/// <summary>
/// One response of the GeoReport v2 API, written as either of its two formats. The specification gives
/// every response as a list (or object) of named fields; XML wraps lists in a plural root with one
/// element per item, JSON writes them as arrays. Field order follows the specification.
/// </summary>
internal abstract record Open311Node;

internal sealed record Open311Value(object? Value) : Open311Node;

internal sealed record Open311Object(IReadOnlyList<KeyValuePair<string, Open311Node>> Fields) : Open311Node
{
    public static Open311Object Of(params (string Name, object? Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value as Open311Node ?? new Open311Value(f.Value))).ToList());
}

/// <summary>A list: <paramref name="ItemName"/> names each element in XML (e.g. <c>service</c> inside <c>services</c>).</summary>
internal sealed record Open311List(string ItemName, IReadOnlyList<Open311Node> Items) : Open311Node;

internal static class Open311Document
{
    // Not WorkingTime:TimeZone on purpose: the GeoReport v2 output keeps the city's own offset, which its
    // conformance tests compare character for character.
    public static readonly TimeSpan CityOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// ISO 8601 with the city's offset, as the specification asks (<c>2026-11-26T09:30:00+08:00</c>); no time is null
    /// (an empty element in XML), never an empty string, which is not a date-time.
    /// </summary>
    public static string? Time(DateTimeOffset? value) =>
        value is { } v ? v.ToOffset(CityOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Text as XML 1.0 can hold it: control characters (other than tab and line breaks) and unpaired surrogates are
    /// dropped, in both formats alike. One such character typed into a report used to make the whole XML list fail.
    /// </summary>
    public static string Printable(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = IsKept(text, i);
        }
        if (clean)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsKept(text, i))
            {
                builder.Append(text[i]);
            }
        }
        return builder.ToString();
    }

    private static bool IsKept(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }
        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }
        return c is '\t' or '\n' or '\r' || (XmlConvert.IsXmlChar(c) && !char.IsControl(c));
    }

    public static IResult Write(string format, string root, Open311Node body, int status = StatusCodes.Status200OK) =>
        format == "xml"
            ? Results.Text(Xml(root, body), "text/xml; charset=utf-8", Encoding.UTF8, status)
            : Results.Text(Json(body), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>Errors are a list of code + description in both formats.</summary>
    public static IResult Errors(string format, int status, params string[] descriptions) =>
        Write(format is "xml" ? "xml" : "json", "errors",
            new Open311List("error", descriptions.Select(d => (Open311Node)Open311Object.Of(("code", status), ("description", d))).ToList()),
            status);

    private static string Json(Open311Node body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, body);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, Open311Node node)
    {
        switch (node)
        {
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }
                writer.WriteEndArray();
                break;
            case Open311Object obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, value);
                }
                writer.WriteEndObject();
                break;
            case Open311Value { Value: null }:
                writer.WriteNullValue();
                break;
            case Open311Value { Value: bool b }:
                writer.WriteBooleanValue(b);
                break;
            case Open311Value { Value: int i }:
                writer.WriteNumberValue(i);
                break;
            case Open311Value { Value: double d }:
                writer.WriteNumberValue(d);
                break;
            case Open311Value v:
                writer.WriteStringValue(Printable(Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }

    private static string Xml(string root, Open311Node body)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root);
            WriteXmlContent(writer, body);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        // XmlWriter over a StringBuilder declares UTF-16; the bytes we send are UTF-8.
        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void WriteXmlContent(XmlWriter writer, Open311Node node)
    {
        switch (node)
        {
            case Open311List list:
                foreach (var item in list.Items)
                {
                    writer.WriteStartElement(list.ItemName);
                    WriteXmlContent(writer, item);
                    writer.WriteEndElement();
                }
                break;
            case Open311Object obj:
                foreach (var (name, value) in obj.Fields)
                {
                    writer.WriteStartElement(name);
                    WriteXmlContent(writer, value);
                    writer.WriteEndElement();
                }
                break;
            case Open311Value { Value: null }:
                break;
            case Open311Value { Value: bool b }:
                writer.WriteString(b ? "true" : "false");
                break;
            case Open311Value v:
                writer.WriteString(Printable(Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }
}
