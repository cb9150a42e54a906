using Gongzhi.Components;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>The policy cascade: directives issued by a body to the nodes below, acknowledged and reported on by each node's staff.</summary>
internal sealed class DirectiveService(GongzhiDbContext db, RecordActions actions, IJurisdictionBrowser tree, TimeProvider clock)
{
    public async Task<DirectiveResponse> IssueAsync(Caller caller, Guid bodyId, IssueDirectiveRequest request, CancellationToken cancellationToken)
    {
        DirectiveResponse? issued = null;
        await actions.RunAsync(caller, b => b.Id == bodyId, "issue", null, ConferenceRules.Body, async body =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Directive.MaxTitleLength)
            {
                errors["title"] = [ConferencesText.Format("Field.Title", Directive.MaxTitleLength)];
            }
            if (string.IsNullOrWhiteSpace(request.RequiredActions) || request.RequiredActions.Trim().Length > Directive.MaxActionsLength)
            {
                errors["requiredActions"] = [ConferencesText.Format("Directive.Actions", Directive.MaxActionsLength)];
            }
            var now = clock.GetUtcNow();
            if (request.Deadline is not { } deadline || deadline <= now)
            {
                errors["deadline"] = [ConferencesText.Get("Directive.Deadline")];
            }
            var children = (await tree.GetChildrenAsync(body.JurisdictionCode, cancellationToken)).Select(j => new { j.Code, j.Name }).ToList();
            var chosen = request.NodeCodes is { Count: > 0 } codes ? children.Where(c => codes.Contains(c.Code)).ToList() : children;
            if (request.NodeCodes is { Count: > 0 } asked && asked.Except(children.Select(c => c.Code)).Any())
            {
                errors["nodeCodes"] = [ConferencesText.Get("Directive.NodesBelow")];
            }
            else if (chosen.Count == 0)
            {
                errors["nodeCodes"] = [ConferencesText.Get("Directive.NoNodes")];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            var chosenCodes = chosen.Select(c => c.Code).ToList();
            var lowerBodies = await db.Set<ConferenceBody>().AsNoTracking().Where(b => b.ParentBodyId == body.Id && chosenCodes.Contains(b.JurisdictionCode))
                .ToDictionaryAsync(b => b.JurisdictionCode, b => b.Id, cancellationToken);
            var (directive, assignments) = Directive.Issue(body, request.Title!, request.RequiredActions!, request.Deadline!.Value,
                chosen.Select(c => (c.Code, c.Name, lowerBodies.TryGetValue(c.Code, out var b) ? b : (Guid?)null)).ToList(), now);
            db.Add(directive);
            db.AddRange(assignments);
            issued = DirectiveResponse.From(directive, assignments.Count);
        }, cancellationToken);
        return issued!;
    }

    public async Task<List<DirectiveResponse>> IssuedByAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        if (!await db.Set<ConferenceBody>().AnyAsync(b => b.Id == bodyId, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        var directives = await db.Set<Directive>().AsNoTracking().Where(d => d.IssuingBodyId == bodyId).OrderByDescending(d => d.IssuedAt).Take(200)
            .ToListAsync(cancellationToken);
        var ids = directives.Select(d => d.Id).ToList();
        var counts = await db.Set<DirectiveAssignment>().Where(a => ids.Contains(a.DirectiveId)).GroupBy(a => a.DirectiveId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return directives.Select(d => DirectiveResponse.From(d, counts.GetValueOrDefault(d.Id))).ToList();
    }

    /// <summary>The directives addressed to the caller's node and the nodes below it, newest first.</summary>
    public async Task<List<AssignmentResponse>> AssignedAsync(Caller caller, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var assignments = await db.Set<DirectiveAssignment>().AsNoTracking().OrderByDescending(a => a.Deadline).Take(500).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return assignments.Select(a => AssignmentResponse.From(a, now)).ToList();
    }

    /// <summary>The directives addressed to exactly <paramref name="node"/> (a body's inbox), newest first, with their directive.</summary>
    public async Task<List<(AssignmentResponse Assignment, Directive Directive)>> AssignedToNodeAsync(Caller caller, string node,
        CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var now = clock.GetUtcNow();
        var rows = await db.Set<DirectiveAssignment>().AsNoTracking().Where(a => a.JurisdictionCode == node)
            .OrderByDescending(a => a.Deadline).Take(50).ToListAsync(cancellationToken);
        var directiveIds = rows.Select(a => a.DirectiveId).ToList();
        var directives = await db.Set<Directive>().AsNoTracking().Where(d => directiveIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        return rows.Where(a => directives.ContainsKey(a.DirectiveId)).Select(a => (AssignmentResponse.From(a, now), directives[a.DirectiveId])).ToList();
    }

    /// <summary>
    /// Per node: acknowledged or not, done / partly / not yet / no report, late. The issuing level sees every node;
    /// a node below sees the directive and its own row only, as the scope filter decides.
    /// </summary>
    public async Task<CoverageResponse> CoverageAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var directive = await db.Set<Directive>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException();
        var nodes = await db.Set<DirectiveAssignment>().AsNoTracking().Where(a => a.DirectiveId == id).OrderBy(a => a.JurisdictionCode)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return new CoverageResponse(DirectiveResponse.From(directive, nodes.Count),
            nodes.Count(n => n.AcknowledgedAt is not null),
            nodes.Count(n => n.Execution == ExecutionStatus.Done),
            nodes.Count(n => n.Execution == ExecutionStatus.Partly),
            nodes.Count(n => n.Execution == ExecutionStatus.NotYet),
            nodes.Count(n => n.Execution == ExecutionStatus.None),
            nodes.Count(n => n.IsLate(now)),
            nodes.Select(n => AssignmentResponse.From(n, now)).ToList());
    }

    public async Task<AssignmentResponse> AcknowledgeAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var assignment = await actions.RunAsync(caller, a => a.Id == id, "acknowledge", null, ConferenceRules.Assignment, a =>
        {
            a.Acknowledge(caller.UserName, now);
            return Task.CompletedTask;
        }, cancellationToken);
        return AssignmentResponse.From(assignment, now);
    }

    public async Task<AssignmentResponse> ReportAsync(Caller caller, Guid id, ExecutionReportRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var assignment = await actions.RunAsync(caller, a => a.Id == id, "report", request.Version, ConferenceRules.Assignment, a =>
        {
            if (request.Status is not ({ } status and not ExecutionStatus.None) || !Enum.IsDefined(status))
            {
                throw ConferencesText.Invalid("status", "Directive.Status");
            }
            a.Report(status, request.Note, request.EvidenceFileIds ?? [], now);
            return Task.CompletedTask;
        }, cancellationToken);
        return AssignmentResponse.From(assignment, now);
    }
}
