using System.Globalization;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Services.Applications;

public enum ApplicationState
{
    Submitted,
    Accepted,
    NotAccepted,
    AwaitingMaterials,
    Approved,
    Refused,
    Delivered,
}

/// <summary>How an application reached the centre: online by the resident, at the window, or 代办 by a worker on the resident's behalf.</summary>
public enum ApplicationChannel
{
    Online,
    Window,
    Proxy,
}

/// <summary>One line of an application's timeline.</summary>
public sealed record ApplicationStep(DateTimeOffset At, string Action, string? Actor, string? Note, IReadOnlyList<string>? Missing = null);

/// <summary>The applicant's identity, already protected: ciphertext, keyed hash and masked form of each field.</summary>
public sealed record ProtectedApplicant(
    string NameProtected, string NameMasked,
    string IdNumberProtected, string IdNumberHash, string IdNumberMasked,
    string PhoneProtected, string PhoneHash, string PhoneMasked);

/// <summary>
/// An application (办件) for a catalogue item, from submission to delivery and the applicant's rating. The
/// application owns its rules: each action checks the state, changes it and adds a line to the timeline,
/// or throws (<see cref="RuleViolationException"/> for a wrong state, <see cref="FieldValidationException"/>
/// for missing input) and changes nothing. The time limit runs in working days from acceptance and stops
/// while materials are awaited (补正): the days waited push the due date.
/// </summary>
public sealed class ServiceApplication : IJurisdictional, IVersioned, IAudited
{
    public const int MaxReasonLength = 1000;
    public const int MaxMissing = 20;

    private ServiceApplication()
    {
    }

    public Guid Id { get; private set; }

    public string Reference { get; private set; } = "";

    public Guid ItemId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public string ItemName { get; private set; } = "";

    public int ItemVersion { get; private set; }

    public ServiceLevel Level { get; private set; }

    public bool Immediate { get; private set; }

    public int PromisedDays { get; private set; }

    /// <summary>The centre handling it: a street for district and street items, a community for community items.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public ApplicationChannel Channel { get; private set; }

    /// <summary>The resident's account when they applied online themselves; they alone see it among residents.</summary>
    public string? ApplicantUserId { get; private set; }

    public string? SubmittedByUserId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public string ApplicantNameProtected { get; private set; } = "";

    public string ApplicantNameMasked { get; private set; } = "";

    public string ApplicantIdNumberProtected { get; private set; } = "";

    public string ApplicantIdNumberHash { get; private set; } = "";

    public string ApplicantIdNumberMasked { get; private set; } = "";

    public string ApplicantPhoneProtected { get; private set; } = "";

    public string ApplicantPhoneHash { get; private set; } = "";

    public string ApplicantPhoneMasked { get; private set; } = "";

    public ApplicationState State { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    /// <summary>The last working day of the promised limit, pushed by the days the clock stood still.</summary>
    public DateOnly? DueDate { get; private set; }

    /// <summary>Since when the clock stands still for missing materials.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    public int StoppedWorkingDays { get; private set; }

    public int MaterialRequests { get; private set; }

    /// <summary>
    /// 跑动次数: the applicant's trips to the centre for it. Submitting at the window is one, and so is bringing missing
    /// materials there; online and 代办 (a worker goes in the resident's stead) cost the applicant none.
    /// </summary>
    public int Visits { get; private set; }

    /// <summary>
    /// Working days from acceptance to the decision less those the clock stood still for materials, stored when the
    /// decision is taken so that the median and p90 are counted from these integers in the database; null until then
    /// and for an application not accepted.
    /// </summary>
    public int? HandlingDays { get; private set; }

    public IReadOnlyList<string> Missing { get; private set; } = [];

    public DateTimeOffset? DecidedAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public string? Reason { get; private set; }

    public IReadOnlyList<Guid> PhotoIds { get; private set; } = [];

    public IReadOnlyList<ApplicationStep> Steps { get; private set; } = [];

    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>A bad rating's follow-up (整改/回访): due by this working day.</summary>
    public DateOnly? FollowUpDue { get; private set; }

    public DateTimeOffset? FollowUpClosedAt { get; private set; }

    public string? FollowUpAnswer { get; private set; }

    /// <summary>The promised limit the staff were last reminded of (催办); a limit pushed back by a 补正 is reminded again.</summary>
    public DateOnly? RemindedFor { get; private set; }

    /// <summary>The passed limit the overdue notice (督办) was sent for.</summary>
    public DateOnly? OverdueNoticeFor { get; private set; }

    /// <summary>The follow-up day whose passing was reported.</summary>
    public DateOnly? FollowUpLateFor { get; private set; }

    /// <summary>Whether the follow-up was closed by its due day, stored when it is closed; null while it is open.</summary>
    public bool? FollowUpOnTime { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Reference;

    public bool IsDecided => State is ApplicationState.Approved or ApplicationState.Refused or ApplicationState.Delivered or ApplicationState.NotAccepted;

    public bool FollowUpOpen => FollowUpDue is not null && FollowUpClosedAt is null;

    /// <summary>The clock runs and the due date has passed.</summary>
    public bool IsOverdue(DateOnly today) => State == ApplicationState.Accepted && DueDate is { } due && today > due;

    public static ServiceApplication Submit(ServiceItem item, string jurisdictionCode, ApplicationChannel channel, string? applicantUserId,
        string? submittedByUserId, string? actorName, ProtectedApplicant applicant, IReadOnlyList<Guid> photoIds, string? idempotencyKey,
        string reference, DateTimeOffset now) => new()
        {
            Id = Guid.NewGuid(),
            Reference = reference,
            ItemId = item.Id,
            ItemCode = item.Code,
            ItemName = item.Name,
            ItemVersion = item.VersionNumber,
            Level = item.Level,
            Immediate = item.Immediate,
            PromisedDays = item.PromisedDays,
            JurisdictionCode = jurisdictionCode,
            Channel = channel,
            ApplicantUserId = applicantUserId,
            SubmittedByUserId = submittedByUserId,
            IdempotencyKey = idempotencyKey,
            ApplicantNameProtected = applicant.NameProtected,
            ApplicantNameMasked = applicant.NameMasked,
            ApplicantIdNumberProtected = applicant.IdNumberProtected,
            ApplicantIdNumberHash = applicant.IdNumberHash,
            ApplicantIdNumberMasked = applicant.IdNumberMasked,
            ApplicantPhoneProtected = applicant.PhoneProtected,
            ApplicantPhoneHash = applicant.PhoneHash,
            ApplicantPhoneMasked = applicant.PhoneMasked,
            State = ApplicationState.Submitted,
            SubmittedAt = now,
            Visits = channel == ApplicationChannel.Window ? 1 : 0,
            PhotoIds = photoIds.Distinct().ToList(),
            Steps = [new ApplicationStep(now, ApplicationActions.Submit, actorName, channel.ToString().ToLowerInvariant())],
        };

    /// <summary>受理: the clock starts; the due date is the promised number of working days later.</summary>
    public void Accept(string? actor, DateTimeOffset now, WorkingCalendar calendar, string? note)
    {
        Require(ApplicationState.Submitted);
        State = ApplicationState.Accepted;
        AcceptedAt = now;
        DueDate = ServiceDays.AddWorkingDays(calendar, ServiceDays.Today(calendar, now), Immediate ? 0 : PromisedDays);
        Add(now, ApplicationActions.Accept, actor, note);
    }

    /// <summary>不予受理, with the reason the applicant is told.</summary>
    public void NotAccept(string? actor, DateTimeOffset now, string? reason)
    {
        Require(ApplicationState.Submitted);
        Reason = Required(reason, "reason");
        State = ApplicationState.NotAccepted;
        DecidedAt = now;
        Add(now, ApplicationActions.NotAccept, actor, Reason);
    }

    /// <summary>补正: one complete list of what is missing (一次性告知); the clock stops until it is supplied.</summary>
    public void RequestMaterials(string? actor, DateTimeOffset now, IReadOnlyList<string>? missing, string? note)
    {
        Require(ApplicationState.Accepted);
        var list = (missing ?? []).Select(m => m?.Trim() ?? "").Where(m => m.Length > 0).Distinct().ToList();
        if (list.Count == 0 || list.Count > MaxMissing || list.Any(m => m.Length > 200))
        {
            throw FieldValidationException.Field("missing", ServicesText.Get("Application.MissingRequired"));
        }
        Missing = list;
        State = ApplicationState.AwaitingMaterials;
        PausedAt = now;
        MaterialRequests++;
        Add(now, ApplicationActions.RequestMaterials, actor, Optional(note), list);
    }

    /// <summary>
    /// The missing materials arrive: the clock restarts and the due date moves by the working days it stood still.
    /// <paramref name="atWindow"/>: brought to the centre (one more trip) rather than sent online.
    /// </summary>
    public void Supply(string? actor, DateTimeOffset now, WorkingCalendar calendar, IReadOnlyList<Guid> photoIds, string? note, bool atWindow)
    {
        Require(ApplicationState.AwaitingMaterials);
        var stopped = ServiceDays.WorkingDaysBetween(calendar, ServiceDays.Today(calendar, PausedAt!.Value), ServiceDays.Today(calendar, now));
        StoppedWorkingDays += stopped;
        DueDate = ServiceDays.AddWorkingDays(calendar, DueDate!.Value, stopped);
        PausedAt = null;
        Missing = [];
        PhotoIds = PhotoIds.Concat(photoIds).Distinct().ToList();
        State = ApplicationState.Accepted;
        Visits += atWindow ? 1 : 0;
        Add(now, ApplicationActions.Supply, actor, Optional(note));
    }

    /// <summary>准予. A 即办 item may be approved straight from submission: accepted and approved in one step.</summary>
    public void Approve(string? actor, DateTimeOffset now, WorkingCalendar calendar, string? note)
    {
        if (State == ApplicationState.Submitted && Immediate)
        {
            Accept(actor, now, calendar, null);
        }
        Require(ApplicationState.Accepted);
        State = ApplicationState.Approved;
        DecidedAt = now;
        HandlingDays = HandlingDaysAt(calendar);
        Add(now, ApplicationActions.Approve, actor, Optional(note));
    }

    /// <summary>不予, with the reason.</summary>
    public void Refuse(string? actor, DateTimeOffset now, WorkingCalendar calendar, string? reason)
    {
        Require(ApplicationState.Accepted);
        Reason = Required(reason, "reason");
        State = ApplicationState.Refused;
        DecidedAt = now;
        HandlingDays = HandlingDaysAt(calendar);
        Add(now, ApplicationActions.Refuse, actor, Reason);
    }

    /// <summary>办结/送达: the decision (a licence, a card, a written refusal) is handed over.</summary>
    public void Deliver(string? actor, DateTimeOffset now, string? note)
    {
        if (State is not (ApplicationState.Approved or ApplicationState.Refused))
        {
            throw WrongState();
        }
        State = ApplicationState.Delivered;
        DeliveredAt = now;
        Add(now, ApplicationActions.Deliver, actor, Optional(note));
    }

    /// <summary>好差评: once, after a decision. A rating of 1 or 2 opens a follow-up due <paramref name="followUpDays"/> working days later.</summary>
    public void Evaluate(string? actor, DateTimeOffset now, WorkingCalendar calendar, int? level, string? comment, int followUpDays)
    {
        if (level is not (>= 1 and <= 5))
        {
            throw FieldValidationException.Field("level", ServicesText.Get("Rating.Level"));
        }
        if (comment is { Length: > MaxReasonLength })
        {
            throw FieldValidationException.Field("comment", ServicesText.Format("Field.TooLong", MaxReasonLength));
        }
        if (!IsDecided)
        {
            throw new RuleViolationException(ServicesText.Get("Rating.NotYet"));
        }
        if (Rating is not null)
        {
            throw new RuleViolationException(ServicesText.Get("Rating.Once"));
        }
        Rating = level;
        RatingComment = Optional(comment);
        RatedAt = now;
        if (level <= 2)
        {
            FollowUpDue = ServiceDays.AddWorkingDays(calendar, ServiceDays.Today(calendar, now), followUpDays);
        }
        Add(now, ApplicationActions.Evaluate, actor, $"{level}{(RatingComment is null ? "" : " · " + RatingComment)}");
    }

    /// <summary>
    /// The applicant's account was erased. The application is an administrative file kept for its legal retention period,
    /// so the identity recorded at the window stays (encrypted, as always); what the resident wrote of their own accord,
    /// the rating's comment, goes from the row and from its line of the timeline.
    /// </summary>
    public void ForgetApplicantsComment()
    {
        if (RatingComment is null)
        {
            return;
        }
        RatingComment = null;
        Steps = Steps.Select(s => s.Action == ApplicationActions.Evaluate ? s with { Note = Rating?.ToString(CultureInfo.InvariantCulture) } : s).ToList();
    }

    /// <summary>Closes a bad rating's follow-up with what was done; the applicant sees the answer.</summary>
    public void CloseFollowUp(string? actor, DateTimeOffset now, WorkingCalendar calendar, string? answer)
    {
        if (!FollowUpOpen)
        {
            throw new RuleViolationException(ServicesText.Get("FollowUp.NotOpen"));
        }
        FollowUpAnswer = Required(answer, "answer");
        FollowUpClosedAt = now;
        FollowUpOnTime = ServiceDays.Today(calendar, now) <= FollowUpDue;
        Add(now, ApplicationActions.CloseFollowUp, actor, FollowUpAnswer);
    }

    /// <summary>
    /// Fills the stored measures of an application decided before they were stored (<see cref="HandlingDays"/>,
    /// <see cref="FollowUpOnTime"/>) from its dates; answers whether anything changed.
    /// </summary>
    public bool FillStoredMeasures(WorkingCalendar calendar)
    {
        var changed = false;
        if (HandlingDays is null && DecidedAt is not null && AcceptedAt is not null && State != ApplicationState.NotAccepted)
        {
            HandlingDays = HandlingDaysAt(calendar);
            changed = true;
        }
        if (FollowUpOnTime is null && FollowUpClosedAt is { } closed && FollowUpDue is { } due)
        {
            FollowUpOnTime = ServiceDays.Today(calendar, closed) <= due;
            changed = true;
        }
        return changed;
    }

    private int HandlingDaysAt(WorkingCalendar calendar) =>
        Math.Max(0, ServiceDays.WorkingDaysBetween(calendar, ServiceDays.Today(calendar, AcceptedAt!.Value), ServiceDays.Today(calendar, DecidedAt!.Value))
            - StoppedWorkingDays);

    private void Require(ApplicationState state)
    {
        if (State != state)
        {
            throw WrongState();
        }
    }

    private RuleViolationException WrongState() =>
        new(ServicesText.Format("Application.WrongState", ServicesText.Get($"State.{State}")));

    private static string Required(string? text, string field)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            throw FieldValidationException.Field(field, ServicesText.Get("Field.ReasonRequired"));
        }
        if (value.Length > MaxReasonLength)
        {
            throw FieldValidationException.Field(field, ServicesText.Format("Field.TooLong", MaxReasonLength));
        }
        return value;
    }

    private static string? Optional(string? text)
    {
        var value = text?.Trim();
        if (value is { Length: > MaxReasonLength })
        {
            throw FieldValidationException.Field("note", ServicesText.Format("Field.TooLong", MaxReasonLength));
        }
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private void Add(DateTimeOffset now, string action, string? actor, string? note, IReadOnlyList<string>? missing = null) =>
        Steps = [.. Steps, new ApplicationStep(now, action, actor, note, missing)];
}

/// <summary>The action names of the API path and the timeline.</summary>
public static class ApplicationActions
{
    public const string Submit = "submit";
    public const string Accept = "accept";
    public const string NotAccept = "not-accept";
    public const string RequestMaterials = "request-materials";
    public const string Supply = "supply";
    public const string Approve = "approve";
    public const string Refuse = "refuse";
    public const string Deliver = "deliver";
    public const string Evaluate = "evaluation";
    public const string CloseFollowUp = "close-follow-up";
    public const string Reveal = "reveal";

    public static readonly IReadOnlyList<string> Workflow = [Accept, NotAccept, RequestMaterials, Supply, Approve, Refuse, Deliver];
}
