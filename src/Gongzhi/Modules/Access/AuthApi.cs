using System.ComponentModel.DataAnnotations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Modules.Access;

public sealed record LoginRequest([property: Required] string Username, [property: Required] string Password);

public sealed record CallerResponse(string UserName, string DisplayName, string ScopeCode, IReadOnlyList<string> Roles, string? OrganisationId);

internal static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(AccessSetup.LoginRateLimit);
        group.MapGet("/me", Me);
    }

    /// <summary>Exchanges a username and password for a bearer token (<c>accessToken</c>, <c>expiresIn</c> in seconds).</summary>
    internal static async Task<Results<Ok<AccessTokenResponse>, EmptyHttpResult, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<GongzhiUser> signIn, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.Username) ? "username" : "password"] = ["Username and password are required."],
            });
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Username.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        var actor = Caller.Anonymous with { UserName = request.Username.Trim(), RemoteIp = http.Connection.RemoteIpAddress?.ToString() };
        if (!result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignInFailed, "Account", request.Username.Trim(), null,
                result.IsLockedOut ? "locked out" : "bad credentials", cancellationToken, actor);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: result.IsLockedOut
                    ? "Too many failed attempts: the account is locked for 15 minutes."
                    : "Wrong username or password.");
        }
        await audit.WriteAsync(AuditActions.SignedIn, "Account", request.Username.Trim(), null, "bearer", cancellationToken, actor);
        // SignInManager has already written the token response for the bearer scheme.
        return TypedResults.Empty;
    }

    internal static Ok<CallerResponse> Me(HttpContext http, ICallerAccessor callers)
    {
        var caller = callers.Current;
        return TypedResults.Ok(new CallerResponse(caller.UserName ?? "", http.User.FindFirst("gongzhi:name")?.Value ?? caller.UserName ?? "",
            caller.ScopeCode, [.. caller.Roles.Order(StringComparer.Ordinal)], caller.OrganisationId));
    }
}
