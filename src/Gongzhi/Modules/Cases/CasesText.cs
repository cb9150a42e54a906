using System.Globalization;
using System.Resources;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// The case messages (CasesText.resx in Chinese, CasesText.en.resx in English), in the
/// current UI culture, so that a user reads one language only.
/// </summary>
internal static class CasesText
{
    private static readonly ResourceManager Strings = new(typeof(CasesText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

    public static RuleViolationException Rule(string name, params object?[] args) => new(args.Length == 0 ? Get(name) : Format(name, args));

    public static FieldValidationException Invalid(string field, string name, params object?[] args) =>
        FieldValidationException.Field(field, args.Length == 0 ? Get(name) : Format(name, args));
}
