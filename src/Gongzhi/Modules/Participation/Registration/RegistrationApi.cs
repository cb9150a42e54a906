using Gongzhi.Modules.Access.PhoneCodes;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Modules.Participation.Registration;

public sealed record CodeRequest(string? Phone);

/// <summary>Self-registration under <c>/api/v1/participation/registration</c>: open to visitors, limited per number and address.</summary>
internal static class RegistrationApi
{
    public static void MapRegistrationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/participation/registration").WithTags("Participation").AllowAnonymous();
        group.MapPost("/codes", RequestCodeAsync);
        group.MapPost("/", RegisterAsync).Produces<AccessTokenResponse>(StatusCodes.Status201Created);
    }

    internal static async Task<Results<Accepted<CodeSent>, ProblemHttpResult>> RequestCodeAsync(CodeRequest request, RegistrationService registration,
        ICallerAccessor callers, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Accepted((string?)null, await registration.RequestCodeAsync(callers.Current, request.Phone, cancellationToken));
        }
        catch (CodeRateLimitedException e)
        {
            http.Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: e.Message);
        }
        catch (Gongzhi.Modules.Notifications.OutboundDeliveryException)
        {
            // The gateway did not take the text (already logged): the visitor may ask again in a moment.
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: ParticipationText.Get("Registration.SendFailed"));
        }
    }

    /// <summary>Creates the account and signs it in: the answer is the bearer token, as after a sign-in, with 201.</summary>
    internal static async Task<EmptyHttpResult> RegisterAsync(RegistrationRequest request, RegistrationService registration,
        SignInManager<GongzhiUser> signIn, ICallerAccessor callers, HttpContext http, CancellationToken cancellationToken)
    {
        var user = await registration.RegisterAsync(callers.Current, request, cancellationToken);
        http.Response.StatusCode = StatusCodes.Status201Created;
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }
}
