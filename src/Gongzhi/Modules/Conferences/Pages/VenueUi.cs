using System.Globalization;
using Gongzhi.Components.Kit;
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

    /// <summary>A date and a time of day typed in the form, read in the configured zone.</summary>
    public static DateTimeOffset? At(ShownTime shown, string? date, string? time)
    {
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }
        if (time?.Trim() == "24:00")
        {
            return shown.StartOf(day.AddDays(1));
        }
        string[] formats = ["HH:mm", "HH:mm:ss"];
        return TimeOnly.TryParseExact(time?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? shown.FromLocal(day.ToDateTime(at))
            : null;
    }

    public static string Range(ShownTime shown, DateTimeOffset start, DateTimeOffset end) => shown.Text(start) + "–" + shown.Text(end, "HH:mm");
}
