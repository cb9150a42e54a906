using System.Globalization;
using System.Resources;

namespace Gongzhi.Components.Kit;

/// <summary>The component kit's own strings: <c>KitText.resx</c> (Chinese) and <c>KitText.en.resx</c>.</summary>
public sealed class KitText
{
    private static readonly ResourceManager Strings = new(typeof(KitText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
