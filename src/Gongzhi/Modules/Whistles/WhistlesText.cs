using System.Globalization;
using System.Resources;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Whistles;

/// <summary>
/// The whistles' messages and UI strings (WhistlesText.resx in Chinese, WhistlesText.en.resx in English), in the
/// current UI culture, so that a user reads one language only.
/// </summary>
internal static class WhistlesText
{
    private static readonly ResourceManager Strings = new(typeof(WhistlesText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

    public static RuleViolationException Rule(string name, params object?[] args) => new(args.Length == 0 ? Get(name) : Format(name, args));

    public static FieldValidationException Invalid(string field, string name, params object?[] args) =>
        FieldValidationException.Field(field, args.Length == 0 ? Get(name) : Format(name, args));
}
