using Gongzhi.Platform.Actions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Cases.Workflow;

/// <summary>Turns a service call's refusals into the API's answers; broken rules (409) go through the platform's exception handler.</summary>
internal static class CaseResults
{
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (FieldValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors);
        }
        catch (CaseAccessException e)
        {
            return TypedResults.Problem(statusCode: e.Status, title: e.Status == StatusCodes.Status404NotFound ? "Not found" : "Forbidden",
                detail: e.Message);
        }
    }
}
