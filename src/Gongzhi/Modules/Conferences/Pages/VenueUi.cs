using System.Globalization;
using Gongzhi.Modules.Conferences.Venues;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>How the venue pages read opening hours and booking times.</summary>
public static class VenueUi
{
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Days with the same hours are listed together: "周一、周二 08:30–17:30".</summary>
    public static string Hours(IReadOnlyList<OpeningWindowDto> windows, IStringLocalizer l) => string.Join("; ", windows
        .GroupBy(w => (w.Opens, w.Closes))
        .Select(g => string.Join(l["List.Separator"], g.OrderBy(w => Array.IndexOf(Week, w.Day)).Select(w => l[$"Venue.Day.{w.Day}"].Value))
            + $" {g.Key.Opens}–{g.Key.Closes}"));

    /// <summary>A date and a time of day typed in the form, read in Wuhan time.</summary>
    public static DateTimeOffset? At(string? date, string? time)
    {
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }
        if (time?.Trim() == "24:00")
        {
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Venue.LocalOffset);
        }
        string[] formats = ["HH:mm", "HH:mm:ss"];
        return TimeOnly.TryParseExact(time?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? new DateTimeOffset(day.ToDateTime(at), Venue.LocalOffset)
            : null;
    }

    public static string Range(DateTimeOffset start, DateTimeOffset end) =>
        ConferenceUi.Time(start) + "–" + end.ToOffset(ConferenceUi.ShownOffset).ToString("HH:mm", CultureInfo.InvariantCulture);
}
