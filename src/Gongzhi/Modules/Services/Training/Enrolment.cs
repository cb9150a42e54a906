using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// A staff member's place in a session (报名), then whether they attended and, for a course with an assessment, their score.
/// The record lies in the staff member's own jurisdiction (so their street sees their training), and names the session's
/// organiser jurisdiction too (so the organiser keeps the register). One enrolment per person and session (unique index).
/// </summary>
public sealed class Enrolment : IJurisdictional, IVersioned, IAudited
{
    private Enrolment()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The staff member's scope when they enrolled.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public Guid SessionId { get; private set; }

    public Guid CourseId { get; private set; }

    /// <summary>The organising jurisdiction of the session.</summary>
    public string SessionCode { get; private set; } = "";

    public string StaffUserId { get; private set; } = "";

    public string EnrolledByUserId { get; private set; } = "";

    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>Null until the organiser records the register.</summary>
    public bool? Attended { get; private set; }

    public int? Score { get; private set; }

    public bool? Passed { get; private set; }

    public DateTimeOffset? AssessedAt { get; private set; }

    /// <summary>Set when the place was given up (by the person, by the organiser, or by the session being called off); the record stays.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnByUserId { get; private set; }

    /// <summary>The <c>Idempotency-Key</c> of the request that took the place, the enrolling account's.</summary>
    public string? IdempotencyKey { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    public long Version { get; set; }

    public string AuditKey => Id.ToString();

    internal static Enrolment Enrol(CourseSession session, string staffUserId, string staffScope, string enrolledBy, DateTimeOffset now,
        string? idempotencyKey = null)
    {
        EnsureOpen(session, now);
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWithin(staffScope, session.JurisdictionCode))
        {
            throw new RuleViolationException(ServicesText.Get("Training.SessionNotForStaff"));
        }
        return new Enrolment
        {
            Id = Guid.NewGuid(),
            JurisdictionCode = staffScope,
            SessionId = session.Id,
            CourseId = session.CourseId,
            SessionCode = session.JurisdictionCode,
            StaffUserId = staffUserId,
            EnrolledByUserId = enrolledBy,
            EnrolledAt = now,
            IdempotencyKey = idempotencyKey,
        };
    }

    /// <summary>Gives the place up before the session starts; the service frees it in the session's count in the same transaction.</summary>
    public void Withdraw(CourseSession session, string by, DateTimeOffset now)
    {
        if (IsWithdrawn)
        {
            throw new RuleViolationException(ServicesText.Get("Training.AlreadyWithdrawn"));
        }
        session.EnsureAhead(now);
        WithdrawnAt = now;
        WithdrawnByUserId = by;
    }

    /// <summary>Takes a place given up earlier again, in the same record (one per person and session).</summary>
    public void Rejoin(CourseSession session, string by, DateTimeOffset now, string? idempotencyKey)
    {
        EnsureOpen(session, now);
        WithdrawnAt = null;
        WithdrawnByUserId = null;
        EnrolledByUserId = by;
        EnrolledAt = now;
        IdempotencyKey = idempotencyKey;
    }

    private static void EnsureOpen(CourseSession session, DateTimeOffset now)
    {
        if (session.IsCancelled)
        {
            throw new RuleViolationException(ServicesText.Get("Training.SessionCancelled"));
        }
        if (session.HasStarted(now))
        {
            throw new RuleViolationException(ServicesText.Get("Training.SessionStarted"));
        }
    }

    /// <summary>The register, once the session has begun; an assessed enrolment stays attended.</summary>
    public void RecordAttendance(CourseSession session, bool attended, DateTimeOffset now)
    {
        if (IsWithdrawn)
        {
            throw new RuleViolationException(ServicesText.Get("Training.AlreadyWithdrawn"));
        }
        if (!session.HasStarted(now))
        {
            throw new RuleViolationException(ServicesText.Get("Training.NotYetHeld"));
        }
        if (!attended && Score is not null)
        {
            throw new RuleViolationException(ServicesText.Get("Training.AlreadyAssessed"));
        }
        Attended = attended;
    }

    /// <summary>The assessment's score (of 100): only of someone who attended a course that has one; passed at the course's mark.</summary>
    public void RecordAssessment(TrainingCourse course, int? score, DateTimeOffset now)
    {
        if (score is not (>= 0 and <= 100))
        {
            throw FieldValidationException.Field("score", ServicesText.Format("Field.Between", 0, 100));
        }
        if (!course.HasAssessment)
        {
            throw new RuleViolationException(ServicesText.Get("Training.NoAssessment"));
        }
        if (Attended != true)
        {
            throw new RuleViolationException(ServicesText.Get("Training.NotAttended"));
        }
        Score = score;
        Passed = course.Passes(score.Value);
        AssessedAt = now;
    }

    /// <summary>Whether this enrolment completes its course: passed, or attended when the course has no assessment.</summary>
    public bool Completes(TrainingCourse course) => course.HasAssessment ? Passed == true : Attended == true;
}
