using System.Globalization;
using System.Resources;

namespace Gongzhi.Modules.Webhooks;

/// <summary>
/// The module's messages and UI strings: <c>WebhooksText.resx</c> (Chinese) and <c>WebhooksText.en.resx</c>.
/// Pages read them through <c>IStringLocalizer&lt;WebhooksText&gt;</c>, rules and services through <see cref="Get"/>.
/// </summary>
public sealed class WebhooksText
{
    private static readonly ResourceManager Strings = new(typeof(WebhooksText));

    public static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
