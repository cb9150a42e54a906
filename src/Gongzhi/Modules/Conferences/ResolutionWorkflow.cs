using Gongzhi.Modules.Conferences.Meetings;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// Resolutions and their tasks: adopted at a meeting, reported on by owners, accepted by the body, then done; and who
/// follows them. Every write runs through <see cref="RecordActions"/> as the explicit caller.
/// </summary>
internal sealed class ResolutionWorkflow(GongzhiDbContext db, RecordActions actions, IOrganisationDirectory organisations, TimeProvider clock,
    Notifier notifier)
{
    public static ResolutionResponse Describe(Resolution resolution, IReadOnlyList<ConferenceTask> tasks, DateTimeOffset now)
    {
        var progress = TaskProgress.Compute(tasks);
        var items = tasks.OrderBy(t => t.Deadline).ThenBy(t => t.Id).Select(t => new TaskResponse(t.Id, t.ParentTaskId, t.Title, t.OwnerOrganisationId,
            t.OwnerBodyId, t.Deadline, t.Weight, progress[t.Id], t.IsOverdue(progress[t.Id], now), t.Accepted, t.AcceptedAt, t.Reports, t.Version)).ToList();
        return new ResolutionResponse(resolution.Id, resolution.BodyId, resolution.MeetingId, resolution.Text, resolution.State,
            TaskProgress.Overall(tasks, progress), resolution.CreatedAt, resolution.DoneAt, items, resolution.Version);
    }

    // Tasks of lower owners sit at their node; the body's level reads them all, an owner its own, so the full set is read unfiltered
    // once the resolution itself has passed the caller's scope filter.
    private Task<List<ConferenceTask>> TasksOfAsync(Guid resolutionId, CancellationToken cancellationToken) =>
        db.Set<ConferenceTask>().IgnoreQueryFilters().Where(t => t.ResolutionId == resolutionId).ToListAsync(cancellationToken);

    private async Task<Resolution?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var resolution = await db.Set<Resolution>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resolution is not null)
        {
            return resolution;
        }
        // The owner of a task below the body may follow the resolution the task belongs to.
        var ownsTask = await db.Set<ConferenceTask>().AnyAsync(t => t.ResolutionId == id, cancellationToken);
        return ownsTask ? await db.Set<Resolution>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
    }

    /// <summary>The caller may read the resolution: through the scope filter, or as the owner of one of its tasks.</summary>
    public async Task<bool> CanReadAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        return await FindAsync(id, cancellationToken) is not null;
    }

    public async Task<List<ResolutionResponse>> ListAsync(Caller caller, Guid meetingId, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        if (!await db.Set<Meeting>().AnyAsync(m => m.Id == meetingId, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        var resolutions = await db.Set<Resolution>().AsNoTracking().Where(r => r.MeetingId == meetingId).OrderBy(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        return await DescribeAllAsync(resolutions, cancellationToken);
    }

    /// <summary>The body's resolutions still in progress, oldest first.</summary>
    public async Task<List<ResolutionResponse>> OpenOfBodyAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var open = await db.Set<Resolution>().AsNoTracking().Where(r => r.BodyId == bodyId && r.State == ResolutionState.InProgress)
            .OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return await DescribeAllAsync(open, cancellationToken);
    }

    private async Task<List<ResolutionResponse>> DescribeAllAsync(List<Resolution> resolutions, CancellationToken cancellationToken)
    {
        var ids = resolutions.Select(r => r.Id).ToList();
        // The resolutions passed the caller's filter; their tasks may sit at lower owners' nodes.
        var tasks = (await db.Set<ConferenceTask>().IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.ResolutionId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.ResolutionId);
        var now = clock.GetUtcNow();
        return resolutions.Select(r => Describe(r, tasks[r.Id].ToList(), now)).ToList();
    }

    public async Task<ResolutionResponse> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var resolution = await FindAsync(id, cancellationToken) ?? throw new RecordNotFoundException();
        return Describe(resolution, await TasksOfAsync(id, cancellationToken), clock.GetUtcNow());
    }

    public async Task<ResolutionResponse> AdoptAsync(Caller caller, Guid meetingId, AdoptResolutionRequest request, CancellationToken cancellationToken)
    {
        ResolutionResponse? adopted = null;
        await actions.RunAsync(caller, m => m.Id == meetingId, "adopt", null, ConferenceRules.Meeting, async meeting =>
        {
            var body = await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == meeting.BodyId, cancellationToken)
                ?? throw new RecordNotFoundException();
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > Resolution.MaxTextLength)
            {
                errors["text"] = [ConferencesText.Format("Resolution.Text", Resolution.MaxTextLength)];
            }
            var owners = new List<(TaskRequest Request, string Node)>();
            var tasks = request.Tasks ?? [];
            for (var i = 0; i < tasks.Count; i++)
            {
                if (tasks[i].ParentTaskId is not null)
                {
                    errors[$"tasks[{i}].parentTaskId"] = [ConferencesText.Get("Task.SubtaskLater")];
                }
                var node = await CheckTaskAsync(body, tasks[i], $"tasks[{i}].", errors, cancellationToken);
                owners.Add((tasks[i], node ?? body.JurisdictionCode));
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            var now = clock.GetUtcNow();
            var resolution = Resolution.Adopt(meeting, request.Text!, now);
            db.Add(resolution);
            var created = owners.Select(o => ConferenceTask.Assign(resolution, null, o.Request.Title!, o.Request.OwnerOrganisationId, o.Request.OwnerBodyId,
                o.Node, body.JurisdictionCode, o.Request.Deadline!.Value, o.Request.Weight ?? 1m)).ToList();
            db.AddRange(created);
            adopted = Describe(resolution, created, now);
        }, cancellationToken);
        return adopted!;
    }

    /// <summary>Checks a task's fields; returns the owner's node. Owners are current member units or the bodies directly below.</summary>
    private async Task<string?> CheckTaskAsync(ConferenceBody body, TaskRequest task, string prefix, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(task.Title) || task.Title.Trim().Length > ConferenceTask.MaxTitleLength)
        {
            errors[prefix + "title"] = [ConferencesText.Format("Field.Title", ConferenceTask.MaxTitleLength)];
        }
        if (task.Deadline is null)
        {
            errors[prefix + "deadline"] = [ConferencesText.Get("Task.Deadline")];
        }
        if (task.Weight is { } w && (w <= 0 || w > 1000))
        {
            errors[prefix + "weight"] = [ConferencesText.Get("Task.Weight")];
        }
        if ((task.OwnerOrganisationId is null) == (task.OwnerBodyId is null))
        {
            errors[prefix + "owner"] = [ConferencesText.Get("Task.Owner")];
            return null;
        }
        if (task.OwnerOrganisationId is { } orgId)
        {
            var isMember = await db.Set<BodyMembership>().AnyAsync(m => m.BodyId == body.Id && m.OrganisationId == orgId && m.LeftAt == null,
                cancellationToken);
            // Member units may sit outside the caller's sight; the owner's node is where the task will live.
            var node = (await organisations.FindAsync(orgId, cancellationToken))?.JurisdictionCode;
            if (!isMember || node is null)
            {
                errors[prefix + "ownerOrganisationId"] = [ConferencesText.Get("Task.OwnerMember")];
                return null;
            }
            return node;
        }
        var lower = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == task.OwnerBodyId && b.ParentBodyId == body.Id,
            cancellationToken);
        if (lower is null)
        {
            errors[prefix + "ownerBodyId"] = [ConferencesText.Get("Task.OwnerBody")];
            return null;
        }
        return lower.JurisdictionCode;
    }

    public async Task<ResolutionResponse> AddTaskAsync(Caller caller, Guid id, TaskRequest request, CancellationToken cancellationToken)
    {
        ResolutionResponse? described = null;
        await actions.RunAsync(caller, r => r.Id == id, "add-task", null, ConferenceRules.Resolution, async resolution =>
        {
            var body = await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == resolution.BodyId, cancellationToken)
                ?? throw new RecordNotFoundException();
            var errors = new Dictionary<string, string[]>();
            var node = await CheckTaskAsync(body, request, "", errors, cancellationToken);
            var tasks = await TasksOfAsync(id, cancellationToken);
            ConferenceTask? parent = null;
            if (request.ParentTaskId is { } parentId && (parent = tasks.FirstOrDefault(t => t.Id == parentId)) is null)
            {
                errors["parentTaskId"] = [ConferencesText.Get("Task.NotOfResolution")];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            var task = ConferenceTask.Assign(resolution, parent, request.Title!, request.OwnerOrganisationId, request.OwnerBodyId, node!,
                body.JurisdictionCode, request.Deadline!.Value, request.Weight ?? 1m);
            db.Add(task);
            described = Describe(resolution, [.. tasks, task], clock.GetUtcNow());
        }, cancellationToken);
        return described!;
    }

    /// <summary>The owner (or the body for them) reports progress; the resolution's followers hear of it in the same save.</summary>
    public async Task<ResolutionResponse> ReportAsync(Caller caller, Guid id, ProgressRequest request, CancellationToken cancellationToken)
    {
        List<ConferenceBody> bodies;
        using (db.As(caller))
        {
            var owner = await db.Set<ConferenceTask>().Where(t => t.Id == id).Select(t => new { t.BodyId, t.OwnerBodyId }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new RecordNotFoundException();
            // The task passed the caller's filter; its body and the owning body below decide who reports, wherever they sit.
            bodies = await db.Set<ConferenceBody>().IgnoreQueryFilters().AsNoTracking()
                .Where(b => b.Id == owner.BodyId || b.Id == owner.OwnerBodyId).ToListAsync(cancellationToken);
        }
        var rules = new DelegateRules<ConferenceTask>((who, task) => ConferencePermissions.MayReport(who, task, bodies.Single(b => b.Id == task.BodyId),
            bodies.FirstOrDefault(b => b.Id == task.OwnerBodyId)));
        List<ConferenceTask> tasks = [];
        var reported = await actions.RunAsync(caller, t => t.Id == id, "report", null, rules, async task =>
        {
            if (request.Percent is null)
            {
                throw ConferencesText.Invalid("percent", "Task.Percent");
            }
            tasks = await TasksOfAsync(task.ResolutionId, cancellationToken);
            task.Report(request.Percent.Value, request.Note, request.EvidenceFileIds ?? [], caller.ShownName, tasks.Any(t => t.ParentTaskId == id),
                clock.GetUtcNow());
            await NotifyFollowersAsync(caller, task, request.Percent.Value, request.Note, cancellationToken);
        }, cancellationToken);
        // The owner who just reported may sit outside the resolution's body; the answer describes the resolution all the same.
        var resolution = await db.Set<Resolution>().IgnoreQueryFilters().FirstAsync(r => r.Id == reported.ResolutionId, cancellationToken);
        return Describe(resolution, tasks, clock.GetUtcNow());
    }

    /// <summary>Tells a resolution's followers (but not the reporter) of a progress report; saved with the report.</summary>
    private async Task NotifyFollowersAsync(Caller caller, ConferenceTask task, decimal percent, string? note, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        var followers = await db.Set<ResolutionFollower>().Where(f => f.ResolutionId == task.ResolutionId && f.UserId != me).Select(f => f.UserId)
            .ToListAsync(cancellationToken);
        notifier.Notify(followers, InvitationsApi.ProgressNotification,
            ConferencesText.Format("Notice.Progress", task.Title, percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)), note,
            $"/conferences/resolutions/{task.ResolutionId}");
    }

    /// <summary>The body accepts a task whose work is done.</summary>
    public async Task<ResolutionResponse> AcceptAsync(Caller caller, Guid taskId, CancellationToken cancellationToken)
    {
        Guid resolutionId;
        using (db.As(caller))
        {
            resolutionId = await db.Set<ConferenceTask>().Where(t => t.Id == taskId).Select(t => t.ResolutionId).FirstOrDefaultAsync(cancellationToken);
        }
        if (resolutionId == Guid.Empty)
        {
            throw new RecordNotFoundException();
        }
        ResolutionResponse? described = null;
        await actions.RunAsync(caller, r => r.Id == resolutionId, "accept", null, ConferenceRules.Resolution, async resolution =>
        {
            var tasks = await TasksOfAsync(resolution.Id, cancellationToken);
            var task = tasks.Single(t => t.Id == taskId);
            var now = clock.GetUtcNow();
            task.Accept(TaskProgress.Compute(tasks)[taskId], now);
            described = Describe(resolution, tasks, now);
        }, cancellationToken);
        return described!;
    }

    public async Task<ResolutionResponse> CompleteAsync(Caller caller, Guid id, long? version, CancellationToken cancellationToken)
    {
        ResolutionResponse? described = null;
        await actions.RunAsync(caller, r => r.Id == id, "complete", version, ConferenceRules.Resolution, async resolution =>
        {
            var tasks = await TasksOfAsync(id, cancellationToken);
            var now = clock.GetUtcNow();
            resolution.Complete(tasks, now);
            described = Describe(resolution, tasks, now);
        }, cancellationToken);
        return described!;
    }

    public async Task FollowAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (!await CanReadAsync(caller, id, cancellationToken) || caller.UserId is not { } me)
        {
            throw new RecordNotFoundException();
        }
        using var _ = db.As(caller);
        if (!await db.Set<ResolutionFollower>().AnyAsync(f => f.ResolutionId == id && f.UserId == me, cancellationToken))
        {
            db.Add(new ResolutionFollower(id, me));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Following twice at once is following.
            }
        }
    }

    public async Task UnfollowAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        await db.Set<ResolutionFollower>().Where(f => f.ResolutionId == id && f.UserId == me).ExecuteDeleteAsync(cancellationToken);
    }
}
