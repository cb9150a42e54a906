using Gongzhi.Modules.Access.PhoneCodes;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.Cases.Guests;

public sealed record GuestCodeRequest(string? Phone);

/// <summary>
/// Reporting without an account, under <c>/api/v1/cases</c>: a code to a number (<c>guest/codes</c>), the report with it
/// (<c>guest</c>), the case's progress by its follow link (<c>follow/{token}</c>), open cases near a place (<c>nearby</c>) and
/// 我也遇到了 (<c>{id}/supporters</c>). Open to visitors; what writes or searches is limited like intake.
/// </summary>
internal static class GuestApi
{
    public static void MapGuestReportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Case intake").AllowAnonymous();
        group.MapPost("/guest/codes", RequestCodeAsync);
        group.MapPost("/guest", SubmitAsync).RequireRateLimiting(IntakeRateLimit.Policy);
        group.MapGet("/follow/{token}", FollowAsync);
        group.MapGet("/nearby", NearbyAsync).RequireRateLimiting(IntakeRateLimit.Policy);
        group.MapPost("/{id:guid}/supporters", SupportAsync).RequireRateLimiting(IntakeRateLimit.Policy);
    }

    /// <summary>Texts a one-time code to the number: 202, 429 with Retry-After past the number's or the address's limit.</summary>
    internal static async Task<Results<Accepted<CodeSent>, ValidationProblem, ProblemHttpResult>> RequestCodeAsync(GuestCodeRequest body,
        GuestReports guests, ICallerAccessor callers, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Accepted((string?)null, await guests.RequestCodeAsync(callers.Current, body.Phone, cancellationToken));
        }
        catch (FieldValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors);
        }
        catch (CodeRateLimitedException e)
        {
            http.Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: e.Message);
        }
        catch (OutboundDeliveryException)
        {
            // The gateway did not take the text (already logged): the visitor may ask again in a moment.
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: CasesText.Get("Guest.SendFailed"));
        }
    }

    /// <summary>
    /// Files a report without an account: 201 with the case and its follow link; a retry with the same <c>Idempotency-Key</c>
    /// and number answers 200 with the same. A wrong code is a 400 naming <c>code</c>.
    /// </summary>
    internal static async Task<Results<Created<GuestReported>, Ok<GuestReported>, ValidationProblem>> SubmitAsync(GuestSubmission body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, GuestReports guests, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        try
        {
            var (result, created) = await guests.SubmitAsync(callers.Current, body, idempotencyKey, cancellationToken);
            return created ? TypedResults.Created($"/api/v1/cases/follow/{result.FollowToken}", result) : TypedResults.Ok(result);
        }
        catch (FieldValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors);
        }
    }

    /// <summary>The case's public progress by its follow link; 404 for a token that opens none.</summary>
    internal static Task<Results<Ok<CaseFollowView>, ValidationProblem, ProblemHttpResult>> FollowAsync(string token, GuestReports guests,
        CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => guests.FollowAsync(token, cancellationToken));

    /// <summary>Open cases of the category within 200 m of the point, nearest first; nothing personal.</summary>
    internal static Task<Results<Ok<IReadOnlyList<NearbyCase>>, ValidationProblem, ProblemHttpResult>> NearbyAsync(double? lat, double? lon,
        string? category, CaseSupport support, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => support.NearbyAsync(lat, lon, category, cancellationToken));

    /// <summary>我也遇到了: 201 when the caller joins the case's supporters, 200 when they already had; a visitor sends a number and its code.</summary>
    internal static async Task<Results<Created<SupportResult>, Ok<SupportResult>, ValidationProblem, ProblemHttpResult>> SupportAsync(Guid id,
        SupportRequest? body, CaseSupport support, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        try
        {
            var result = await support.SupportAsync(callers.Current, id, body ?? new SupportRequest(), cancellationToken);
            return result.Added ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
        }
        catch (FieldValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors);
        }
        catch (CaseAccessException e)
        {
            return TypedResults.Problem(statusCode: e.Status, title: "Not found", detail: e.Message);
        }
    }
}
