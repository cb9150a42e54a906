using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Webhooks.Inbound;

/// <summary>
/// Keys of organisations' own systems (administrators, under <c>/api/v1/webhooks/keys</c>), and what such a system may do
/// with its key in <c>X-Gongzhi-Key</c> (under <c>/api/v1/department-systems</c>): read, accept, return and resolve the cases
/// dispatched to its organisation, through the same workflow and rules as the organisation's staff.
/// </summary>
internal static class InboundApi
{
    public const string KeyHeader = "X-Gongzhi-Key";

    public static void MapInboundApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/webhooks/keys").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        keys.MapPost("/", IssueAsync);
        keys.MapGet("/", ListAsync);
        keys.MapPost("/{id:guid}/revoke", RevokeAsync);

        // Authenticated by the key, not by a session: a system has no account to sign in with.
        var systems = app.MapGroup("/api/v1/department-systems/cases").WithTags("Webhooks").AllowAnonymous();
        systems.MapGet("/{id:guid}", GetCaseAsync);
        systems.MapPost("/{id:guid}/accept", AcceptAsync);
        systems.MapPost("/{id:guid}/return", ReturnAsync);
        systems.MapPost("/{id:guid}/resolve", ResolveAsync);
    }

    internal static async Task<Created<IssuedSystemKey>> IssueAsync(IssueSystemKeyRequest request, SystemKeys keys, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var issued = await keys.IssueAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/keys/{issued.Key.Id}", issued);
    }

    internal static async Task<Ok<List<SystemKeyView>>> ListAsync(SystemKeys keys, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(callers.Current, cancellationToken));

    internal static async Task<Ok<SystemKeyView>> RevokeAsync(Guid id, SystemKeys keys, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.RevokeAsync(callers.Current, id, cancellationToken));

    internal static Task<Results<Ok<CaseDetail>, UnauthorizedHttpResult, ProblemHttpResult>> GetCaseAsync(Guid id, HttpContext http, SystemKeys keys,
        CaseQueries queries, CancellationToken cancellationToken) =>
        AsSystemAsync(http, keys, system => queries.GetAsync(system, id, cancellationToken), cancellationToken);

    internal static Task<Results<Ok<CaseDetail>, UnauthorizedHttpResult, ProblemHttpResult>> AcceptAsync(Guid id, AcceptRequest request,
        HttpContext http, SystemKeys keys, CaseWorkflow workflow, CancellationToken cancellationToken) =>
        AsSystemAsync(http, keys, system => workflow.AcceptAsync(system, id, request, cancellationToken), cancellationToken);

    internal static Task<Results<Ok<CaseDetail>, UnauthorizedHttpResult, ProblemHttpResult>> ReturnAsync(Guid id, ReturnRequest request,
        HttpContext http, SystemKeys keys, CaseWorkflow workflow, CancellationToken cancellationToken) =>
        AsSystemAsync(http, keys, system => workflow.ReturnAsync(system, id, request, cancellationToken), cancellationToken);

    internal static Task<Results<Ok<CaseDetail>, UnauthorizedHttpResult, ProblemHttpResult>> ResolveAsync(Guid id, ResolveRequest request,
        HttpContext http, SystemKeys keys, CaseWorkflow workflow, CancellationToken cancellationToken) =>
        // A system's photos would need an upload of its own; the note says what was done.
        AsSystemAsync(http, keys, system => workflow.ResolveAsync(system, id, request with { PhotoIds = null }, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs the call as the key's system: 401 without a valid key; a case it may not see or act on answers 404 or 403 as the
    /// workflow says; invalid input (400) and broken rules (409) go through the platform's exception handler.
    /// </summary>
    private static async Task<Results<Ok<CaseDetail>, UnauthorizedHttpResult, ProblemHttpResult>> AsSystemAsync(HttpContext http, SystemKeys keys,
        Func<Caller, Task<CaseDetail>> call, CancellationToken cancellationToken)
    {
        if (await SystemOfAsync(http, keys, cancellationToken) is not { } system)
        {
            return TypedResults.Unauthorized();
        }
        try
        {
            return TypedResults.Ok(await call(system));
        }
        catch (CaseAccessException e)
        {
            return TypedResults.Problem(statusCode: e.Status, title: e.Status == StatusCodes.Status404NotFound ? "Not found" : "Forbidden",
                detail: e.Message);
        }
    }

    private static Task<Caller?> SystemOfAsync(HttpContext http, SystemKeys keys, CancellationToken cancellationToken) =>
        keys.CallerOfAsync(http.Request.Headers[KeyHeader].ToString(), http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
}
