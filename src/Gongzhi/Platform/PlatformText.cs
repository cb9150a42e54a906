using System.Globalization;
using System.Resources;

namespace Gongzhi.Platform;

/// <summary>
/// The platform's own messages (PlatformText.resx in Chinese, PlatformText.en.resx in English), in the
/// current UI culture. Each module keeps its messages the same way, in a resource pair of its own folder.
/// </summary>
public static class PlatformText
{
    private static readonly ResourceManager Strings = new(typeof(PlatformText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>The text of <paramref name="name"/>, or null when there is none.</summary>
    public static string? Find(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture);

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
