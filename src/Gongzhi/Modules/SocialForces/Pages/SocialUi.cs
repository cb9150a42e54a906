using System.Globalization;
using Gongzhi.Components.Kit;

namespace Gongzhi.Modules.SocialForces.Pages;

/// <summary>What the module's pages share: roles for <c>[Authorize]</c>, time ranges in the configured zone, money in yuan.</summary>
public static class SocialUi
{
    public const string OrganiserRoles = "Admin,CommunityStaff,StreetStaff,SocialOrg";

    public const string ReaderRoles = "Admin,PartyOrg,StreetStaff,StreetDispatcher,CommunityStaff,GridWorker,CommandCenter,Leader,SocialOrg";

    public const string ParticipantRoles = "Resident,Volunteer";

    /// <summary>A start and an end; the end without its date when both fall on the same local day.</summary>
    public static string Range(ShownTime shown, DateTimeOffset start, DateTimeOffset end) =>
        shown.Text(start) + "–" + shown.Text(end, shown.ToLocal(start).Date == shown.ToLocal(end).Date ? "HH:mm" : ShownTime.Minutes);

    public static string Yuan(decimal amount) => "¥" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A date posted by a <c>type="date"</c> input, or null when none was given or it is not a date.</summary>
    public static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
