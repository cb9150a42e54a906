using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Services;

/// <summary>
/// The module's messages and UI strings: <c>ServicesText.resx</c> (Chinese) and <c>ServicesText.en.resx</c>.
/// Pages read them through <c>IStringLocalizer&lt;ServicesText&gt;</c>, rules and services through <see cref="Get"/>.
/// </summary>
public sealed class ServicesText
{
    private static readonly ResourceManager Strings = new(typeof(ServicesText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Get(string name, CultureInfo culture) => Strings.GetString(name, culture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
