using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongzhi.Modules.Services.Applications;

/// <summary>
/// Applications (办件) under <c>/api/v1/services/applications</c>. Thin: each handler maps the body to
/// <see cref="ApplicationWorkflow"/> or <see cref="ApplicationQueries"/>; the platform's exception handler turns
/// a field error into 400, a hidden record into 404, a refused action into 403 and a broken rule into 409.
/// </summary>
public static class ApplicationsApi
{
    internal static void MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/applications").WithTags("Services").RequireAuthorization();
        group.MapPost("", SubmitAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/evaluation", EvaluateAsync);
        group.MapPost("/{id:guid}/follow-up", CloseFollowUpAsync);
        group.MapPost("/{id:guid}/reveal", RevealAsync);
        group.MapPost("/{id:guid}/{action}", ActAsync);
    }

    internal static async Task<Results<Created<ApplicationResponse>, Ok<ApplicationResponse>>> SubmitAsync(ApplicationRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ApplicationWorkflow workflow, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var (application, created) = await workflow.SubmitAsync(caller, request, idempotencyKey, cancellationToken);
        var response = ApplicationResponse.From(application, ApplicationRules.IsApplicant(caller, application), workflow.Today);
        return created ? TypedResults.Created($"/api/v1/services/applications/{application.Id}", response) : TypedResults.Ok(response);
    }

    /// <param name="state">A state as the answers spell it (awaitingMaterials); any case.</param>
    internal static async Task<Results<Ok<ApplicationPage>, ValidationProblem>> ListAsync(string? state, bool? overdue, string? scope, int? page,
        int? size, ApplicationQueries queries, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        ApplicationState? wanted = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<ApplicationState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [ServicesText.Get("Queue.AllStates")] });
            }
            wanted = parsed;
        }
        return TypedResults.Ok(await queries.ListAsync(callers.Current, wanted, overdue == true, scope, page ?? 1, size ?? 20, cancellationToken));
    }

    internal static async Task<Results<Ok<ApplicationResponse>, NotFound>> GetAsync(Guid id, ApplicationQueries queries, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        await queries.GetAsync(callers.Current, id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    internal static async Task<Results<Ok<ApplicationResponse>, NotFound>> ActAsync(Guid id, string action, ApplicationActionRequest? request,
        ApplicationWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        if (workflow.ActAsync(caller, id, action, request ?? new ApplicationActionRequest(), cancellationToken) is not { } running)
        {
            return TypedResults.NotFound();
        }
        var application = await running;
        return TypedResults.Ok(ApplicationResponse.From(application, ApplicationRules.IsApplicant(caller, application), workflow.Today));
    }

    internal static async Task<Ok<ApplicationResponse>> EvaluateAsync(Guid id, EvaluationRequest request, ApplicationWorkflow workflow,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var application = await workflow.EvaluateAsync(caller, id, request, cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, ApplicationRules.IsApplicant(caller, application), workflow.Today));
    }

    internal static async Task<Ok<ApplicationResponse>> CloseFollowUpAsync(Guid id, FollowUpRequest request, ApplicationWorkflow workflow,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var application = await workflow.CloseFollowUpAsync(caller, id, request, cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, ApplicationRules.IsApplicant(caller, application), workflow.Today));
    }

    internal static async Task<Ok<ApplicantResponse>> RevealAsync(Guid id, RevealRequest request, ApplicationWorkflow workflow,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflow.RevealAsync(callers.Current, id, request, cancellationToken));
}
