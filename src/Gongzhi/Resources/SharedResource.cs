using System.Globalization;
using System.Resources;

// Chinese is the neutral language of the UI strings, so zh-CN is served from the main assembly without a satellite lookup.
[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Gongzhi.Resources;

/// <summary>
/// The UI strings: <c>SharedResource.resx</c> holds Chinese (the default), <c>SharedResource.en.resx</c> English.
/// Components read them through <c>IStringLocalizer&lt;SharedResource&gt;</c>. The static properties exist for
/// DataAnnotations, which finds its messages by property name on a resource type instead of through a localizer.
/// </summary>
public sealed class SharedResource
{
    private static readonly ResourceManager Strings = new(typeof(SharedResource));

    public static string LoginUserNameRequired => Get("Login.UserNameRequired");

    public static string LoginPasswordRequired => Get("Login.PasswordRequired");

    public static string LoginTooLong => Get("Login.TooLong");

    public static string OrganisationsNameRequired => Get("Organisations.NameRequired");

    public static string OrganisationsKindRequired => Get("Organisations.KindRequired");

    public static string OrganisationsJurisdictionRequired => Get("Organisations.JurisdictionRequired");

    public static string OrganisationsJurisdictionFormat => Get("Organisations.ScopeInvalid");

    public static string OrganisationsCodeFormat => Get("Organisations.CodeFormat");

    public static string OrganisationsTooLong => Get("Organisations.TooLong");

    /// <summary>A UI string by name in the current UI culture, for code that has no localizer (navigation labels).</summary>
    public static string Text(string name) => Get(name);

    private static string Get(string name) => Strings.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
