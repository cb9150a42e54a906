using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Conferences;

public sealed record DirectiveResponse(Guid Id, Guid IssuingBodyId, string JurisdictionCode, string Title, string RequiredActions,
    DateTimeOffset Deadline, DateTimeOffset IssuedAt, int Nodes)
{
    internal static DirectiveResponse From(Directive d, int nodes) =>
        new(d.Id, d.IssuingBodyId, d.JurisdictionCode, d.Title, d.RequiredActions, d.Deadline, d.IssuedAt, nodes);
}

public sealed record AssignmentResponse(Guid Id, Guid DirectiveId, string JurisdictionCode, string NodeName, Guid? BodyId, bool Acknowledged,
    DateTimeOffset? AcknowledgedAt, ExecutionStatus Execution, string? Note, IReadOnlyList<Guid> EvidenceFileIds, DateTimeOffset? ReportedAt,
    bool Late, long Version)
{
    internal static AssignmentResponse From(DirectiveAssignment a, DateTimeOffset now) => new(a.Id, a.DirectiveId, a.JurisdictionCode, a.NodeName,
        a.BodyId, a.AcknowledgedAt is not null, a.AcknowledgedAt, a.Execution, a.Note, a.EvidenceFileIds, a.ReportedAt, a.IsLate(now), a.Version);
}

/// <summary>Who implemented, partly, not at all, and who is late: the per-node table and its totals.</summary>
public sealed record CoverageResponse(DirectiveResponse Directive, int Acknowledged, int Done, int Partly, int NotYet, int None, int Late,
    IReadOnlyList<AssignmentResponse> Nodes);

/// <param name="NodeCodes">A chosen subset of the nodes directly below; empty or absent means all of them.</param>
public sealed record IssueDirectiveRequest(string? Title, string? RequiredActions, DateTimeOffset? Deadline, IReadOnlyList<string>? NodeCodes);

public sealed record ExecutionReportRequest(ExecutionStatus? Status, string? Note, IReadOnlyList<Guid>? EvidenceFileIds, long? Version);

/// <summary>The policy cascade: the routes of <see cref="DirectiveService"/>.</summary>
internal static class DirectivesApi
{
    public static void MapDirectivesApi(this RouteGroupBuilder group)
    {
        group.MapPost("/bodies/{id:guid}/directives", IssueAsync);
        group.MapGet("/bodies/{id:guid}/directives", ListIssuedAsync);
        group.MapGet("/directives/assigned", ListAssignedAsync);
        group.MapGet("/directives/{id:guid}/coverage", CoverageAsync);
        group.MapPost("/directives/assignments/{id:guid}/acknowledge", AcknowledgeAsync);
        group.MapPost("/directives/assignments/{id:guid}/report", ReportAsync);
    }

    internal static async Task<Created<DirectiveResponse>> IssueAsync(Guid id, IssueDirectiveRequest request, DirectiveService directives,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var directive = await directives.IssueAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/directives/{directive.Id}/coverage", directive);
    }

    internal static async Task<Ok<List<DirectiveResponse>>> ListIssuedAsync(Guid id, DirectiveService directives, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await directives.IssuedByAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<List<AssignmentResponse>>> ListAssignedAsync(DirectiveService directives, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await directives.AssignedAsync(callers.Current, cancellationToken));

    internal static async Task<Ok<CoverageResponse>> CoverageAsync(Guid id, DirectiveService directives, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await directives.CoverageAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<AssignmentResponse>> AcknowledgeAsync(Guid id, DirectiveService directives, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await directives.AcknowledgeAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<AssignmentResponse>> ReportAsync(Guid id, ExecutionReportRequest request, DirectiveService directives,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directives.ReportAsync(callers.Current, id, request, cancellationToken));
}
