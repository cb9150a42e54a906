using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.SocialForces.Incubation;

/// <summary>applied → incubating → graduated, or left from either of the first two.</summary>
public enum IncubationStage
{
    Applied,
    Incubating,
    Graduated,
    Left,
}

/// <summary>
/// An organisation's incubation at a base. An organisation has at most one open record (applied or incubating) across
/// all bases: the entity checks the stages, a filtered unique index the "one open" rule.
/// </summary>
public sealed class IncubationRecord : IJurisdictional, IVersioned, IAudited, IMadeWithKey
{
    public const int MaxTextLength = 500;
    public const int MaxMentorLength = 50;

    private IncubationRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid BaseId { get; private set; }

    /// <summary>The base's: a record is seen where its base is.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public string OrganisationName { get; private set; } = "";

    public IncubationStage Stage { get; private set; }

    /// <summary>What the organisation asks the base for (入驻需求).</summary>
    public string? Need { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public DateTimeOffset? AdmittedAt { get; private set; }

    /// <summary>The mentor's staff account, when the mentor has one.</summary>
    public string? MentorUserId { get; private set; }

    /// <summary>The mentor as named (the account's display name, or the name given for a mentor without an account).</summary>
    public string? MentorName { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Why the organisation left (or a note on its graduation).</summary>
    public string? ClosingReason { get; private set; }

    /// <summary>The account that applied and the <c>Idempotency-Key</c> it sent (a retry gets this record back).</summary>
    public string? CreatedByUserId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    public bool IsOpen => Stage is IncubationStage.Applied or IncubationStage.Incubating;

    public static IncubationRecord Apply(IncubationBase incubator, Guid organisationId, string organisationName, string organisationCode,
        string? need, string? createdByUserId, string? idempotencyKey, DateTimeOffset now)
    {
        // A base serves its own area: an organisation of another street applies to that street's base or the district's.
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWithin(organisationCode, incubator.JurisdictionCode))
        {
            throw FieldValidationException.Field("organisationId", SocialText.Get("Incubation.OrganisationOutside"));
        }
        var text = need?.Trim();
        if (text?.Length > MaxTextLength)
        {
            throw FieldValidationException.Field("need", SocialText.Format("Field.TooLong", MaxTextLength));
        }
        return new IncubationRecord
        {
            Id = Guid.CreateVersion7(),
            BaseId = incubator.Id,
            JurisdictionCode = incubator.JurisdictionCode,
            OrganisationId = organisationId,
            OrganisationName = organisationName,
            Stage = IncubationStage.Applied,
            Need = string.IsNullOrEmpty(text) ? null : text,
            AppliedAt = now,
            CreatedByUserId = createdByUserId,
            IdempotencyKey = idempotencyKey,
        };
    }

    /// <summary>Admits the applicant with a mentor: a staff account (named by its display name) or a mentor named in free text.</summary>
    public void Admit(string? mentorUserId, string? mentorName, DateTimeOffset now)
    {
        if (Stage != IncubationStage.Applied)
        {
            throw new RuleViolationException(SocialText.Get("Incubation.NotApplied"));
        }
        var name = mentorName?.Trim() ?? "";
        if (name.Length is 0 or > MaxMentorLength)
        {
            throw FieldValidationException.Field("mentor", SocialText.Format("Incubation.Mentor", MaxMentorLength));
        }
        MentorUserId = mentorUserId;
        MentorName = name;
        AdmittedAt = now;
        Stage = IncubationStage.Incubating;
    }

    /// <summary>
    /// Graduation (出壳) needs a capacity assessment whose total reaches the city's threshold: a base lets an
    /// organisation go on its own when it has shown it can stand, not when its time is up.
    /// </summary>
    public void Graduate(IEnumerable<CapacityAssessment> assessments, int threshold, string? note, DateTimeOffset now)
    {
        if (Stage != IncubationStage.Incubating)
        {
            throw new RuleViolationException(SocialText.Get("Incubation.NotIncubating"));
        }
        if (!assessments.Any(a => a.RecordId == Id && a.Total >= threshold))
        {
            throw new RuleViolationException(SocialText.Format("Incubation.BelowThreshold", threshold, CapacityScores.MaxTotal));
        }
        var text = note?.Trim();
        if (text?.Length > MaxTextLength)
        {
            throw FieldValidationException.Field("note", SocialText.Format("Field.TooLong", MaxTextLength));
        }
        ClosingReason = string.IsNullOrEmpty(text) ? null : text;
        ClosedAt = now;
        Stage = IncubationStage.Graduated;
    }

    /// <summary>An applicant withdrawn or refused, or an organisation that leaves before graduating: the reason is kept.</summary>
    public void Leave(string? reason, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new RuleViolationException(SocialText.Get("Incubation.Closed"));
        }
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > MaxTextLength)
        {
            throw FieldValidationException.Field("reason", SocialText.Format("Field.Required", MaxTextLength));
        }
        ClosingReason = text;
        ClosedAt = now;
        Stage = IncubationStage.Left;
    }

    /// <summary>Support is given to an organisation in the base, not to an applicant nor after it has gone.</summary>
    public IncubationSupport GiveSupport(SupportKind? kind, DateOnly? on, DateOnly today, string? description, decimal? amount, string recordedBy,
        string? createdByUserId, string? idempotencyKey, DateTimeOffset now)
    {
        if (Stage != IncubationStage.Incubating)
        {
            throw new RuleViolationException(SocialText.Get("Incubation.NotIncubating"));
        }
        var errors = new Dictionary<string, string[]>();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors["kind"] = [SocialText.Get("Incubation.SupportKind")];
        }
        CheckDate(errors, on, today);
        var text = description?.Trim() ?? "";
        if (text.Length is 0 or > MaxTextLength)
        {
            errors["description"] = [SocialText.Format("Field.Required", MaxTextLength)];
        }
        // Only funds carry an amount: the value of a room or a course is not money the base paid out.
        var fen = Fen.From(amount);
        if (kind == SupportKind.Funds ? fen is not > 0 : amount is not null)
        {
            errors["amount"] = [SocialText.Get(kind == SupportKind.Funds ? "Field.Amount" : "Incubation.AmountOnlyForFunds")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return IncubationSupport.Record(this, kind!.Value, on!.Value, text, kind == SupportKind.Funds ? fen : null, recordedBy, createdByUserId,
            idempotencyKey, now);
    }

    /// <summary>Capacity is assessed on entry and during incubation; an organisation that has gone is no longer the base's to assess.</summary>
    public CapacityAssessment Assess(DateOnly? on, DateOnly today, string? assessor, CapacityScores.Input scores, string? note, string recordedBy,
        string? createdByUserId, string? idempotencyKey, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new RuleViolationException(SocialText.Get("Incubation.Closed"));
        }
        var errors = new Dictionary<string, string[]>();
        CheckDate(errors, on, today);
        var who = assessor?.Trim() ?? "";
        if (who.Length is 0 or > MaxMentorLength)
        {
            errors["assessor"] = [SocialText.Format("Field.Required", MaxMentorLength)];
        }
        var checkedScores = scores.Check(errors);
        var text = note?.Trim();
        if (text?.Length > MaxTextLength)
        {
            errors["note"] = [SocialText.Format("Field.TooLong", MaxTextLength)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return CapacityAssessment.Record(this, on!.Value, who, checkedScores!, string.IsNullOrEmpty(text) ? null : text, recordedBy, createdByUserId,
            idempotencyKey, now);
    }

    private static void CheckDate(Dictionary<string, string[]> errors, DateOnly? on, DateOnly today)
    {
        if (on is null || on > today)
        {
            errors["on"] = [SocialText.Get("Incubation.Date")];
        }
    }
}
