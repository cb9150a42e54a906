using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Insights;

/// <summary>
/// Strings of the module's newer pages: <c>InsightsText.resx</c> (Chinese) and <c>InsightsText.en.resx</c>. The
/// dashboard's older strings are still in the shared resources.
/// </summary>
public sealed class InsightsText
{
    private static readonly ResourceManager Strings = new(typeof(InsightsText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
