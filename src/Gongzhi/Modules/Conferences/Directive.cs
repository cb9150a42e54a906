using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// A policy handed down (政策下达) by a body to the nodes below it, each of which must acknowledge it and
/// report how it was carried out. Nodes below may read it; only the issuing level changes it.
/// </summary>
public sealed class Directive : IVisibleToDescendants, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxActionsLength = 4000;

    private Directive()
    {
    }

    public Guid Id { get; private set; }

    public Guid IssuingBodyId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string RequiredActions { get; private set; } = "";

    public DateTimeOffset Deadline { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public string AuditKey => Id.ToString();

    /// <summary>
    /// One assignment per node; <paramref name="nodes"/> are the nodes directly below the issuer
    /// (all of them, or the chosen subset), with the subordinate body where one exists.
    /// </summary>
    public static (Directive Directive, List<DirectiveAssignment> Assignments) Issue(ConferenceBody issuer, string title, string requiredActions,
        DateTimeOffset deadline, IReadOnlyList<(string Code, string Name, Guid? BodyId)> nodes, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Directive.Title", MaxTitleLength));
        }
        if (string.IsNullOrWhiteSpace(requiredActions) || requiredActions.Trim().Length > MaxActionsLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Directive.Actions", MaxActionsLength));
        }
        if (deadline <= now)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Directive.Deadline"));
        }
        if (nodes.Count == 0)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Directive.NoNodes"));
        }
        if (nodes.Any(n => Platform.Scoping.JurisdictionCode.ParentOf(n.Code) != issuer.JurisdictionCode))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Directive.NodesBelow"));
        }
        var directive = new Directive
        {
            Id = Guid.CreateVersion7(),
            IssuingBodyId = issuer.Id,
            JurisdictionCode = issuer.JurisdictionCode,
            Title = title.Trim(),
            RequiredActions = requiredActions.Trim(),
            Deadline = deadline,
            IssuedAt = now,
        };
        var assignments = nodes.DistinctBy(n => n.Code)
            .Select(n => DirectiveAssignment.For(directive, n.Code, n.Name, n.BodyId))
            .ToList();
        return (directive, assignments);
    }
}

public enum ExecutionStatus
{
    None = 0,
    NotYet = 1,
    Partly = 2,
    Done = 3,
}

/// <summary>A directive at one node: acknowledged, then reported on until done. It sits at the node, so the node and everyone above see it.</summary>
public sealed class DirectiveAssignment : IJurisdictional, IVersioned, IAudited
{
    public const int MaxNoteLength = 2000;

    private DirectiveAssignment()
    {
    }

    public Guid Id { get; private set; }

    public Guid DirectiveId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string NodeName { get; private set; } = "";

    public Guid? BodyId { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public ExecutionStatus Execution { get; private set; }

    public string? Note { get; private set; }

    public IReadOnlyList<Guid> EvidenceFileIds { get; private set; } = [];

    public DateTimeOffset? ReportedAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public long Version { get; set; }

    public string AuditKey => $"{DirectiveId}:{JurisdictionCode}";

    internal static DirectiveAssignment For(Directive directive, string code, string name, Guid? bodyId) => new()
    {
        Id = Guid.CreateVersion7(),
        DirectiveId = directive.Id,
        JurisdictionCode = code,
        NodeName = name,
        BodyId = bodyId,
        Deadline = directive.Deadline,
    };

    public void Acknowledge(string? by, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null)
        {
            return;
        }
        AcknowledgedAt = now;
        AcknowledgedBy = by;
    }

    public void Report(ExecutionStatus status, string? note, IReadOnlyList<Guid> evidenceFileIds, DateTimeOffset now)
    {
        if (AcknowledgedAt is null)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Assignment.Unacknowledged"));
        }
        if (status == ExecutionStatus.None || !Enum.IsDefined(status))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Assignment.Status"));
        }
        if (Execution == ExecutionStatus.Done)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Assignment.Done"));
        }
        if (note is { Length: > MaxNoteLength })
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Note", MaxNoteLength));
        }
        if (status != ExecutionStatus.NotYet && string.IsNullOrWhiteSpace(note) && evidenceFileIds.Count == 0)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Assignment.Evidence"));
        }
        Execution = status;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        EvidenceFileIds = evidenceFileIds;
        ReportedAt = now;
        DoneAt = status == ExecutionStatus.Done ? now : null;
    }

    /// <summary>Late: not done by the deadline (done after it, or still not done once it has passed).</summary>
    public bool IsLate(DateTimeOffset now) => DoneAt is { } done ? done > Deadline : now > Deadline;
}
