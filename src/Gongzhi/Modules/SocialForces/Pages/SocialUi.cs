using System.Globalization;
using Gongzhi.Platform.Actions;

namespace Gongzhi.Modules.SocialForces.Pages;

/// <summary>What the module's pages share: roles for <c>[Authorize]</c>, times in China Standard Time, money in yuan.</summary>
public static class SocialUi
{
    public const string OrganiserRoles = "Admin,CommunityStaff,StreetStaff,SocialOrg";

    public const string ReaderRoles = "Admin,PartyOrg,StreetStaff,StreetDispatcher,CommunityStaff,GridWorker,CommandCenter,Leader,SocialOrg";

    public const string ParticipantRoles = "Resident,Volunteer";

    public static readonly TimeSpan ShownOffset = TimeSpan.FromHours(8);

    public static string Time(DateTimeOffset at) => at.ToOffset(ShownOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "—";

    public static string Range(DateTimeOffset start, DateTimeOffset end) =>
        Time(start) + "–" + end.ToOffset(ShownOffset).ToString(start.ToOffset(ShownOffset).Date == end.ToOffset(ShownOffset).Date ? "HH:mm" : "yyyy-MM-dd HH:mm",
            CultureInfo.InvariantCulture);

    public static string Yuan(decimal amount) => "¥" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> input read as China Standard Time; null when empty or malformed.</summary>
    public static DateTimeOffset? ParseLocal(string? text)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        return DateTime.TryParseExact(text?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, ShownOffset)
            : null;
    }

    public static string Local(DateTimeOffset at) => at.ToOffset(ShownOffset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The first message per field of a validation failure, for the form to show under each field.</summary>
    public static Dictionary<string, string> Errors(FieldValidationException e) =>
        e.Errors.Where(p => p.Value.Length > 0).ToDictionary(p => p.Key, p => p.Value[0]);
}
