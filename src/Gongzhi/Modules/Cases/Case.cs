using System.Text.Json;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// A demand or an event, from report to the reporter's verdict. The case owns its lifecycle: each
/// action is a method that checks the state and the action's own invariants, changes the case and
/// appends one line to its timeline, or throws <see cref="RuleViolationException"/> and changes nothing.
/// Who may call which action, and where, is the API's business; deadlines are computed by the caller
/// from the category's limits and the working calendar and passed in, as is the time.
/// </summary>
public sealed partial class Case : IJurisdictional, IVersioned, IAudited, ICaseTimeline
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 2000;
    public const int NoteMaxLength = 1000;

    /// <summary>Thirty working days: a longer delay is a new plan, not an extension.</summary>
    public const double MaxExtensionHours = 240;

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    private readonly List<CaseEvent> events = [];

    private Case()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Human-readable, e.g. <c>420103-20261126-000123</c>; see <see cref="CaseReference"/>.</summary>
    public string Reference { get; private set; } = "";

    public CaseState State { get; private set; }

    public string CategoryCode { get; private set; } = "";

    public CaseUrgency Urgency { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public string? Address { get; private set; }

    /// <summary>The grid (or the finest node intake could locate) the case belongs to.</summary>
    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The level that owns the case: the street by default, raised by escalation.</summary>
    public JurisdictionLevel HandlingLevel { get; private set; } = JurisdictionLevel.Street;

    public CaseChannel Channel { get; private set; }

    public string? ReporterUserId { get; private set; }

    /// <summary>Personal data, kept encrypted (<see cref="PersonalDataProtector"/>): lists show <see cref="ReporterNameMasked"/>.</summary>
    public string? ReporterNameProtected { get; private set; }

    public string? ReporterNameMasked { get; private set; }

    /// <summary>Personal data, kept encrypted: lists show <see cref="ReporterPhoneMasked"/>.</summary>
    public string? ReporterPhoneProtected { get; private set; }

    public string? ReporterPhoneMasked { get; private set; }

    /// <summary>No name or phone is kept; a signed-in reporter still follows and rates the case.</summary>
    public bool Anonymous { get; private set; }

    /// <summary>Accounts notified of changes besides the reporter, e.g. reporters of merged duplicates.</summary>
    public IReadOnlyList<string> FollowerUserIds { get; private set; } = [];

    public IReadOnlyList<Guid> PhotoIds { get; private set; } = [];

    /// <summary>The category's extra fields, normalised by <see cref="CaseCategory.CheckAttributes"/>.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; private set; } = new Dictionary<string, string>();

    public string? IdempotencyKey { get; private set; }

    public RejectionKind? RejectionKind { get; private set; }

    public string? RejectionReason { get; private set; }

    public Guid? LeadOrganisationId { get; private set; }

    public IReadOnlyList<Guid> AssistingOrganisationIds { get; private set; } = [];

    /// <summary>The deadline of the step the case is in now (<see cref="DeadlineStep"/>); none once verified.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    public CaseStep? DeadlineStep { get; private set; }

    /// <summary>The handling deadline promised at dispatch, moved only by an approved extension.</summary>
    public DateTimeOffset? ResolveDeadline { get; private set; }

    public string? ResolutionNote { get; private set; }

    public IReadOnlyList<Guid> ResolutionPhotoIds { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? RegisteredAt { get; private set; }

    public DateTimeOffset? DispatchedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset? EvaluatedAt { get; private set; }

    public Satisfaction? Satisfaction { get; private set; }

    public string? EvaluationComment { get; private set; }

    public double? PendingExtensionHours { get; private set; }

    public string? PendingExtensionReason { get; private set; }

    public DateTimeOffset? PendingExtensionRequestedAt { get; private set; }

    /// <summary>Returns (退单) by an organisation: each is a bounce.</summary>
    public int ReturnCount { get; private set; }

    public int ReworkCount { get; private set; }

    /// <summary>Approved extensions.</summary>
    public int ExtensionCount { get; private set; }

    /// <summary>Times the case passed to an organisation or a jurisdiction: every dispatch and every transfer.</summary>
    public int HandOffCount { get; private set; }

    public int SupervisionCount { get; private set; }

    public int ReopenCount { get; private set; }

    public bool Overdue { get; private set; }

    public DateTimeOffset? OverdueMarkedAt { get; private set; }

    public Guid? MasterCaseId { get; private set; }

    // What the indicators need from the history, kept on the case as it happens so that a period's
    // indicators are one GROUP BY over cases instead of a read of every timeline (docs/indicators.md).

    /// <summary>派遣 actions over the case's life (a return and a new dispatch make two).</summary>
    public int DispatchCount { get; private set; }

    /// <summary>Whether the latest 签收 came no later than the accept deadline of the dispatch before it; null until accepted.</summary>
    public bool? AcceptedOnTime { get; private set; }

    /// <summary>Every organisation named as lead or assisting by any dispatch, each once.</summary>
    public IReadOnlyList<Guid> InvolvedOrganisationIds { get; private set; } = [];

    public int InvolvedOrganisationCount { get; private set; }

    /// <summary>A deadline of this case was missed at some point; never cleared, not even by a reopening.</summary>
    public bool EverOverdue { get; private set; }

    /// <summary>When the case was let go by a return or a transfer and no organisation has accepted it since.</summary>
    public DateTimeOffset? LetGoAt { get; private set; }

    /// <summary>Wall-clock hours from each let-go to the next acceptance: the time lost between organisations.</summary>
    public IReadOnlyList<double> HandOverWaitHours { get; private set; } = [];

    public long Version { get; set; }

    public string AuditKey => Reference;

    /// <summary>The timeline; only the lines added since loading unless the caller included them.</summary>
    public IReadOnlyList<CaseEvent> Events => events;

    public bool IsOpen => CaseStates.IsOpen(State);

    public static Case Submit(CaseIntake intake, CaseCategory category, string reference, CaseActor actor, DateTimeOffset now,
        DateTimeOffset registerDeadline)
    {
        var errors = CaseIntakeRules.Check(intake.Title, intake.Description, intake.Latitude, intake.Longitude, intake.Address, intake.Anonymous,
            category, intake.Attributes, out var attributes);
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(intake.JurisdictionCode))
        {
            throw Rule($"“{intake.JurisdictionCode}”不是辖区编码。", $"'{intake.JurisdictionCode}' is not a jurisdiction code.");
        }
        if (!CaseReference.IsWellFormed(reference))
        {
            throw Rule($"“{reference}”不是案件编号。", $"'{reference}' is not a case reference.");
        }
        var submitted = new Case
        {
            Id = Guid.CreateVersion7(now),
            Reference = reference,
            State = CaseState.Submitted,
            CategoryCode = category.Code,
            Urgency = intake.Urgency,
            Title = intake.Title!.Trim(),
            Description = intake.Description!.Trim(),
            Latitude = intake.Latitude,
            Longitude = intake.Longitude,
            Address = string.IsNullOrWhiteSpace(intake.Address) ? null : intake.Address.Trim(),
            JurisdictionCode = intake.JurisdictionCode,
            Channel = intake.Channel,
            ReporterUserId = intake.ReporterUserId,
            ReporterNameProtected = intake.Anonymous ? null : intake.ReporterName?.Protected,
            ReporterNameMasked = intake.Anonymous ? null : intake.ReporterName?.Masked,
            ReporterPhoneProtected = intake.Anonymous ? null : intake.ReporterPhone?.Protected,
            ReporterPhoneMasked = intake.Anonymous ? null : intake.ReporterPhone?.Masked,
            Anonymous = intake.Anonymous,
            IdempotencyKey = string.IsNullOrWhiteSpace(intake.IdempotencyKey) ? null : intake.IdempotencyKey.Trim(),
            Attributes = attributes,
            PhotoIds = intake.PhotoIds?.Distinct().ToList() ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        submitted.SetDeadline(CaseStep.Register, registerDeadline);
        submitted.Record(actor, now, CaseActions.Submit, CaseState.Submitted, null,
            new { channel = intake.Channel, category = category.Code, urgency = intake.Urgency, deadline = registerDeadline, occurredAt = intake.OccurredAt });
        return submitted;
    }

    /// <summary>
    /// Appends a line about work done around the case (a whistle, a report-in) without changing the case
    /// itself: such lines come from several organisations at once and must not contend for the case's version.
    /// </summary>
    public void Annotate(CaseActor actor, DateTimeOffset now, string action, string? note, object? data) =>
        events.Add(CaseEvent.Create(Id, now, actor, action, State, State, note is null ? null : Clip(note),
            data is null ? null : JsonSerializer.Serialize(data, DataJson), JurisdictionCode));

    /// <summary>Adds accounts to be told about changes; returns the ones that were not following yet.</summary>
    public IReadOnlyList<string> AddFollowers(IEnumerable<string> userIds)
    {
        var added = userIds.Where(u => !string.IsNullOrWhiteSpace(u) && u != ReporterUserId && !FollowerUserIds.Contains(u))
            .Distinct().ToList();
        if (added.Count > 0)
        {
            FollowerUserIds = [.. FollowerUserIds, .. added];
        }
        return added;
    }

    private void SetDeadline(CaseStep step, DateTimeOffset deadline)
    {
        DeadlineStep = step;
        Deadline = deadline;
        Overdue = false;
        OverdueMarkedAt = null;
    }

    private void ClearDeadline()
    {
        DeadlineStep = null;
        Deadline = null;
        Overdue = false;
        OverdueMarkedAt = null;
    }

    private void ClearPendingExtension()
    {
        PendingExtensionHours = null;
        PendingExtensionReason = null;
        PendingExtensionRequestedAt = null;
    }

    private void Record(CaseActor actor, DateTimeOffset now, string action, CaseState from, string? note, object? data,
        string? jurisdictionCode = null)
    {
        UpdatedAt = now;
        events.Add(CaseEvent.Create(Id, now, actor, action, from, State, note,
            data is null ? null : JsonSerializer.Serialize(data, DataJson), jurisdictionCode ?? JurisdictionCode));
    }

    private void RequireState(string action, params CaseState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw StateRule(action);
        }
    }

    private void RequirePendingExtension(string action)
    {
        if (PendingExtensionHours is null)
        {
            throw Rule($"没有待审批的延期申请，无法{CaseActions.Zh(action)}。", $"There is no pending extension request to {action.Replace('-', ' ')}.");
        }
    }

    private static void RequireFuture(DateTimeOffset deadline, DateTimeOffset now)
    {
        if (deadline <= now)
        {
            throw Rule("时限必须晚于现在。", "The deadline must lie ahead.");
        }
    }

    private RuleViolationException StateRule(string action) => Rule(
        $"案件 {Reference} 当前为“{CaseStates.Zh(State)}”，不能{CaseActions.Zh(action)}。",
        $"Case {Reference} is {State}; it cannot take the action '{action}'.");

    private static string RequireText(string? text, string zh, string en)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? throw Rule(zh, en) : Clip(trimmed);
    }

    private static string Clip(string text) => text.Length > NoteMaxLength ? text[..NoteMaxLength] : text;

    private static RuleViolationException Rule(string zh, string en) => new($"{zh} / {en}");
}
