namespace Gongzhi.Tests.Conferences;

/// <summary>The working time zone of the demo (Wuhan keeps China Standard Time), for rules that read a local day or hour.</summary>
internal static class Zones
{
    public static readonly TimeZoneInfo Wuhan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
