using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>A task on the caller's board, with what the caller may do with it.</summary>
internal sealed record BoardItem(TaskResponse Task, Guid ResolutionId, string ResolutionText, bool MayReport, bool MayAccept, bool HasSubtasks);

/// <summary>How a resolution stands for the caller: its body (which the owner of a task below may not open), and the tasks they report on.</summary>
internal sealed record ResolutionSight(string BodyName, bool BodyVisible, bool MeetingVisible, bool Runs, IReadOnlyList<TaskResponse> Reportable);

/// <summary>What the task board and the resolution page read about tasks, with the permissions of the caller.</summary>
internal sealed class TaskQueries(GongzhiDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The caller's board: tasks of the caller's organisation, of the bodies at the caller's node, and those such bodies set;
    /// by deadline.
    /// </summary>
    public async Task<List<BoardItem>> BoardAsync(Caller caller, CancellationToken cancellationToken)
    {
        var board = await BoardTasksAsync(caller, cancellationToken);
        var resolutionIds = board.Select(t => t.ResolutionId).Distinct().ToList();
        // Progress of a task with sub-tasks rolls up from all of them, so the whole resolution's tasks are read.
        var all = await db.Set<ConferenceTask>().IgnoreQueryFilters().AsNoTracking().Where(t => resolutionIds.Contains(t.ResolutionId))
            .ToListAsync(cancellationToken);
        // The resolutions of tasks on the board, which may sit above the caller's node.
        var resolutions = await db.Set<Resolution>().IgnoreQueryFilters().AsNoTracking().Where(r => resolutionIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var bodyIds = all.Select(t => t.BodyId).Concat(all.Select(t => t.OwnerBodyId).OfType<Guid>()).Distinct().ToList();
        // The bodies of those tasks, for their names and who runs them.
        var bodies = await db.Set<ConferenceBody>().IgnoreQueryFilters().AsNoTracking().Where(b => bodyIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var onBoard = board.Select(t => t.Id).ToHashSet();
        var items = new List<BoardItem>();
        foreach (var group in all.GroupBy(t => t.ResolutionId))
        {
            var described = ResolutionWorkflow.Describe(resolutions[group.Key], group.ToList(), now);
            foreach (var t in described.Tasks.Where(t => onBoard.Contains(t.Id)))
            {
                var entity = group.First(e => e.Id == t.Id);
                var body = bodies[entity.BodyId];
                var ownerBody = entity.OwnerBodyId is { } ob ? bodies.GetValueOrDefault(ob) : null;
                items.Add(new BoardItem(t, group.Key, described.Text, ConferencePermissions.MayReport(caller, entity, body, ownerBody),
                    ConferencePermissions.Runs(caller, body), group.Any(x => x.ParentTaskId == t.Id)));
            }
        }
        return items.OrderBy(t => t.Task.Deadline).ToList();
    }

    private async Task<List<ConferenceTask>> BoardTasksAsync(Caller caller, CancellationToken cancellationToken)
    {
        var organisation = Guid.TryParse(caller.OrganisationId, out var org) ? org : (Guid?)null;
        List<Guid> myBodies = [];
        if (caller.ScopeCode.Length > 0 && ConferencePermissions.RunsNode(caller, caller.ScopeCode))
        {
            using var _ = db.As(caller);
            myBodies = await db.Set<ConferenceBody>().AsNoTracking().Where(b => b.JurisdictionCode == caller.ScopeCode).Select(b => b.Id)
                .ToListAsync(cancellationToken);
        }
        // Owned tasks may sit at a node above the owner (a member unit elsewhere), so the owner's own filter is applied here instead.
        return await db.Set<ConferenceTask>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => (organisation != null && t.OwnerOrganisationId == organisation)
                || (t.OwnerBodyId != null && myBodies.Contains(t.OwnerBodyId.Value))
                || myBodies.Contains(t.BodyId))
            .OrderBy(t => t.Deadline).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>How a resolution the caller may read (<see cref="ResolutionWorkflow.GetAsync"/>) stands for them.</summary>
    public async Task<ResolutionSight> SightAsync(Caller caller, ResolutionResponse resolution, CancellationToken cancellationToken)
    {
        // The owner of a task below may follow the resolution without seeing the body's own proceedings.
        var body = await db.Set<ConferenceBody>().IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == resolution.BodyId, cancellationToken);
        bool meetingVisible;
        using (db.As(caller))
        {
            meetingVisible = await db.Set<Meeting>().AnyAsync(m => m.Id == resolution.MeetingId, cancellationToken);
        }
        // Owner bodies and the tasks of a resolution the caller follows, whatever their scope (as the body above).
        var ownerIds = resolution.Tasks.Select(t => t.OwnerBodyId).OfType<Guid>().ToList();
        var ownerBodies = await db.Set<ConferenceBody>().IgnoreQueryFilters().AsNoTracking().Where(b => ownerIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, cancellationToken);
        // And its tasks, for which of them an owner may report on.
        var entities = await db.Set<ConferenceTask>().IgnoreQueryFilters().AsNoTracking().Where(t => t.ResolutionId == resolution.Id)
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var parents = resolution.Tasks.Select(t => t.ParentTaskId).OfType<Guid>().ToHashSet();
        // Owners report on tasks without sub-tasks, as the API allows them to.
        var reportable = resolution.Tasks.Where(t => !t.Accepted && !parents.Contains(t.Id)
            && ConferencePermissions.MayReport(caller, entities[t.Id], body, t.OwnerBodyId is { } ob ? ownerBodies.GetValueOrDefault(ob) : null)).ToList();
        return new ResolutionSight(body.Name, caller.CanSee(body.JurisdictionCode), meetingVisible, ConferencePermissions.Runs(caller, body), reportable);
    }

    /// <summary>The task as the caller sees it, or null.</summary>
    public async Task<ConferenceTask?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        return await db.Set<ConferenceTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }
}
