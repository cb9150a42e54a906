using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Cases.Workflow;

/// <summary>
/// <c>POST /api/v1/cases/{id}/{action}</c>: one endpoint per lifecycle action, each with its own body,
/// each answering the case as it is afterwards. 403 wrong role, 404 not visible, 409 wrong state or stale version.
/// </summary>
internal static class WorkflowApi
{
    public static void MapCaseWorkflowApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/{id:guid}").WithTags("Case workflow").RequireAuthorization();
        group.MapPost("/register", RegisterAsync);
        group.MapPost("/reject", RejectAsync);
        group.MapPost("/reclassify", ReclassifyAsync);
        group.MapPost("/dispatch", DispatchAsync);
        group.MapPost("/accept", AcceptAsync);
        group.MapPost("/return", ReturnAsync);
        group.MapPost("/resolve", ResolveAsync);
        group.MapPost("/verify", VerifyAsync);
        group.MapPost("/rework", ReworkAsync);
        group.MapPost("/close", CloseAsync);
        group.MapPost("/evaluate", EvaluateAsync);
        group.MapPost("/reopen", ReopenAsync);
        group.MapPost("/extend", ExtendAsync);
        group.MapPost("/extension/approve", ApproveExtensionAsync);
        group.MapPost("/extension/refuse", RefuseExtensionAsync);
        group.MapPost("/transfer", TransferAsync);
        group.MapPost("/merge", MergeAsync);
        group.MapPost("/escalate", EscalateAsync);
        group.MapPost("/supervise", SuperviseAsync);
        group.MapPost("/note", NoteAsync);
    }

    /// <summary>立案.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> RegisterAsync(Guid id, RegisterRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.RegisterAsync(callers.Current, id, body, cancellationToken));

    /// <summary>不予立案 (invalid / duplicate / not ours), with a reason.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> RejectAsync(Guid id, RejectRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.RejectAsync(callers.Current, id, body, cancellationToken));

    /// <summary>改类: corrects the category or urgency before dispatch.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ReclassifyAsync(Guid id, ReclassifyRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.ReclassifyAsync(callers.Current, id, body, cancellationToken));

    /// <summary>派遣 to a lead organisation (the routing suggestion when none is given) and assisting ones.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> DispatchAsync(Guid id, DispatchRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.DispatchAsync(callers.Current, id, body, cancellationToken));

    /// <summary>签收 by the lead organisation.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> AcceptAsync(Guid id, AcceptRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.AcceptAsync(callers.Current, id, body, cancellationToken));

    /// <summary>退单 by the lead organisation, with a reason; counted as a bounce.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ReturnAsync(Guid id, ReturnRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.ReturnAsync(callers.Current, id, body, cancellationToken));

    /// <summary>处置反馈 with a note and photos.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ResolveAsync(Guid id, ResolveRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.ResolveAsync(callers.Current, id, body, cancellationToken));

    /// <summary>核查 passed, by the grid worker or the reporter.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> VerifyAsync(Guid id, VerifyRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.VerifyAsync(callers.Current, id, body, cancellationToken));

    /// <summary>返工: verification failed.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ReworkAsync(Guid id, ReworkRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.ReworkAsync(callers.Current, id, body, cancellationToken));

    /// <summary>结案.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> CloseAsync(Guid id, CloseRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.CloseAsync(callers.Current, id, body, cancellationToken));

    /// <summary>The reporter's verdict: satisfied, basicallySatisfied or dissatisfied.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> EvaluateAsync(Guid id, EvaluateRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.EvaluateAsync(callers.Current, id, body, cancellationToken));

    /// <summary>A dissatisfied reporter sends the case back once.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ReopenAsync(Guid id, ReopenRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.ReopenAsync(callers.Current, id, body, cancellationToken));

    /// <summary>延期 request by the lead organisation.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ExtendAsync(Guid id, ExtendRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.RequestExtensionAsync(callers.Current, id, body, cancellationToken));

    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ApproveExtensionAsync(Guid id,
        ApproveExtensionRequest body, CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.ApproveExtensionAsync(callers.Current, id, body, cancellationToken));

    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> RefuseExtensionAsync(Guid id,
        RefuseExtensionRequest body, CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.RefuseExtensionAsync(callers.Current, id, body, cancellationToken));

    /// <summary>转办 to another jurisdiction.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> TransferAsync(Guid id, TransferRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.TransferAsync(callers.Current, id, body, cancellationToken));

    /// <summary>Merges this duplicate into a master case.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> MergeAsync(Guid id, MergeRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.MergeAsync(callers.Current, id, body, cancellationToken));

    /// <summary>上报 to the level above.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> EscalateAsync(Guid id, EscalateRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.EscalateAsync(callers.Current, id, body, cancellationToken));

    /// <summary>督办 / 催办 from the district or the city.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> SuperviseAsync(Guid id, SuperviseRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.SuperviseAsync(callers.Current, id, body, cancellationToken));

    /// <summary>办理备注 with photos, by the lead or an assisting organisation or a dispatcher; the state stays.</summary>
    internal static Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> NoteAsync(Guid id, NoteRequest body,
        CaseWorkflow workflow, ICallerAccessor callers, CancellationToken cancellationToken) =>
        CaseResults.RunAsync(() => workflow.NoteAsync(callers.Current, id, body, cancellationToken));
}
