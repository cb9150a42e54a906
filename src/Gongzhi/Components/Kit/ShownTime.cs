using System.Globalization;

namespace Gongzhi.Components.Kit;

/// <summary>
/// The time zone every page shows times in (<c>WorkingTime:TimeZone</c>, Asia/Shanghai by default), and how a
/// time reads there. Registered by the module that owns the working time; pages use <see cref="LocalTime"/>.
/// </summary>
public sealed class ShownTime(TimeZoneInfo zone)
{
    /// <summary>How a time reads on the pages: minutes, no seconds, the same in both languages.</summary>
    public const string Minutes = "yyyy-MM-dd HH:mm";

    public TimeZoneInfo Zone => zone;

    /// <summary>The instant as a wall-clock time of the shown zone.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    public string Text(DateTimeOffset at, string format = Minutes) => ToLocal(at).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The time, or a dash when there is none.</summary>
    public string Text(DateTimeOffset? at) => at is { } value ? Text(value) : "—";

    /// <summary>The value of a <c>datetime-local</c> input showing the instant.</summary>
    public string InputText(DateTimeOffset at) => Text(at, "yyyy-MM-dd'T'HH:mm");

    /// <summary>
    /// A wall-clock time of the shown zone as an instant, with the zone's offset at that moment (so summer time is
    /// honoured). A time skipped by a clock change reads with the offset before the change.
    /// </summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(wall) ? zone.GetUtcOffset(wall.AddHours(-1)) : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset);
    }

    /// <summary>The start of a day of the shown zone.</summary>
    public DateTimeOffset StartOf(DateOnly day) => FromLocal(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>A <c>datetime-local</c> (or <c>date</c>) input read in the shown zone; null when empty or malformed.</summary>
    public DateTimeOffset? ParseInput(string? text)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];
        return DateTime.TryParseExact(text?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? FromLocal(local)
            : null;
    }
}
