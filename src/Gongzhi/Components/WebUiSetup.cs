using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Gongzhi.Components;

/// <summary>The web UI: statically rendered Razor components, Chinese first with an English switch.</summary>
public static class WebUiSetup
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static void AddWebUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Serves wwwroot and the component assets straight from the build output in every environment, so that
        // `dotnet run` works outside Development too; a published app has no manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // The language chosen on the site (its cookie) comes first; without one the browser's or client's Accept-Language
            // (en-US is read as en), and Chinese when that names nothing the platform speaks.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddRazorComponents();
        services.AddScoped<PageAccess>();
        // Chinese text is written as characters, not as numeric entities three times its size.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<MapOptions>(builder.Configuration.GetSection(MapOptions.Section));

    }

    public static void UseWebUi(this WebApplication app)
    {
        app.UseAntiforgery();
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/culture/set", SetCulture).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>();
    }

    internal static IResult SetCulture(string? culture, string? redirectUri, HttpContext http)
    {
        var chosen = SupportedCultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unsupported culture",
                detail: Gongzhi.Platform.PlatformText.Format("Culture.Unsupported", string.Join(", ", SupportedCultures.Select(c => c.Name))));
        }
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });
        return TypedResults.LocalRedirect(LocalUrl.OrHome(redirectUri));
    }
}

/// <summary>Bound from the <c>Map</c> section. With no tile URL the map draws boundaries on a plain background, fully offline.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    public string? TileUrl { get; set; }

    public string? TileAttribution { get; set; }
}

/// <summary>Redirect targets taken from a request must stay on this site.</summary>
public static class LocalUrl
{
    /// <summary>
    /// A path on this site and nothing else: one leading slash not followed by another slash or a backslash
    /// (browsers read <c>//host</c> and <c>/\host</c> as another site), no backslash or control character
    /// anywhere, and the same once percent-decoded, so that a target decoded again on its way cannot become
    /// one. ASP.NET Core's <c>~/</c> form is refused: trimming its tilde turned <c>~//host</c> into <c>//host</c>.
    /// </summary>
    public static bool IsLocal(string? url) => IsPlainPath(url) && IsPlainPath(Uri.UnescapeDataString(url!));

    private static bool IsPlainPath(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        // Browsers drop tabs and line breaks inside an address, so "/\t/host" is "//host" to them.
        && !url.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c));

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
