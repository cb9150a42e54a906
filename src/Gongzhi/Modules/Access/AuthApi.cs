using System.ComponentModel.DataAnnotations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Modules.Access;

public sealed record LoginRequest([property: Required] string Username, [property: Required] string Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record EraseAccountRequest(string? Password);

public sealed record CallerResponse(string UserName, string DisplayName, string ScopeCode, IReadOnlyList<string> Roles, string? OrganisationId);

internal static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(AccessSetup.LoginRateLimit);
        group.MapGet("/me", Me);
        group.MapPost("/logout", LogoutAsync);
        group.MapPost("/password", ChangePasswordAsync);
        group.MapPost("/erase", EraseAsync);
    }

    /// <summary>
    /// Ends this sign-in: the token it came with is refused from now on, the account's other sign-ins stand. With
    /// <c>everywhere=true</c>, every bearer token and cookie of the account is refused.
    /// </summary>
    internal static async Task<NoContent> LogoutAsync(bool? everywhere, HttpContext http, SessionRevocation sessions, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (everywhere == true)
        {
            await sessions.RevokeAsync(http.User);
        }
        else
        {
            await sessions.RevokeSessionAsync(http.User, cancellationToken);
        }
        await audit.WriteAsync(AuditActions.SignedOut, "Account", http.User.Identity?.Name ?? "", null,
            everywhere == true ? "bearer, everywhere" : "bearer", cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A resident erases their own account, confirmed with the password (<see cref="ResidentAccounts.EraseAsync"/>).</summary>
    internal static async Task<NoContent> EraseAsync(EraseAccountRequest request, ResidentAccounts accounts, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        await accounts.EraseAsync(callers.Current, request.Password, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Changes the caller's own password (any account, through the same check the account page uses); every sign-in of the
    /// account, this one included, ends with it. A wrong current password or a weak new one is a 400 naming the field.
    /// </summary>
    internal static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest request, ResidentAccounts accounts, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        await accounts.ChangePasswordAsync(callers.Current, request.CurrentPassword, request.NewPassword, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Exchanges a username and password for a bearer token (<c>accessToken</c>, <c>expiresIn</c> in seconds). An unknown name
    /// and a wrong password get the same answer; too many failures for one name from one address answer 429 for a while.
    /// </summary>
    internal static async Task<Results<Ok<AccessTokenResponse>, EmptyHttpResult, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInGate gate, SignInManager<GongzhiUser> signIn, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.Username) ? "username" : "password"] = [AccessText.Get("SignIn.Required")],
            });
        }
        // A resident may type their mobile number: the log keeps the account's name, or the number masked.
        var userName = SignInGate.AuditName(request.Username.Trim());
        var remoteIp = http.Connection.RemoteIpAddress?.ToString();
        var check = await gate.CheckAsync(request.Username.Trim(), request.Password, remoteIp);
        var actor = Caller.Anonymous with { UserName = userName, RemoteIp = remoteIp };
        if (check.Verdict != SignInVerdict.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignInFailed, "Account", userName, null, SignInGate.AuditDetail(check.Verdict), cancellationToken, actor);
            if (check.Verdict == SignInVerdict.Throttled)
            {
                var seconds = (int)Math.Ceiling(Math.Max(1, check.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in failed",
                    detail: AccessText.Format("SignIn.Throttled", seconds));
            }
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: AccessText.Get(check.Verdict == SignInVerdict.Locked ? "SignIn.Locked" : "SignIn.Wrong"));
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(check.User!, isPersistent: false);
        await audit.WriteAsync(AuditActions.SignedIn, "Account", check.User!.UserName, null, "bearer", cancellationToken, actor with { UserName = check.User!.UserName });
        // SignInManager has already written the token response for the bearer scheme.
        return TypedResults.Empty;
    }

    internal static Ok<CallerResponse> Me(ICallerAccessor callers)
    {
        var caller = callers.Current;
        return TypedResults.Ok(new CallerResponse(caller.UserName ?? "", caller.ShownName ?? "",
            caller.ScopeCode, [.. caller.Roles.Order(StringComparer.Ordinal)], caller.OrganisationId));
    }
}
