using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Access;

/// <summary>
/// The module's strings: <c>AccessText.resx</c> (Chinese, neutral) and <c>AccessText.en.resx</c>.
/// Pages use <c>IStringLocalizer&lt;AccessText&gt;</c>; entity rules and services read them here, in the
/// caller's UI culture.
/// </summary>
public sealed class AccessText
{
    private static readonly ResourceManager Strings = new(typeof(AccessText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
