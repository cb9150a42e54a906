using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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

/// <summary>The policy cascade: directives issued by a body to the nodes below, acknowledged and reported on by each.</summary>
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

    internal static async Task<Results<Created<DirectiveResponse>, NotFound, ValidationProblem, ForbidHttpResult>> IssueAsync(Guid id,
        IssueDirectiveRequest request, GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Directive.MaxTitleLength)
        {
            errors["title"] = [$"Give a title of at most {Directive.MaxTitleLength} characters."];
        }
        if (string.IsNullOrWhiteSpace(request.RequiredActions) || request.RequiredActions.Trim().Length > Directive.MaxActionsLength)
        {
            errors["requiredActions"] = [$"Say which actions are required (at most {Directive.MaxActionsLength} characters)."];
        }
        var now = clock.GetUtcNow();
        if (request.Deadline is not { } deadline || deadline <= now)
        {
            errors["deadline"] = ["Give a deadline in the future."];
        }
        var children = await db.Set<Jurisdiction>().AsNoTracking().Where(j => j.ParentCode == body.JurisdictionCode)
            .OrderBy(j => j.Code).Select(j => new { j.Code, j.Name }).ToListAsync(cancellationToken);
        var chosen = request.NodeCodes is { Count: > 0 } codes ? children.Where(c => codes.Contains(c.Code)).ToList() : children;
        if (request.NodeCodes is { Count: > 0 } asked && asked.Except(children.Select(c => c.Code)).Any())
        {
            errors["nodeCodes"] = ["Only nodes directly below the issuing body."];
        }
        else if (chosen.Count == 0)
        {
            errors["nodeCodes"] = ["There are no nodes below this body."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var chosenCodes = chosen.Select(c => c.Code).ToList();
        var lowerBodies = await db.Set<ConferenceBody>().AsNoTracking().Where(b => b.ParentBodyId == body.Id && chosenCodes.Contains(b.JurisdictionCode))
            .ToDictionaryAsync(b => b.JurisdictionCode, b => b.Id, cancellationToken);
        var (directive, assignments) = Directive.Issue(body, request.Title!, request.RequiredActions!, request.Deadline!.Value,
            chosen.Select(c => (c.Code, c.Name, lowerBodies.TryGetValue(c.Code, out var b) ? b : (Guid?)null)).ToList(), now);
        db.Add(directive);
        db.AddRange(assignments);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/directives/{directive.Id}/coverage", DirectiveResponse.From(directive, assignments.Count));
    }

    internal static async Task<Results<Ok<List<DirectiveResponse>>, NotFound>> ListIssuedAsync(Guid id, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var directives = await db.Set<Directive>().AsNoTracking().Where(d => d.IssuingBodyId == id).OrderByDescending(d => d.IssuedAt).Take(200)
            .ToListAsync(cancellationToken);
        var ids = directives.Select(d => d.Id).ToList();
        var counts = await db.Set<DirectiveAssignment>().Where(a => ids.Contains(a.DirectiveId)).GroupBy(a => a.DirectiveId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return TypedResults.Ok(directives.Select(d => DirectiveResponse.From(d, counts.GetValueOrDefault(d.Id))).ToList());
    }

    /// <summary>The directives addressed to the caller's node and the nodes below it, newest first.</summary>
    internal static async Task<Ok<List<AssignmentResponse>>> ListAssignedAsync(GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var assignments = await db.Set<DirectiveAssignment>().AsNoTracking().OrderByDescending(a => a.Deadline).Take(500).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(assignments.Select(a => AssignmentResponse.From(a, now)).ToList());
    }

    /// <summary>
    /// Per node: acknowledged or not, done / partly / not yet / no report, late. The issuing level sees every node;
    /// a node below sees the directive and its own row only, as the scope filter decides.
    /// </summary>
    internal static async Task<Results<Ok<CoverageResponse>, NotFound>> CoverageAsync(Guid id, GongzhiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var directive = await db.Set<Directive>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (directive is null)
        {
            return TypedResults.NotFound();
        }
        var nodes = await db.Set<DirectiveAssignment>().AsNoTracking().Where(a => a.DirectiveId == id).OrderBy(a => a.JurisdictionCode)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new CoverageResponse(DirectiveResponse.From(directive, nodes.Count),
            nodes.Count(n => n.AcknowledgedAt is not null),
            nodes.Count(n => n.Execution == ExecutionStatus.Done),
            nodes.Count(n => n.Execution == ExecutionStatus.Partly),
            nodes.Count(n => n.Execution == ExecutionStatus.NotYet),
            nodes.Count(n => n.Execution == ExecutionStatus.None),
            nodes.Count(n => n.IsLate(now)),
            nodes.Select(n => AssignmentResponse.From(n, now)).ToList()));
    }

    internal static async Task<Results<Ok<AssignmentResponse>, NotFound, ForbidHttpResult>> AcknowledgeAsync(Guid id, GongzhiDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var assignment = await db.Set<DirectiveAssignment>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.RunsNode(db.Caller, assignment.JurisdictionCode))
        {
            return TypedResults.Forbid();
        }
        var now = clock.GetUtcNow();
        assignment.Acknowledge(db.Caller.UserName, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AssignmentResponse.From(assignment, now));
    }

    internal static async Task<Results<Ok<AssignmentResponse>, NotFound, ValidationProblem, ForbidHttpResult>> ReportAsync(Guid id,
        ExecutionReportRequest request, GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var assignment = await db.Set<DirectiveAssignment>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.RunsNode(db.Caller, assignment.JurisdictionCode))
        {
            return TypedResults.Forbid();
        }
        if (request.Status is not ({ } status and not ExecutionStatus.None) || !Enum.IsDefined(status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Done, Partly or NotYet."] });
        }
        if (request.Version is { } version)
        {
            db.Entry(assignment).Property(a => a.Version).OriginalValue = version;
        }
        var now = clock.GetUtcNow();
        assignment.Report(status, request.Note, request.EvidenceFileIds ?? [], now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AssignmentResponse.From(assignment, now));
    }
}
