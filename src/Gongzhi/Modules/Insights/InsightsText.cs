using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Insights;

/// <summary>
/// Messages and strings of the module's newer pages: <c>InsightsText.resx</c> (Chinese) and <c>InsightsText.en.resx</c>. The
/// dashboard's older strings are still in the shared resources.
/// </summary>
public sealed class InsightsText
{
    private static readonly ResourceManager Strings = new(typeof(InsightsText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
