using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Participation;

/// <summary>
/// The module's strings: <c>ParticipationText.resx</c> (Chinese, neutral) and <c>ParticipationText.en.resx</c>.
/// Pages use <c>IStringLocalizer&lt;ParticipationText&gt;</c>; entity rules and services read them here, in the
/// caller's UI culture.
/// </summary>
public sealed class ParticipationText
{
    private static readonly ResourceManager Strings = new(typeof(ParticipationText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

    /// <summary>A text kept in the records in one language (an official one), not in the language of whoever wrote it.</summary>
    public static string FormatIn(CultureInfo culture, string name, params object[] args) =>
        string.Format(culture, Strings.GetString(name, culture) ?? name, args);
}
