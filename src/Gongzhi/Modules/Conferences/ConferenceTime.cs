using System.Globalization;
using Gongzhi.Modules.Conferences.Venues;

namespace Gongzhi.Modules.Conferences;

/// <summary>How the module writes a time into a notification: local (China Standard Time) to the minute.</summary>
internal static class ConferenceTime
{
    public static string Local(DateTimeOffset instant) =>
        instant.ToOffset(Venue.LocalOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
