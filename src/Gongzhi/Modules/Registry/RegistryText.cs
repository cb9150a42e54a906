using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Registry;

/// <summary>The module's strings: <c>RegistryText.resx</c> (Chinese, neutral) and <c>RegistryText.en.resx</c>, in the user's language.</summary>
public sealed class RegistryText
{
    private static readonly ResourceManager Strings = new(typeof(RegistryText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
