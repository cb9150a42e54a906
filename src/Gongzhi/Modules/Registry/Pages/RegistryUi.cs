using System.Globalization;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Jurisdictions.Calendar;

namespace Gongzhi.Modules.Registry.Pages;

/// <summary>What the registry's pages share: times in Wuhan, purposes in the user's language.</summary>
internal static class RegistryUi
{
    public static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>A time in the working calendar's zone (<c>WorkingTime:TimeZone</c>, Asia/Shanghai).</summary>
    public static string Time(DateTimeOffset? at, WorkingCalendar calendar) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateTimeOffset? at, WorkingCalendar calendar) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, calendar.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static async Task<List<(string Code, string Name)>> CaseCategoriesAsync(ICaseCategories categories, IEnumerable<string> codes,
        CancellationToken cancellationToken) =>
        (await categories.ActiveMinorAsync(codes, cancellationToken)).Select(c => (c.Code, Chinese ? c.NameZh : c.NameEn)).ToList();
}
