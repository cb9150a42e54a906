using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.SocialForces;

/// <summary>The module's messages and page texts (SocialText.resx in Chinese, SocialText.en.resx in English), in the current UI culture.</summary>
public static class SocialText
{
    private static readonly ResourceManager Strings = new(typeof(SocialText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
