using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Organisations;

/// <summary>The module's messages: <c>OrganisationsText.resx</c> (Chinese) and <c>OrganisationsText.en.resx</c>, in the caller's language.</summary>
public static class OrganisationsText
{
    private static readonly ResourceManager Strings = new(typeof(OrganisationsText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
