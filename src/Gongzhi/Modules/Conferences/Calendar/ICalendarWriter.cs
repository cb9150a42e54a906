using System.Globalization;
using System.Text;

namespace Gongzhi.Modules.Conferences.Calendar;

/// <summary>One event of an iCalendar file; instants are written in UTC.</summary>
public sealed record CalendarEvent(string Uid, DateTimeOffset Start, DateTimeOffset End, string Summary, string? Location, string? Description,
    string Status = "CONFIRMED");

/// <summary>
/// Writes iCalendar (RFC 5545) text: CRLF line ends, TEXT values escaped (§3.3.11), content lines folded
/// so that none is longer than 75 octets of UTF-8 (§3.1), never inside a character.
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const int MaxOctets = 75;

    public static string Write(string calendarName, IEnumerable<CalendarEvent> events, DateTimeOffset stamp)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//Gongzhi//Joint conferences//ZH");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        Line(text, "X-WR-CALNAME:" + Escape(calendarName));
        Line(text, "X-WR-TIMEZONE:Asia/Shanghai");
        foreach (var e in events)
        {
            Line(text, "BEGIN:VEVENT");
            Line(text, "UID:" + e.Uid);
            Line(text, "DTSTAMP:" + Utc(stamp));
            Line(text, "DTSTART:" + Utc(e.Start));
            Line(text, "DTEND:" + Utc(e.End));
            Line(text, "SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Location))
            {
                Line(text, "LOCATION:" + Escape(e.Location));
            }
            if (!string.IsNullOrWhiteSpace(e.Description))
            {
                Line(text, "DESCRIPTION:" + Escape(e.Description));
            }
            Line(text, "STATUS:" + e.Status);
            Line(text, "END:VEVENT");
        }
        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>UTC date-time form, e.g. <c>20261201T013000Z</c>.</summary>
    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping: backslash, semicolon, comma and line breaks.</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Appends one content line, folded: a line break plus one space before the octet that would pass 75.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        var index = 0;
        while (index < line.Length)
        {
            var length = char.IsHighSurrogate(line[index]) && index + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(index, length));
            if (octets + size > MaxOctets)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(line, index, length);
            octets += size;
            index += length;
        }
        text.Append("\r\n");
    }
}
