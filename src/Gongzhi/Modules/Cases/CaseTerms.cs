using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// Where a case stands. Submitted → Registered → Dispatched → Accepted (being handled) → Resolved →
/// Verified → Closed → Evaluated; Rejected and Merged end a case early.
/// </summary>
public enum CaseState
{
    Submitted = 0,
    Registered = 1,
    Rejected = 2,
    Dispatched = 3,
    Accepted = 4,
    Resolved = 5,
    Verified = 6,
    Closed = 7,
    Evaluated = 8,
    Merged = 9,
}

public enum CaseChannel
{
    Web = 0,
    Patrol = 1,
    Hotline = 2,
    Open311 = 3,
    Import = 4,
}

/// <summary>Why a report is not registered (不予立案).</summary>
public enum RejectionKind
{
    Invalid = 0,
    Duplicate = 1,
    NotOurs = 2,
}

/// <summary>The reporter's verdict: 满意 / 基本满意 / 不满意.</summary>
public enum Satisfaction
{
    Satisfied = 0,
    BasicallySatisfied = 1,
    Dissatisfied = 2,
}

/// <summary>督办 is a formal supervision order from above; 催办 a reminder.</summary>
public enum SupervisionKind
{
    Supervise = 0,
    Urge = 1,
}

/// <summary>The action names written to the timeline; the API uses the same words in its routes.</summary>
public static class CaseActions
{
    public const string Submit = "submit";
    public const string Reclassify = "reclassify";
    public const string Register = "register";
    public const string Reject = "reject";
    public const string Dispatch = "dispatch";
    public const string Accept = "accept";
    public const string Return = "return";
    public const string Resolve = "resolve";
    public const string Verify = "verify";
    public const string Rework = "rework";
    public const string Close = "close";
    public const string Evaluate = "evaluate";
    public const string Reopen = "reopen";
    public const string RequestExtension = "extend";
    public const string ApproveExtension = "approve-extension";
    public const string RefuseExtension = "refuse-extension";
    public const string Transfer = "transfer";
    public const string Merge = "merge";
    public const string MergedIn = "merged-in";
    public const string Escalate = "escalate";
    public const string Supervise = "supervise";
    public const string Overdue = "overdue";
    public const string Whistle = "whistle";
    public const string ReportIn = "report-in";
    public const string ReportInMissed = "report-in-missed";
    public const string Note = "note";

    internal static string Zh(string action) => action switch
    {
        Submit => "提交",
        Reclassify => "改类",
        Register => "立案",
        Reject => "不予立案",
        Dispatch => "派遣",
        Accept => "签收",
        Return => "退单",
        Resolve => "处置反馈",
        Verify => "核查",
        Rework => "返工",
        Close => "结案",
        Evaluate => "评价",
        Reopen => "重新办理",
        RequestExtension => "申请延期",
        ApproveExtension => "批准延期",
        RefuseExtension => "驳回延期",
        Transfer => "转办",
        Merge => "合并",
        Escalate => "上报",
        Supervise => "督办",
        Overdue => "超期",
        Whistle => "吹哨",
        ReportIn => "报到",
        ReportInMissed => "未按时报到",
        Note => "办理备注",
        _ => action,
    };
}

public static class CaseStates
{
    public static bool IsOpen(CaseState state) => state is CaseState.Submitted or CaseState.Registered or CaseState.Dispatched
        or CaseState.Accepted or CaseState.Resolved or CaseState.Verified;

    /// <summary>The states <see cref="IsOpen"/> holds for, as a list a query can test a column against.</summary>
    internal static readonly CaseState[] Open = Enum.GetValues<CaseState>().Where(IsOpen).ToArray();

    /// <summary>
    /// The states that run against a deadline: a case has one exactly while it is in them (a verified case
    /// waits for its reporter, not for a clock). Queues rely on it to read the few cases with a deadline apart
    /// from the many closed ones.
    /// </summary>
    public static bool HasDeadline(CaseState state) => state is CaseState.Submitted or CaseState.Registered or CaseState.Dispatched
        or CaseState.Accepted or CaseState.Resolved;

    public static string Zh(CaseState state) => state switch
    {
        CaseState.Submitted => "待立案",
        CaseState.Registered => "已立案",
        CaseState.Rejected => "不予立案",
        CaseState.Dispatched => "已派遣",
        CaseState.Accepted => "处置中",
        CaseState.Resolved => "已处置",
        CaseState.Verified => "已核查",
        CaseState.Closed => "已结案",
        CaseState.Evaluated => "已评价",
        CaseState.Merged => "已合并",
        _ => state.ToString(),
    };
}

/// <summary>Who did something to a case, as the timeline shows it.</summary>
public sealed record CaseActor(string Name, string? UserId, Guid? OrganisationId)
{
    public static readonly CaseActor System = new("system", null, null);

    public static CaseActor From(Caller caller) => new(
        caller.UserName ?? (caller.IsSystem ? "system" : "anonymous"),
        caller.UserId,
        Guid.TryParse(caller.OrganisationId, out var organisation) ? organisation : null);
}

/// <summary>What intake knows about a new report before it becomes a case.</summary>
public sealed record CaseIntake(
    CaseUrgency Urgency,
    string Title,
    string Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    string JurisdictionCode,
    CaseChannel Channel,
    string? ReporterUserId = null,
    ProtectedValue? ReporterName = null,
    ProtectedValue? ReporterPhone = null,
    bool Anonymous = false,
    string? IdempotencyKey = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    IReadOnlyList<Guid>? PhotoIds = null,
    DateTimeOffset? OccurredAt = null);
