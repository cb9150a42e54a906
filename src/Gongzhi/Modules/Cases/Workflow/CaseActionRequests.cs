namespace Gongzhi.Modules.Cases.Workflow;

// Every action's body carries the case's Version as read with GET: a stale write is refused with 409.

public sealed record RegisterRequest(long? Version, string? Note = null);

public sealed record RejectRequest(long? Version, RejectionKind? Kind, string? Reason);

public sealed record ReclassifyRequest(long? Version, string? CategoryCode, CaseUrgency? Urgency);

/// <summary>Without <c>leadOrganisationId</c> the routing suggestion is taken; another lead is recorded as an override.</summary>
public sealed record DispatchRequest(long? Version, Guid? LeadOrganisationId = null, IReadOnlyList<Guid>? AssistingOrganisationIds = null,
    string? Note = null);

public sealed record AcceptRequest(long? Version, string? Note = null);

public sealed record ReturnRequest(long? Version, string? Reason);

public sealed record ResolveRequest(long? Version, string? Note, IReadOnlyList<Guid>? PhotoIds = null);

public sealed record VerifyRequest(long? Version, string? Note = null);

public sealed record ReworkRequest(long? Version, string? Reason);

public sealed record CloseRequest(long? Version, string? Note = null);

public sealed record EvaluateRequest(long? Version, Satisfaction? Satisfaction, string? Comment = null);

public sealed record ReopenRequest(long? Version, string? Reason);

/// <summary>延期: <c>hours</c> of working time more for the resolve step.</summary>
public sealed record ExtendRequest(long? Version, double? Hours, string? Reason);

public sealed record ApproveExtensionRequest(long? Version, string? Note = null);

public sealed record RefuseExtensionRequest(long? Version, string? Reason);

public sealed record TransferRequest(long? Version, string? ToJurisdictionCode, string? Reason);

/// <summary>Folds this case, a duplicate, into <c>masterCaseId</c>.</summary>
public sealed record MergeRequest(long? Version, Guid? MasterCaseId, string? Note = null);

public sealed record EscalateRequest(long? Version, string? Reason);

public sealed record SuperviseRequest(long? Version, SupervisionKind? Kind, string? Note);

/// <summary>办理备注: no version, since a note does not change the case; <c>photoIds</c> are photos the caller uploaded.</summary>
public sealed record NoteRequest(string? Text, IReadOnlyList<Guid>? PhotoIds = null);
