using System.Threading.RateLimiting;
using Gongzhi.Components.Layout;
using Gongzhi.Modules.Access.Pages;
using Gongzhi.Platform;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Modules.Access;

public static class AccessSetup
{
    public const string LoginRateLimit = "login";

    public const string CookieName = "gongzhi.auth";

    private const string SmartScheme = "Gongzhi";

    public static void AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Keys live in the database so that every node of a scaled-out deployment reads the same cookies and tokens.
        KeyEncryption.Configure(services.AddDataProtection().SetApplicationName("Gongzhi").PersistKeysToDbContext<GongzhiDbContext>(),
            builder.Configuration);

        services.AddIdentityCore<GongzhiUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // Failures never lock an account (anyone could lock anyone out): SignInGate holds back the name and address
                // pair instead. A lock is an administrator's deactivation, which needs lockout enabled on the account.
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GongzhiDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<GongzhiClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            // API clients send a bearer token; the web UI rides on the cookie. One scheme picks per request.
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || IsHubTokenRequest(context)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(8);
                // Browsers cannot set headers on WebSocket requests, so API clients of the live hub pass the token in the query.
                o.Events.OnMessageReceived = context =>
                {
                    if (IsHubTokenRequest(context.HttpContext))
                    {
                        context.Token = context.Request.Query["access_token"];
                    }
                    return Task.CompletedTask;
                };
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                // The API answers with a status code, never with a redirect to the sign-in page.
                o.Events.OnRedirectToLogin = c => ApiAwareRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAwareRedirect(c, StatusCodes.Status403Forbidden);
            });

        services.AddAuthorizationBuilder()
            // Everything needs a signed-in caller unless it says otherwise: a new endpoint is protected by default.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.CityAdmin, p => p.RequireRole(Roles.Admin).RequireClaim(HttpCallerAccessor.ScopeClaim, JurisdictionCode.City))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Supervisors))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.All.Where(r => r != Roles.Resident)));

        // Sign-in attempts per client address and minute: enough for an office behind one address, too few for guessing.
        // Only the attempts count: a page that sends a signed-out visitor to the form must not use up the office's minute.
        var loginPermits = builder.Configuration.GetValue("Access:LoginPermitsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Every limit answers alike: a ProblemDetails saying when to try again.
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                if (LoginPage.IsFormPost(context.HttpContext.Request))
                {
                    // A person at the sign-in form reads the wait on the form, not a ProblemDetails in place of the page.
                    await LoginPage.RedirectToWaitAsync(context.HttpContext, seconds, cancellationToken);
                    return;
                }
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: PlatformText.Format("RateLimit.TryAgain", seconds))
                    .ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(LoginRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = loginPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("showing the form"));
        });

        services.AddSingleton<Sessions>();
        services.AddScoped<SessionRevocation>();
        services.AddScoped<SignInGate>();
        services.AddScoped<ResidentAccounts>();
        services.Configure<PhoneCodes.PhoneCodeOptions>(builder.Configuration.GetSection(PhoneCodes.PhoneCodeOptions.Section));
        services.AddScoped<PhoneCodes.PhoneCodeService>();
        services.AddSingleton<PhoneCodes.PhoneCodeSweep>();
        services.AddHostedService(s => s.GetRequiredService<PhoneCodes.PhoneCodeSweep>());
        services.AddSingleton<Gongzhi.Platform.Identity.IAccountPhones, AccountPhones>();
        services.AddScoped<AccountAdministration>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<ISaveHook, AccountDirectorySaveHook>();
        services.AddSingleton<ISeeder, AccountSeeder>();
        services.AddCascadingAuthenticationState();
        services.AddNavEntry(33, "admin/accounts", _ => AccessText.Get("Nav.Accounts"), NavEntries.ForRoles(Roles.Admin));
        AccountCommands.Register(builder);
    }

    public static void UseAccess(this WebApplication app)
    {
        KeyEncryption.WarnIfPlain(app);
        app.UseAuthentication();
        app.UseSessionCheck();
        app.UsePasswordChange();
        app.UseAuthorization();
        app.UseRateLimiter();
    }

    public static void MapAccess(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapAuditApi();
        app.MapAccountsApi();
        app.MapPost("/account/logout", SignOutFormAsync).ExcludeFromDescription();
    }

    // Binding the form makes the endpoint require a valid antiforgery token, so another site cannot sign a user out.
    // SignInManager.SignOutAsync is not used: it also signs out of external and two-factor schemes this platform does not register.
    // Only this computer's sign-in ends (a copy of its cookie is refused too); a street office sharing one account stays signed
    // in on its other computers. A lock or a password change ends them all.
    internal static async Task<IResult> SignOutFormAsync(IFormCollection form, HttpContext http, SessionRevocation sessions, AuditLog audit)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await sessions.RevokeSessionAsync(http.User, http.RequestAborted);
            await audit.WriteAsync(AuditActions.SignedOut, "Account", http.User.Identity.Name ?? "", null, "web", http.RequestAborted);
        }
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.LocalRedirect("/account/login?signedOut=true");
    }

    private static bool IsHubTokenRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token");

    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (Platform.PlatformSetup.IsMachineFacing(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
