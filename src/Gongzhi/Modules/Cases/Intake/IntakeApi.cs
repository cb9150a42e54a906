using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.Cases.Intake;

public sealed record SuggestCategoryRequest(string? Description);

internal static class IntakeApi
{
    public static void MapCaseIntakeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Case intake").RequireAuthorization();
        group.MapPost("/", SubmitAsync).RequireRateLimiting(IntakeRateLimit.Policy);
        group.MapPost("/suggest-category", SuggestCategoryAsync);
    }

    /// <summary>
    /// Reports a problem. 201 with the new case; with an <c>Idempotency-Key</c> header a retry by the same
    /// account answers 200 with the case the first attempt made.
    /// </summary>
    internal static async Task<Results<Created<CaseSubmitted>, Ok<CaseSubmitted>, ValidationProblem>> SubmitAsync(CaseSubmission body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CaseIntakeService intake, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await intake.SubmitAsync(callers.Current, body, idempotencyKey, cancellationToken);
            return result.Created
                ? TypedResults.Created($"/api/v1/cases/{result.Case.Id}", result.Case)
                : TypedResults.Ok(result.Case);
        }
        catch (FieldValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors);
        }
    }

    /// <summary>Categories for a description, best first.</summary>
    internal static async Task<Ok<IReadOnlyList<CategorySuggestion>>> SuggestCategoryAsync(SuggestCategoryRequest body, CaseIntakeService intake,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await intake.SuggestCategoriesAsync(body.Description, cancellationToken));
}
