using System.Globalization;
using System.Resources;
using Gongzhi.Platform.Actions;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// The joint-conference module's messages (ConferencesText.resx in Chinese, ConferencesText.en.resx in English),
/// in the current UI culture, so that a user reads one language only.
/// </summary>
internal static class ConferencesText
{
    private static readonly ResourceManager Strings = new(typeof(ConferencesText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

    /// <summary>A 400 naming one field, in the caller's language.</summary>
    public static FieldValidationException Invalid(string field, string name, params object?[] args) =>
        FieldValidationException.Field(field, args.Length == 0 ? Get(name) : Format(name, args));
}
