using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// Enrolments (报名), called with a <see cref="Caller"/>: staff enrol themselves, or their organiser enrols them, in a session
/// they can see; the organiser keeps the register and records the assessment, whose pass issues the course's certificate in
/// the same save. A session's count moves only by a conditional update in the enrolment's own transaction, so no session
/// takes more than its capacity.
/// </summary>
public sealed class EnrolmentService(GongzhiDbContext db, RecordActions actions, StaffDirectory staff, WorkingCalendar calendar,
    TrainingIdempotency idempotency, TimeProvider clock)
{
    private static readonly TrainingRules Rules = TrainingRules.Instance;

    /// <summary>
    /// A place in the session: <c>Created</c> false when the person holds one already (pressed again, or retried), or when the
    /// caller's <paramref name="idempotencyKey"/> took it before. A place given up earlier is taken again in the same record.
    /// </summary>
    public async Task<(Enrolment Enrolment, bool Created)> EnrolAsync(Caller caller, Guid sessionId, EnrolRequest request, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var key = TrainingIdempotency.Normalize(idempotencyKey);
        db.Caller = caller;
        var session = await db.Set<CourseSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new RecordNotFoundException();
        TrainingRules.EnsureMayRead(caller);
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(new { sessionId, request });
        if (key is not null && await EarlierAsync(caller, key, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }
        var person = await PersonAsync(caller, session, request, cancellationToken);
        if (await HeldAsync(person.Id, session.Id, cancellationToken) is { } held)
        {
            return held.IsWithdrawn ? (await RejoinAsync(caller, held, key, fingerprint, cancellationToken), true) : (held, false);
        }
        var enrolment = Enrolment.Enrol(session, person.Id, person.ScopeCode, caller.UserId ?? "", clock.GetUtcNow(), key);
        if (!Rules.Allows(caller, TrainingActions.Enrol, enrolment))
        {
            throw new ActionForbiddenException();
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await TakePlaceAsync(session.Id, cancellationToken);
            if (key is not null)
            {
                idempotency.Remember(caller, TrainingIdempotency.Enrolments, key, fingerprint);
            }
            try
            {
                await actions.CreateAsync(caller, enrolment, TrainingActions.Enrol, Rules, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (enrolment, true);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same person's other request (or the same key's) won: the rollback gives this place back, and theirs is the answer.
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
        if (key is not null && await EarlierAsync(caller, key, fingerprint, cancellationToken) is { } winner)
        {
            return (winner, false);
        }
        return (await HeldAsync(person.Id, session.Id, cancellationToken) ?? throw new RuleViolationException(ServicesText.Get("Training.SessionFull")), false);
    }

    /// <summary>
    /// Gives a place up before the session starts, by the person or their organiser: the enrolment stays, withdrawn, and the
    /// session's count frees the place in the same transaction.
    /// </summary>
    public async Task<Enrolment> WithdrawAsync(Caller caller, Guid id, VersionRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrolment = await actions.RunAsync<Enrolment>(caller, e => e.Id == id, TrainingActions.Withdraw, request.Version, Rules, async e =>
            e.Withdraw(await SessionOfAsync(e, cancellationToken), caller.UserId ?? "", clock.GetUtcNow()), cancellationToken);
        // The session is the organiser's record; its count moves here for the place given up, as it does for one taken.
        await db.Set<CourseSession>().IgnoreQueryFilters().Where(s => s.Id == enrolment.SessionId && s.Enrolled > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Enrolled, x => x.Enrolled - 1).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enrolment;
    }

    private async Task<Enrolment> RejoinAsync(Caller caller, Enrolment held, string? key, string fingerprint, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TakePlaceAsync(held.SessionId, cancellationToken);
        if (key is not null)
        {
            idempotency.Remember(caller, TrainingIdempotency.Enrolments, key, fingerprint);
        }
        var enrolment = await actions.RunAsync<Enrolment>(caller, e => e.Id == held.Id, TrainingActions.Enrol, held.Version, Rules, async e =>
            e.Rejoin(await SessionOfAsync(e, cancellationToken), caller.UserId ?? "", clock.GetUtcNow(), key), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enrolment;
    }

    /// <summary>One place of the session, by a conditional update in the caller's transaction: below capacity, not called off.</summary>
    private async Task TakePlaceAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        // The session was found as the caller; its count is the organiser's, moved here for the enrolment. The version moves
        // with it, so that an organiser's change of capacity made on the count before this place fails as stale.
        var taken = await db.Set<CourseSession>().IgnoreQueryFilters()
            .Where(s => s.Id == sessionId && s.Enrolled < s.Capacity && s.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Enrolled, x => x.Enrolled + 1).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        if (taken == 0)
        {
            // Called off meanwhile, or full: the same read as above, for the caller's reason.
            var cancelled = await db.Set<CourseSession>().IgnoreQueryFilters().AnyAsync(s => s.Id == sessionId && s.CancelledAt != null, cancellationToken);
            throw new RuleViolationException(ServicesText.Get(cancelled ? "Training.SessionCancelled" : "Training.SessionFull"));
        }
    }

    private Task<Enrolment?> EarlierAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        return idempotency.EarlierAsync<Enrolment>(caller, TrainingIdempotency.Enrolments, key, fingerprint,
            e => e.EnrolledByUserId == me && e.IdempotencyKey == key, cancellationToken);
    }

    public Task<Enrolment> RecordAttendanceAsync(Caller caller, Guid id, AttendanceRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<Enrolment>(caller, e => e.Id == id, TrainingActions.Attendance, request.Version, Rules, async e =>
        {
            if (request.Attended is not { } attended)
            {
                throw FieldValidationException.Field("attended", ServicesText.Get("Training.AttendedRequired"));
            }
            e.RecordAttendance(await SessionOfAsync(e, cancellationToken), attended, clock.GetUtcNow());
        }, cancellationToken);

    /// <summary>The score; a pass of a course that grants a certificate issues it to the staff member in the same save.</summary>
    public Task<Enrolment> RecordAssessmentAsync(Caller caller, Guid id, AssessmentRequest request, CancellationToken cancellationToken) =>
        actions.RunAsync<Enrolment>(caller, e => e.Id == id, TrainingActions.Assess, request.Version, Rules, async e =>
        {
            var course = await CourseOfAsync(e, cancellationToken);
            e.RecordAssessment(course, request.Score, clock.GetUtcNow());
            if (e.Passed == true && course.CertificateKind is not null
                // The certificate the enrolment issued earlier lies in the holder's scope, as the enrolment does.
                && !await db.Set<TrainingCertificate>().IgnoreQueryFilters().AnyAsync(c => c.EnrolmentId == e.Id, cancellationToken))
            {
                db.Add(TrainingCertificate.Grant(course, e, ServiceDays.Today(calendar, clock.GetUtcNow()), caller.UserId ?? ""));
            }
        }, cancellationToken);

    /// <summary>The caller themselves, or the staff member an organiser of the session names.</summary>
    private async Task<StaffAccount> PersonAsync(Caller caller, CourseSession session, EnrolRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            if (caller.UserId is not { } me || !TrainingRules.IsStaff(caller))
            {
                throw new ActionForbiddenException();
            }
            return new StaffAccount(me, caller.UserName, caller.ShownName ?? "", caller.ScopeCode, []);
        }
        if (!TrainingRules.MayOrganise(caller, session.JurisdictionCode))
        {
            throw new ActionForbiddenException();
        }
        return await staff.FindAsync(request.UserName.Trim(), cancellationToken)
            ?? throw FieldValidationException.Field("userName", ServicesText.Get("Training.StaffUnknown"));
    }

    private Task<Enrolment?> HeldAsync(string person, Guid session, CancellationToken cancellationToken) =>
        // One's own place, or one the organiser gave: the person is the rule here, whatever scope the place was taken in.
        db.Set<Enrolment>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.StaffUserId == person && e.SessionId == session, cancellationToken);

    // The enrolment was found as the caller; its session and course are the organiser's, read for its rules.
    private async Task<CourseSession> SessionOfAsync(Enrolment e, CancellationToken cancellationToken) =>
        await db.Set<CourseSession>().IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == e.SessionId, cancellationToken);

    private async Task<TrainingCourse> CourseOfAsync(Enrolment e, CancellationToken cancellationToken) =>
        // As above: the course of an enrolment the caller may act on.
        await db.Set<TrainingCourse>().IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == e.CourseId, cancellationToken);
}
