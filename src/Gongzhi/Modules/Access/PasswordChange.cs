namespace Gongzhi.Modules.Access;

/// <summary>
/// After an administrator's reset, a sign-in can do one thing: choose a new password. Pages send the person to their
/// account page, where the form is; the API answers 403 with a problem that says so. Signing out, the sign-in itself and
/// the files a page needs to show stay open; every other API route is closed, whatever its name ends with (an export's
/// <c>.csv</c> too).
/// </summary>
internal static class PasswordChange
{
    /// <summary>On the sign-in of an account whose password an administrator set (<see cref="Platform.Identity.GongzhiUser.MustChangePassword"/>).</summary>
    public const string Claim = "gongzhi:must-change-password";

    /// <summary>Where the change is made: the account page's password form.</summary>
    public const string Page = "/account";

    /// <summary>The account page and the sign-in pages, the answers to a refusal, and the stylesheets, scripts and images they need.</summary>
    private static readonly string[] OpenPaths = ["/account", "/status", "/_framework", "/_content", "/css", "/js", "/lib", "/favicon.svg"];

    public static IApplicationBuilder UsePasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(Claim, "true") && !IsOpen(context.Request.Path))
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: AccessText.Get("Password.MustChange"))
                    .ExecuteAsync(context);
                return;
            }
            context.Response.Redirect(Page + "?must=password");
            return;
        }
        await next(context);
    });

    private static bool IsOpen(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        ? path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase)
        : OpenPaths.Any(folder => path.StartsWithSegments(folder, StringComparison.OrdinalIgnoreCase));

}
