using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Conferences;

public sealed record TaskResponse(Guid Id, Guid? ParentTaskId, string Title, Guid? OwnerOrganisationId, Guid? OwnerBodyId, DateTimeOffset Deadline,
    decimal Weight, decimal Progress, bool Overdue, bool Accepted, DateTimeOffset? AcceptedAt, IReadOnlyList<ProgressReport> Reports, long Version);

public sealed record ResolutionResponse(Guid Id, Guid BodyId, Guid MeetingId, string Text, ResolutionState State, decimal Progress,
    DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, IReadOnlyList<TaskResponse> Tasks, long Version);

public sealed record TaskRequest(string? Title, Guid? OwnerOrganisationId, Guid? OwnerBodyId, DateTimeOffset? Deadline, decimal? Weight, Guid? ParentTaskId);

public sealed record AdoptResolutionRequest(string? Text, IReadOnlyList<TaskRequest>? Tasks);

public sealed record ProgressRequest(decimal? Percent, string? Note, IReadOnlyList<Guid>? EvidenceFileIds);

/// <summary>Resolutions and their tasks: adopted at a meeting, reported on by owners, accepted by the body, then done.</summary>
internal static class ResolutionsApi
{
    public static void MapResolutionsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/meetings/{id:guid}/resolutions", ListAsync);
        group.MapPost("/meetings/{id:guid}/resolutions", AdoptAsync);
        group.MapGet("/resolutions/{id:guid}", GetAsync);
        group.MapPost("/resolutions/{id:guid}/tasks", AddTaskAsync);
        group.MapPost("/resolutions/{id:guid}/complete", CompleteAsync);
        group.MapPost("/tasks/{id:guid}/progress", ReportAsync);
        group.MapPost("/tasks/{id:guid}/accept", AcceptAsync);
    }

    internal static ResolutionResponse Describe(Resolution resolution, IReadOnlyList<ConferenceTask> tasks, DateTimeOffset now)
    {
        var progress = TaskProgress.Compute(tasks);
        var items = tasks.OrderBy(t => t.Deadline).ThenBy(t => t.Id).Select(t => new TaskResponse(t.Id, t.ParentTaskId, t.Title, t.OwnerOrganisationId,
            t.OwnerBodyId, t.Deadline, t.Weight, progress[t.Id], t.IsOverdue(progress[t.Id], now), t.Accepted, t.AcceptedAt, t.Reports, t.Version)).ToList();
        return new ResolutionResponse(resolution.Id, resolution.BodyId, resolution.MeetingId, resolution.Text, resolution.State,
            TaskProgress.Overall(tasks, progress), resolution.CreatedAt, resolution.DoneAt, items, resolution.Version);
    }

    // Tasks of lower owners sit at their node; the body's level reads them all, an owner its own, so the full set is read unfiltered
    // once the resolution itself has passed the caller's scope filter.
    private static Task<List<ConferenceTask>> TasksOfAsync(GongzhiDbContext db, Guid resolutionId, CancellationToken cancellationToken) =>
        db.Set<ConferenceTask>().IgnoreQueryFilters().Where(t => t.ResolutionId == resolutionId).ToListAsync(cancellationToken);

    private static async Task<Resolution?> FindResolutionAsync(GongzhiDbContext db, Guid id, CancellationToken cancellationToken)
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
    internal static async Task<bool> CanReadResolutionAsync(GongzhiDbContext db, Guid id, CancellationToken cancellationToken) =>
        await FindResolutionAsync(db, id, cancellationToken) is not null;

    internal static async Task<Results<Ok<List<ResolutionResponse>>, NotFound>> ListAsync(Guid id, GongzhiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await db.Set<Meeting>().AnyAsync(m => m.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var resolutions = await db.Set<Resolution>().AsNoTracking().Where(r => r.MeetingId == id).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var ids = resolutions.Select(r => r.Id).ToList();
        var tasks = (await db.Set<ConferenceTask>().IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.ResolutionId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.ResolutionId);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(resolutions.Select(r => Describe(r, tasks[r.Id].ToList(), now)).ToList());
    }

    internal static async Task<Results<Ok<ResolutionResponse>, NotFound>> GetAsync(Guid id, GongzhiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var resolution = await FindResolutionAsync(db, id, cancellationToken);
        return resolution is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(Describe(resolution, await TasksOfAsync(db, id, cancellationToken), clock.GetUtcNow()));
    }

    internal static async Task<Results<Created<ResolutionResponse>, NotFound, ValidationProblem, ForbidHttpResult>> AdoptAsync(Guid id,
        AdoptResolutionRequest request, GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var body = meeting is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == meeting.BodyId, cancellationToken);
        if (meeting is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > Resolution.MaxTextLength)
        {
            errors["text"] = [$"Give a text of at most {Resolution.MaxTextLength} characters."];
        }
        var owners = new List<(TaskRequest Request, string Node)>();
        var tasks = request.Tasks ?? [];
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].ParentTaskId is not null)
            {
                errors[$"tasks[{i}].parentTaskId"] = ["Add sub-tasks once the resolution exists."];
            }
            var node = await CheckTaskAsync(db, body, tasks[i], $"tasks[{i}].", errors, cancellationToken);
            owners.Add((tasks[i], node ?? body.JurisdictionCode));
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow();
        var resolution = Resolution.Adopt(meeting, request.Text!, now);
        db.Add(resolution);
        var created = owners.Select(o => ConferenceTask.Assign(resolution, null, o.Request.Title!, o.Request.OwnerOrganisationId, o.Request.OwnerBodyId,
            o.Node, body.JurisdictionCode, o.Request.Deadline!.Value, o.Request.Weight ?? 1m)).ToList();
        db.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/resolutions/{resolution.Id}", Describe(resolution, created, now));
    }

    /// <summary>Checks a task's fields; returns the owner's node. Owners are current member units or the bodies directly below.</summary>
    private static async Task<string?> CheckTaskAsync(GongzhiDbContext db, ConferenceBody body, TaskRequest task, string prefix,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(task.Title) || task.Title.Trim().Length > ConferenceTask.MaxTitleLength)
        {
            errors[prefix + "title"] = [$"Give a title of at most {ConferenceTask.MaxTitleLength} characters."];
        }
        if (task.Deadline is null)
        {
            errors[prefix + "deadline"] = ["Give a deadline."];
        }
        if (task.Weight is { } w && (w <= 0 || w > 1000))
        {
            errors[prefix + "weight"] = ["A positive number of at most 1000."];
        }
        if ((task.OwnerOrganisationId is null) == (task.OwnerBodyId is null))
        {
            errors[prefix + "owner"] = ["Give either ownerOrganisationId (a member unit) or ownerBodyId (a body below)."];
            return null;
        }
        if (task.OwnerOrganisationId is { } orgId)
        {
            var isMember = await db.Set<BodyMembership>().AnyAsync(m => m.BodyId == body.Id && m.OrganisationId == orgId && m.LeftAt == null,
                cancellationToken);
            var organisation = await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, cancellationToken);
            if (!isMember || organisation is null)
            {
                errors[prefix + "ownerOrganisationId"] = ["Tasks go to current member units of the body."];
                return null;
            }
            return organisation.JurisdictionCode;
        }
        var lower = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == task.OwnerBodyId && b.ParentBodyId == body.Id,
            cancellationToken);
        if (lower is null)
        {
            errors[prefix + "ownerBodyId"] = ["Tasks go to the bodies directly below."];
            return null;
        }
        return lower.JurisdictionCode;
    }

    internal static async Task<Results<Created<ResolutionResponse>, NotFound, ValidationProblem, ForbidHttpResult>> AddTaskAsync(Guid id,
        TaskRequest request, GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var resolution = await db.Set<Resolution>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var body = resolution is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == resolution.BodyId, cancellationToken);
        if (resolution is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var errors = new Dictionary<string, string[]>();
        var node = await CheckTaskAsync(db, body, request, "", errors, cancellationToken);
        var tasks = await TasksOfAsync(db, id, cancellationToken);
        ConferenceTask? parent = null;
        if (request.ParentTaskId is { } parentId && (parent = tasks.FirstOrDefault(t => t.Id == parentId)) is null)
        {
            errors["parentTaskId"] = ["Not a task of this resolution."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var task = ConferenceTask.Assign(resolution, parent, request.Title!, request.OwnerOrganisationId, request.OwnerBodyId, node!,
            body.JurisdictionCode, request.Deadline!.Value, request.Weight ?? 1m);
        db.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/resolutions/{id}", Describe(resolution, [.. tasks, task], clock.GetUtcNow()));
    }

    internal static async Task<Results<Ok<ResolutionResponse>, NotFound, ValidationProblem, ForbidHttpResult>> ReportAsync(Guid id,
        ProgressRequest request, GongzhiDbContext db, TimeProvider clock, Gongzhi.Modules.Notifications.Notifier notifier, CancellationToken cancellationToken)
    {
        var task = await db.Set<ConferenceTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return TypedResults.NotFound();
        }
        var bodies = await db.Set<ConferenceBody>().IgnoreQueryFilters()
            .Where(b => b.Id == task.BodyId || b.Id == task.OwnerBodyId).ToListAsync(cancellationToken);
        var body = bodies.Single(b => b.Id == task.BodyId);
        if (!ConferencePermissions.MayReport(db.Caller, task, body, bodies.FirstOrDefault(b => b.Id == task.OwnerBodyId)))
        {
            return TypedResults.Forbid();
        }
        if (request.Percent is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["percent"] = ["Give the progress, 0 to 100."] });
        }
        var tasks = await TasksOfAsync(db, task.ResolutionId, cancellationToken);
        task = tasks.Single(t => t.Id == id);
        task.Report(request.Percent.Value, request.Note, request.EvidenceFileIds ?? [], db.Caller.UserName, tasks.Any(t => t.ParentTaskId == id),
            clock.GetUtcNow());
        await Meetings.InvitationsApi.NotifyFollowersAsync(db, notifier, task, request.Percent.Value, request.Note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var resolution = await db.Set<Resolution>().IgnoreQueryFilters().FirstAsync(r => r.Id == task.ResolutionId, cancellationToken);
        return TypedResults.Ok(Describe(resolution, tasks, clock.GetUtcNow()));
    }

    internal static async Task<Results<Ok<ResolutionResponse>, NotFound, ForbidHttpResult>> AcceptAsync(Guid id, GongzhiDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var task = await db.Set<ConferenceTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        var resolution = task is null ? null : await db.Set<Resolution>().FirstOrDefaultAsync(r => r.Id == task.ResolutionId, cancellationToken);
        var body = resolution is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == resolution.BodyId, cancellationToken);
        if (task is null || resolution is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var tasks = await TasksOfAsync(db, resolution.Id, cancellationToken);
        task = tasks.Single(t => t.Id == id);
        var now = clock.GetUtcNow();
        task.Accept(TaskProgress.Compute(tasks)[id], now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Describe(resolution, tasks, now));
    }

    internal static async Task<Results<Ok<ResolutionResponse>, NotFound, ForbidHttpResult>> CompleteAsync(Guid id, VersionRequest? request,
        GongzhiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var resolution = await db.Set<Resolution>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var body = resolution is null ? null : await db.Set<ConferenceBody>().FirstOrDefaultAsync(b => b.Id == resolution.BodyId, cancellationToken);
        if (resolution is null || body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        if (request?.Version is { } version)
        {
            db.Entry(resolution).Property(r => r.Version).OriginalValue = version;
        }
        var tasks = await TasksOfAsync(db, id, cancellationToken);
        var now = clock.GetUtcNow();
        resolution.Complete(tasks, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Describe(resolution, tasks, now));
    }
}
