using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Conferences;

public enum ResolutionState
{
    InProgress = 0,
    Done = 1,
}

/// <summary>A decision of a meeting, followed through its tasks until the body declares it done.</summary>
public sealed class Resolution : IJurisdictional, IVersioned, IAudited
{
    public const int MaxTextLength = 2000;

    private Resolution()
    {
    }

    public Guid Id { get; private set; }

    public Guid BodyId { get; private set; }

    public Guid MeetingId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Text { get; private set; } = "";

    public ResolutionState State { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public static Resolution Adopt(Meeting meeting, string text, DateTimeOffset now)
    {
        // Adopted in the meeting, while it sits: once closed, its minutes and resolutions are the record.
        if (meeting.State != MeetingState.Open)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Resolution.MeetingOpen"));
        }
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxTextLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Resolution.Text", MaxTextLength));
        }
        return new Resolution
        {
            Id = Guid.CreateVersion7(),
            BodyId = meeting.BodyId,
            MeetingId = meeting.Id,
            JurisdictionCode = meeting.JurisdictionCode,
            Text = text.Trim(),
            CreatedAt = now,
        };
    }

    /// <summary>Done only when every task is done (100%) and accepted by the body.</summary>
    public void Complete(IReadOnlyList<ConferenceTask> tasks, DateTimeOffset now)
    {
        if (State == ResolutionState.Done)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Resolution.Done"));
        }
        if (tasks.Count == 0)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Resolution.NoTasks"));
        }
        var progress = TaskProgress.Compute(tasks);
        var unfinished = tasks.Where(t => progress[t.Id] < 100m || !t.Accepted).Select(t => t.Title).ToList();
        if (unfinished.Count > 0)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Resolution.Unfinished", string.Join("、", unfinished)));
        }
        State = ResolutionState.Done;
        DoneAt = now;
    }
}

/// <summary>One progress report of a task's owner.</summary>
public sealed record ProgressReport(DateTimeOffset At, decimal Percent, string? Note, IReadOnlyList<Guid> EvidenceFileIds, string? ReportedBy);

/// <summary>
/// A task of a resolution for a member unit or a lower body. A task with sub-tasks takes its progress
/// from them (see <see cref="TaskProgress"/>); owners report only on tasks without sub-tasks.
/// The task sits at its owner's node when that lies inside the body's, so a lower body can report on it.
/// </summary>
public sealed class ConferenceTask : IJurisdictional, IVersioned, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxNoteLength = 2000;

    private ConferenceTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid ResolutionId { get; private set; }

    public Guid BodyId { get; private set; }

    public Guid? ParentTaskId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public Guid? OwnerOrganisationId { get; private set; }

    public Guid? OwnerBodyId { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public decimal Weight { get; private set; }

    /// <summary>The last reported percentage; for a task with sub-tasks the rolled-up value is computed instead.</summary>
    public decimal ProgressPercent { get; private set; }

    public IReadOnlyList<ProgressReport> Reports { get; private set; } = [];

    public bool Accepted { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    /// <param name="ownerNode">The owner's jurisdiction node (the lower body's, or the member organisation's).</param>
    public static ConferenceTask Assign(Resolution resolution, ConferenceTask? parent, string title, Guid? ownerOrganisationId, Guid? ownerBodyId,
        string ownerNode, string bodyNode, DateTimeOffset deadline, decimal weight)
    {
        if (resolution.State == ResolutionState.Done)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.ResolutionDone"));
        }
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Task.Title", MaxTitleLength));
        }
        if ((ownerOrganisationId is null) == (ownerBodyId is null))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.Owner"));
        }
        if (weight <= 0 || weight > 1000)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.Weight"));
        }
        if (parent is not null && (parent.ResolutionId != resolution.Id || parent.Reports.Count > 0))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.Parent"));
        }
        return new ConferenceTask
        {
            Id = Guid.CreateVersion7(),
            ResolutionId = resolution.Id,
            BodyId = resolution.BodyId,
            ParentTaskId = parent?.Id,
            JurisdictionCode = ownerNode.StartsWith(bodyNode, StringComparison.Ordinal) ? ownerNode : bodyNode,
            Title = title.Trim(),
            OwnerOrganisationId = ownerOrganisationId,
            OwnerBodyId = ownerBodyId,
            Deadline = deadline,
            Weight = weight,
        };
    }

    public void Report(decimal percent, string? note, IReadOnlyList<Guid> evidenceFileIds, string? reportedBy, bool hasSubtasks, DateTimeOffset now)
    {
        if (hasSubtasks)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.HasSubtasks"));
        }
        if (Accepted)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.Accepted"));
        }
        if (percent is < 0 or > 100)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.Percent"));
        }
        if (note is { Length: > MaxNoteLength })
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Note", MaxNoteLength));
        }
        ProgressPercent = percent;
        CompletedAt = percent == 100m ? now : null;
        Reports = [.. Reports, new ProgressReport(now, percent, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), evidenceFileIds, reportedBy)];
    }

    /// <summary>The body accepts a finished task (验收); the rolled-up progress is passed for tasks with sub-tasks.</summary>
    public void Accept(decimal progress, DateTimeOffset now)
    {
        if (progress < 100m)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.NotDone"));
        }
        if (Accepted)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Task.AlreadyAccepted"));
        }
        Accepted = true;
        AcceptedAt = now;
    }

    public bool IsOverdue(decimal progress, DateTimeOffset now) => progress < 100m && now > Deadline;
}

/// <summary>Progress of a resolution's tasks: a task with sub-tasks is the weighted mean of its children, all the way up.</summary>
public static class TaskProgress
{
    public static Dictionary<Guid, decimal> Compute(IReadOnlyList<ConferenceTask> tasks)
    {
        var children = tasks.Where(t => t.ParentTaskId is not null).ToLookup(t => t.ParentTaskId!.Value);
        var result = new Dictionary<Guid, decimal>();
        decimal Of(ConferenceTask task)
        {
            if (result.TryGetValue(task.Id, out var known))
            {
                return known;
            }
            var kids = children[task.Id].ToList();
            var value = kids.Count == 0 ? task.ProgressPercent : WeightedMean(kids.Select(k => (Of(k), k.Weight)));
            result[task.Id] = value;
            return value;
        }
        foreach (var task in tasks)
        {
            Of(task);
        }
        return result;
    }

    /// <summary>The resolution's progress: the weighted mean of its top-level tasks.</summary>
    public static decimal Overall(IReadOnlyList<ConferenceTask> tasks, IReadOnlyDictionary<Guid, decimal> progress)
    {
        var top = tasks.Where(t => t.ParentTaskId is null).ToList();
        return top.Count == 0 ? 0m : WeightedMean(top.Select(t => (progress[t.Id], t.Weight)));
    }

    public static decimal WeightedMean(IEnumerable<(decimal Value, decimal Weight)> items)
    {
        var list = items.ToList();
        var total = list.Sum(i => i.Weight);
        return total == 0 ? 0m : Math.Round(list.Sum(i => i.Value * i.Weight) / total, 2);
    }
}
