using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Api;
using Gongzhi.Platform.Idempotency;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.Problems;

/// <summary>The one place where exceptions become RFC 9457 problem details.</summary>
internal sealed class GongzhiExceptionHandler(IProblemDetailsService problems, ILogger<GongzhiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json })
        {
            // A body that does not read as the endpoint's request: the field its path names, or the body as a whole.
            exception = new FieldValidationException(new Dictionary<string, string[]>
            {
                [FieldOf(json.Path)] = [json is UndefinedEnumValueException ? json.Message : PlatformText.Get("Validation.UnreadableValue")],
            });
        }
        if (exception is FieldValidationException invalid)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(invalid.Errors)
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more validation errors occurred.",
                    Detail = invalid.Message,
                },
            });
        }
        var (status, title, detail) = exception switch
        {
            RecordNotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            ActionForbiddenException e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            RuleViolationException e => (StatusCodes.Status409Conflict, "Conflict", e.Message),
            IdempotencyKeyReusedException e => (StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", e.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Conflict",
                "The record was changed by someone else since you loaded it. Reload it and try again."),
            ScopeViolationException e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            NotReadyException e => (StatusCodes.Status503ServiceUnavailable, "Not ready yet", e.Message),
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
            _ when IsUnstorableText(exception) => (StatusCodes.Status400BadRequest, "Bad request",
                "The text contains characters that cannot be stored (such as NUL). Remove them and try again."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred", null),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The field a JSON path names as the API spells it (<c>$.applicant.idNumber</c> → <c>applicant.idNumber</c>).</summary>
    internal static string FieldOf(string? path)
    {
        var field = (path ?? "").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    /// <summary>
    /// PostgreSQL refuses NUL and text its encoding cannot hold (SQLSTATE 22021, 22P05) wherever the
    /// text goes, a filter or a row; that is the client's input, not a fault of ours.
    /// </summary>
    private static bool IsUnstorableText(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "22021" or "22P05" })
            {
                return true;
            }
        }
        return false;
    }
}
