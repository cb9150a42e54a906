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
}
