using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// Sessions (培训班次), called with a <see cref="Caller"/>: an organiser holds a course it can see, in its own jurisdiction, and
/// may move it, change its place or capacity, or call it off while it is still ahead.
/// </summary>
public sealed class SessionService(GongzhiDbContext db, RecordActions actions, IJurisdictionDirectory jurisdictions, TrainingIdempotency idempotency,
    TimeProvider clock)
{
    private static readonly TrainingRules Rules = TrainingRules.Instance;

    /// <summary>Schedules a session; a retry with the same <paramref name="idempotencyKey"/> answers with the first one (<c>Created</c> false).</summary>
    public async Task<(CourseSession Session, TrainingCourse Course, bool Created)> ScheduleAsync(Caller caller, SessionRequest request,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        var key = TrainingIdempotency.Normalize(idempotencyKey);
        var code = await TrainingPlaces.JurisdictionAsync(jurisdictions, caller, request.JurisdictionCode, cancellationToken);
        TrainingPlaces.EnsureOrganiser(caller, code);
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(request);
        if (key is not null && await EarlierAsync(caller, key, fingerprint, cancellationToken) is { } earlier)
        {
            return (earlier, await CourseOfAsync(earlier, cancellationToken), false);
        }
        db.Caller = caller;
        var course = request.CourseId is { } id ? await db.Set<TrainingCourse>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (course is null)
        {
            throw FieldValidationException.Field("courseId", ServicesText.Get("Training.CourseUnknown"));
        }
        var session = CourseSession.Schedule(course, code, request.Input, caller.UserId ?? "", clock.GetUtcNow(), idempotencyKey: key);
        if (key is not null)
        {
            idempotency.Remember(caller, TrainingIdempotency.Sessions, key, fingerprint);
        }
        try
        {
            return (await actions.CreateAsync(caller, session, TrainingActions.Schedule, Rules, cancellationToken), course, true);
        }
        catch (DbUpdateException e) when (key is not null && e.IsUniqueViolation())
        {
            // A retry raced this one and won: answer with its session.
            db.ChangeTracker.Clear();
            var winner = await EarlierAsync(caller, key, fingerprint, cancellationToken)
                ?? throw new InvalidOperationException("The idempotency key collided with a session that cannot be found.");
            return (winner, course, false);
        }
    }

    /// <summary>A new time, place or capacity; the capacity not below the places taken (an enrolment meanwhile makes the caller's version stale).</summary>
    public async Task<(CourseSession Session, TrainingCourse Course)> ChangeAsync(Caller caller, Guid id, SessionChangeRequest request,
        CancellationToken cancellationToken)
    {
        var session = await actions.RunAsync<CourseSession>(caller, s => s.Id == id, TrainingActions.Change, request.Version, Rules, s =>
        {
            s.Change(request.Input, clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
        return (session, await CourseOfAsync(session, cancellationToken));
    }

    /// <summary>
    /// Calls the session off before it starts: every place in it is given up in the same transaction, the enrolments kept as
    /// withdrawn. Nobody is notified yet: the organiser tells the enrolled staff themselves.
    /// </summary>
    public async Task<(CourseSession Session, TrainingCourse Course)> CancelAsync(Caller caller, Guid id, VersionRequest request,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await actions.RunAsync<CourseSession>(caller, s => s.Id == id, TrainingActions.Cancel, request.Version, Rules, s =>
        {
            s.Cancel(caller.UserId ?? "", now);
            return Task.CompletedTask;
        }, cancellationToken);
        // Every place in the session, wherever its holder's scope has moved since: the session is the organiser's to call off.
        await db.Set<Enrolment>().IgnoreQueryFilters().Where(e => e.SessionId == id && e.WithdrawnAt == null)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.WithdrawnAt, now).SetProperty(x => x.WithdrawnByUserId, caller.UserId)
                .SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (session, await CourseOfAsync(session, cancellationToken));
    }

    private Task<CourseSession?> EarlierAsync(Caller caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        return idempotency.EarlierAsync<CourseSession>(caller, TrainingIdempotency.Sessions, key, fingerprint,
            s => s.OrganisedByUserId == me && s.IdempotencyKey == key, cancellationToken);
    }

    // The course of a session the caller organised or may change: one its organiser could see.
    private Task<TrainingCourse> CourseOfAsync(CourseSession session, CancellationToken cancellationToken) =>
        db.Set<TrainingCourse>().IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == session.CourseId, cancellationToken);
}
