using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>The module's messages: <c>JurisdictionsText.resx</c> (Chinese) and <c>JurisdictionsText.en.resx</c>, in the caller's language.</summary>
public static class JurisdictionsText
{
    private static readonly ResourceManager Strings = new(typeof(JurisdictionsText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
