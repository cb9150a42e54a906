using System.Globalization;
using System.Resources;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Accountability;

/// <summary>
/// The module's messages and UI strings: <c>AccountabilityText.resx</c> (Chinese) and <c>AccountabilityText.en.resx</c>.
/// Pages read them through <c>IStringLocalizer&lt;AccountabilityText&gt;</c>, rules and services through <see cref="Get"/>.
/// </summary>
public sealed class AccountabilityText
{
    private static readonly ResourceManager Strings = new(typeof(AccountabilityText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

    public static RuleViolationException Rule(string name, params object?[] args) => new(args.Length == 0 ? Get(name) : Format(name, args));
}
