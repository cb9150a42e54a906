using System.Globalization;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Services.Pages;

/// <summary>Small helpers the service pages share: local times, labels and lines of text.</summary>
internal static class ServicesUi
{
    public static string Local(DateTimeOffset at, WorkingCalendar calendar) =>
        TimeZoneInfo.ConvertTime(at, calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string State(this IStringLocalizer<ServicesText> l, ApplicationState state) => l[$"State.{state}"];

    public static string StateAttribute(ApplicationState state) => state.ToString();

    /// <summary>Lines of a text area, trimmed, empty ones dropped.</summary>
    public static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
