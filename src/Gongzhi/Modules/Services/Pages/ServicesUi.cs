using System.Globalization;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Gongzhi.Modules.Services.Pages;

/// <summary>Small helpers the service pages share: local times, labels and the field messages of a form.</summary>
internal static class ServicesUi
{
    public static string Local(DateTimeOffset at, WorkingCalendar calendar) =>
        TimeZoneInfo.ConvertTime(at, calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string State(this IStringLocalizer<ServicesText> l, ApplicationState state) => l[$"State.{state}"];

    public static string StateAttribute(ApplicationState state) => state.ToString();

    /// <summary>The messages of one field, rendered under it.</summary>
    public static RenderFragment Messages(IReadOnlyDictionary<string, string[]> errors, string field) => builder =>
    {
        if (!errors.TryGetValue(field, out var texts))
        {
            return;
        }
        foreach (var text in texts)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "class", "validation-message");
            builder.AddAttribute(2, "data-field", field);
            builder.AddContent(3, text);
            builder.CloseElement();
        }
    };

    public static string? Invalid(IReadOnlyDictionary<string, string[]> errors, string field) => errors.ContainsKey(field) ? "true" : null;

    /// <summary>Lines of a text area, trimmed, empty ones dropped.</summary>
    public static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
