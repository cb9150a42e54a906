using System.Globalization;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Training;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Services.Pages;

/// <summary>What the training pages share: who sees which part, and how a posted field is read.</summary>
internal static class TrainingPages
{
    public const string SupervisorRoles = "Admin,CommandCenter,Leader,StreetStaff,StreetDispatcher,CommunityStaff";

    public static bool Supervises(Caller caller) => TrainingRules.MaySupervise(caller, caller.ScopeCode);

    public static bool Organises(Caller caller, string code) => TrainingRules.MayOrganise(caller, code);

    /// <summary>A yes/no for a data attribute (Blazor leaves a false attribute out): "true", "false", or "none" when unknown.</summary>
    public static string Flag(bool? value) => value switch { true => "true", false => "false", null => "none" };

    /// <summary>A posted whole number, or null (the service then names the field).</summary>
    public static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A <c>datetime-local</c> value read as the calendar's local time.</summary>
    public static DateTimeOffset? LocalTime(string? value, WorkingCalendar calendar)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }
}
