using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>What training shows: the courses and sessions a caller can see, a session's register, a person's own training.</summary>
public sealed class TrainingQueries(GongzhiDbContext db, StaffDirectory staff, WorkingCalendar calendar, TimeProvider clock)
{
    /// <summary>How far back the list of sessions reaches when past ones are asked for.</summary>
    public static readonly TimeSpan PastReach = TimeSpan.FromDays(366);

    public DateOnly Today => ServiceDays.Today(calendar, clock.GetUtcNow());

    public async Task<IReadOnlyList<CourseResponse>> CoursesAsync(Caller caller, CancellationToken cancellationToken)
    {
        TrainingRules.EnsureMayRead(caller);
        db.Caller = caller;
        var courses = await db.Set<TrainingCourse>().AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken);
        return courses.Select(CourseResponse.From).ToList();
    }

    /// <summary>The sessions the caller can see that have not ended (and, with <paramref name="past"/>, those of the last year), soonest first.</summary>
    public async Task<IReadOnlyList<SessionResponse>> SessionsAsync(Caller caller, bool past, CancellationToken cancellationToken)
    {
        TrainingRules.EnsureMayRead(caller);
        db.Caller = caller;
        var since = clock.GetUtcNow() - (past ? PastReach : TimeSpan.Zero);
        var sessions = await db.Set<CourseSession>().AsNoTracking().Where(s => s.EndsAt > since).OrderBy(s => s.StartsAt).Take(500)
            .ToListAsync(cancellationToken);
        // Read apart from the sessions: an opt-out in a joined query would lift the sessions' filter too. The course of a
        // visible session is one its organiser could see, so it is shown with it.
        var courseIds = sessions.Select(s => s.CourseId).Distinct().ToList();
        var courses = await db.Set<TrainingCourse>().IgnoreQueryFilters().AsNoTracking().Where(c => courseIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return sessions.Select(s => SessionResponse.From(s, courses[s.CourseId], TrainingRules.MayOrganise(caller, s.JurisdictionCode))).ToList();
    }

    /// <summary>A session with its register: every enrolment for its organiser, one's own for anyone else.</summary>
    public async Task<SessionDetail> SessionAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        TrainingRules.EnsureMayRead(caller);
        db.Caller = caller;
        var session = await db.Set<CourseSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException();
        // The course of a session the caller can see, as in the list.
        var course = await db.Set<TrainingCourse>().IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == session.CourseId, cancellationToken);
        var organiser = TrainingRules.MayOrganise(caller, session.JurisdictionCode);
        var enrolments = organiser
            ? await db.Set<Enrolment>().AsNoTracking().Where(e => e.SessionId == id).OrderBy(e => e.EnrolledAt).ToListAsync(cancellationToken)
            : [];
        // One's own place, wherever one's scope has moved since.
        var mine = caller.UserId is { } me
            ? await db.Set<Enrolment>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.SessionId == id && e.StaffUserId == me, cancellationToken)
            : null;
        var names = await staff.NamesAsync(enrolments.Select(e => e.StaffUserId), cancellationToken);
        return new SessionDetail(SessionResponse.From(session, course, organiser), CourseResponse.From(course),
            enrolments.Select(e => EnrolmentResponse.From(e, names.GetValueOrDefault(e.StaffUserId))).ToList(),
            mine is null ? null : EnrolmentResponse.From(mine, caller.ShownName));
    }

    /// <summary>The caller's own training: what their roles require where they work now, their enrolments and certificates.</summary>
    public async Task<MyTraining> MineAsync(Caller caller, CancellationToken cancellationToken)
    {
        TrainingRules.EnsureMayRead(caller);
        if (caller.UserId is not { } me)
        {
            return new MyTraining([], [], []);
        }
        db.Caller = caller;
        var today = Today;
        var required = (await db.Set<TrainingCourse>().AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken))
            .Where(c => c.IsRequiredOf(caller.ScopeCode, caller.Roles)).ToList();
        // One's own enrolments and certificates, wherever one's scope was when they were made.
        var enrolments = await db.Set<Enrolment>().IgnoreQueryFilters().AsNoTracking().Where(e => e.StaffUserId == me)
            .OrderByDescending(e => e.EnrolledAt).Take(200).ToListAsync(cancellationToken);
        var certificates = await db.Set<TrainingCertificate>().IgnoreQueryFilters().AsNoTracking().Where(c => c.HolderUserId == me)
            .OrderByDescending(c => c.IssuedOn).ToListAsync(cancellationToken);
        var sessionIds = enrolments.Select(e => e.SessionId).Distinct().ToList();
        // The sessions and courses of one's own enrolments, as above.
        var sessions = await db.Set<CourseSession>().IgnoreQueryFilters().AsNoTracking().Where(s => sessionIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var courseIds = enrolments.Select(e => e.CourseId).Distinct().ToList();
        // Likewise the courses of one's own enrolments, whoever set them.
        var courses = await db.Set<TrainingCourse>().IgnoreQueryFilters().AsNoTracking().Where(c => courseIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return new MyTraining(
            required.Select(c => TrainingCompletion.Of(c, enrolments, certificates, today)).ToList(),
            enrolments.Select(e => new MyEnrolment(EnrolmentResponse.From(e, caller.ShownName),
                SessionResponse.From(sessions[e.SessionId], courses[e.CourseId], TrainingRules.MayOrganise(caller, sessions[e.SessionId].JurisdictionCode)),
                e.Completes(courses[e.CourseId]))).ToList(),
            certificates.Select(c => CertificateResponse.From(c, caller.ShownName, today)).ToList());
    }

    /// <summary>The certificates of an area's staff for a supervisor; one's own for anyone else.</summary>
    public async Task<IReadOnlyList<CertificateResponse>> CertificatesAsync(Caller caller, string? area, CancellationToken cancellationToken)
    {
        TrainingRules.EnsureMayRead(caller);
        var code = string.IsNullOrWhiteSpace(area) ? caller.ScopeCode : area.Trim();
        if (!JurisdictionCode.IsWellFormed(code))
        {
            throw FieldValidationException.Field("scope", ServicesText.Get("Training.JurisdictionUnknown"));
        }
        db.Caller = caller;
        var me = caller.UserId ?? "";
        var prefix = JurisdictionCode.QueryPrefix(code);
        var query = TrainingRules.MaySupervise(caller, code)
            ? db.Set<TrainingCertificate>().AsNoTracking().Where(c => c.JurisdictionCode.StartsWith(prefix))
            : db.Set<TrainingCertificate>().AsNoTracking().Where(c => c.HolderUserId == me);
        var list = await query.OrderBy(c => c.ExpiresOn == null).ThenBy(c => c.ExpiresOn).Take(1000).ToListAsync(cancellationToken);
        var names = await staff.NamesAsync(list.Select(c => c.HolderUserId), cancellationToken);
        var today = Today;
        return list.Select(c => CertificateResponse.From(c, names.GetValueOrDefault(c.HolderUserId), today)).ToList();
    }
}

/// <summary>Whether a person has completed a course, the one rule the compliance read and one's own page share.</summary>
internal static class TrainingCompletion
{
    /// <summary>
    /// A course that grants a certificate is completed by holding one valid today (a lapsed one is named, to be renewed); any
    /// other by an enrolment that completes it.
    /// </summary>
    public static RequiredCourse Of(TrainingCourse course, IEnumerable<Enrolment> enrolments, IEnumerable<TrainingCertificate> certificates, DateOnly today)
    {
        if (course.CertificateKind is { } kind)
        {
            var held = certificates.Where(c => c.Kind == kind && !c.IsRevoked).ToList();
            if (held.Any(c => c.IsValidOn(today)))
            {
                return new RequiredCourse(course.Id, course.Code, course.Name, true, null);
            }
            return new RequiredCourse(course.Id, course.Code, course.Name, false, held.Where(c => c.ExpiresOn < today).Max(c => c.ExpiresOn));
        }
        return new RequiredCourse(course.Id, course.Code, course.Name, enrolments.Any(e => e.CourseId == course.Id && e.Completes(course)), null);
    }
}
