using Gongzhi.Components.Kit;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// Days and wall-clock times of the working time zone (<c>WorkingTime:TimeZone</c>, the zone the pages show times in):
/// a meeting's day, a cadence's next meeting, a venue's opening hours. The services pass the zone of <see cref="ShownTime"/>.
/// </summary>
internal static class ConferenceTime
{
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>A wall-clock time of the zone as an instant, with the offset the zone has then.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone) => new ShownTime(zone).FromLocal(day.ToDateTime(time));
}
