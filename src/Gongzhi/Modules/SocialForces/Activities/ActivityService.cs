using Gongzhi.Modules.SocialForces.Volunteers;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.SocialForces.Activities;

/// <summary>An activity the caller registered for, and where their registration stands.</summary>
public sealed record MyActivity(Guid ActivityId, string Title, DateTimeOffset StartsAt, RegistrationStatus Status);

/// <summary>
/// Every write on activities: create, register, cancel, check in and out. Registrations of one activity run one
/// after the other on the activity's row (<see cref="SerialWrites"/>): the first statement bumps its arrival
/// counter, which is both the registration's place in the queue and the row lock; a place is confirmed by a
/// conditional update of the confirmed count below the capacity, which the check constraint backs.
/// </summary>
public sealed class ActivityService(GongzhiDbContext db, RecordActions actions, PointsLedger ledger, CheckInCodes codes,
    IOptions<SocialForcesOptions> options, TimeProvider clock)
{
    private sealed class Rules : IActionRules<Activity>
    {
        public static readonly Rules Instance = new();

        public bool CanSee(Caller caller, Activity record) => true;

        public bool Allows(Caller caller, string action, Activity record) => SocialPermissions.Organises(caller, record.JurisdictionCode);
    }

    public Task<Activity> CreateAsync(Caller caller, string? title, string? jurisdictionCode, DateTimeOffset? startsAt, DateTimeOffset? endsAt,
        int? capacity, string? place, CancellationToken cancellationToken) =>
        actions.CreateAsync(caller, Activity.Create(title, jurisdictionCode, startsAt, endsAt, capacity, place, caller, clock.GetUtcNow()),
            "create", Rules.Instance, cancellationToken);

    public async Task<Activity> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new RecordNotFoundException();
    }

    public async Task<ActivityRegistration> RegisterAsync(Caller caller, Guid activityId, CancellationToken cancellationToken)
    {
        var activity = await FindAsync(caller, activityId, cancellationToken);
        if (!SocialPermissions.Participates(caller))
        {
            throw new ActionForbiddenException(SocialText.Get("Registration.ParticipantsOnly"));
        }
        var now = clock.GetUtcNow();
        if (activity.Ended(now))
        {
            throw new RuleViolationException(SocialText.Get("Registration.Ended"));
        }
        try
        {
            return await SerialWrites.RunAsync(db, async () =>
            {
                // The activity's visibility was checked above; the row is changed by its key.
                var activities = db.Set<Activity>().IgnoreQueryFilters().Where(a => a.Id == activityId);
                await activities.ExecuteUpdateAsync(s => s.SetProperty(a => a.Arrivals, a => a.Arrivals + 1), cancellationToken);
                var arrival = await activities.Select(a => a.Arrivals).FirstAsync(cancellationToken);
                var confirmed = await activities.Where(a => a.Confirmed < a.Capacity)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Confirmed, a => a.Confirmed + 1), cancellationToken) == 1;
                if (!confirmed)
                {
                    await activities.ExecuteUpdateAsync(s => s.SetProperty(a => a.Waitlisted, a => a.Waitlisted + 1), cancellationToken);
                }
                var registration = ActivityRegistration.Take(activity, caller, arrival, confirmed, now);
                db.Add(registration);
                await db.SaveChangesAsync(cancellationToken);
                return registration;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new RuleViolationException(SocialText.Get("Registration.Duplicate"));
        }
    }

    /// <summary>The registrant or an organiser cancels; a confirmed place goes to the first on the waiting list.</summary>
    public async Task<ActivityRegistration> CancelAsync(Caller caller, Guid registrationId, CancellationToken cancellationToken)
    {
        var found = await db.Set<ActivityRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId, cancellationToken)
            ?? throw new RecordNotFoundException();
        var activity = await FindAsync(caller, found.ActivityId, cancellationToken);
        if (found.UserId != caller.UserId && !SocialPermissions.Organises(caller, activity.JurisdictionCode))
        {
            throw new RecordNotFoundException();
        }
        var now = clock.GetUtcNow();
        return await SerialWrites.RunAsync(db, async () =>
        {
            // The activity was found in the caller's view above; a resident of another area may cancel their own registration.
            var activities = db.Set<Activity>().IgnoreQueryFilters().Where(a => a.Id == activity.Id);
            // Take the row's lock before reading the registrations: a concurrent cancel or registration waits here.
            await activities.ExecuteUpdateAsync(s => s.SetProperty(a => a.Arrivals, a => a.Arrivals), cancellationToken);
            var registration = await db.Set<ActivityRegistration>().FirstAsync(r => r.Id == registrationId, cancellationToken);
            var wasConfirmed = registration.Status == RegistrationStatus.Confirmed;
            registration.Cancel(now);
            if (!wasConfirmed)
            {
                await activities.ExecuteUpdateAsync(s => s.SetProperty(a => a.Waitlisted, a => a.Waitlisted - 1), cancellationToken);
            }
            else if (await db.Set<ActivityRegistration>()
                         .Where(r => r.ActivityId == activity.Id && r.Status == RegistrationStatus.Waitlisted)
                         .OrderBy(r => r.Arrival).FirstOrDefaultAsync(cancellationToken) is { } first)
            {
                first.Promote(now);
                await activities.ExecuteUpdateAsync(s => s.SetProperty(a => a.Waitlisted, a => a.Waitlisted - 1), cancellationToken);
            }
            else
            {
                await activities.ExecuteUpdateAsync(s => s.SetProperty(a => a.Confirmed, a => a.Confirmed - 1), cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            return registration;
        }, cancellationToken);
    }

    /// <summary>The caller's registrations, the latest activity first: what their own account page lists.</summary>
    public async Task<IReadOnlyList<MyActivity>> ListMineAsync(Caller caller, int take, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } me)
        {
            return [];
        }
        // One's own registrations are found by account: a street's activity lies outside a resident's community scope.
        var rows = await db.Set<ActivityRegistration>().IgnoreQueryFilters().AsNoTracking().Where(r => r.UserId == me)
            .Join(db.Set<Activity>().IgnoreQueryFilters(), r => r.ActivityId, a => a.Id, (r, a) => new { a.Id, a.Title, a.StartsAt, r.Status })
            .OrderByDescending(x => x.StartsAt).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new MyActivity(x.Id, x.Title, x.StartsAt, x.Status))];
    }

    /// <summary>The caller's live registration for the activity, if any.</summary>
    public Task<ActivityRegistration?> MineAsync(Caller caller, Guid activityId, CancellationToken cancellationToken) => caller.UserId is null
        ? Task.FromResult<ActivityRegistration?>(null)
        : db.Set<ActivityRegistration>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.ActivityId == activityId && r.UserId == caller.UserId && r.Status != RegistrationStatus.Cancelled, cancellationToken);

    public async Task<string> IssueCodeAsync(Caller caller, Guid activityId, AttendanceMode mode, CancellationToken cancellationToken)
    {
        var activity = await FindAsync(caller, activityId, cancellationToken);
        if (!SocialPermissions.Organises(caller, activity.JurisdictionCode))
        {
            throw new ActionForbiddenException();
        }
        return codes.Issue(activity.Id, mode);
    }

    /// <summary>The participant's phone sends the code it scanned: check-in, or check-out with the volunteer's hours credited.</summary>
    public async Task<(Activity Activity, ActivityRegistration Registration, AttendanceMode Mode)> AttendAsync(Caller caller, string? code,
        CancellationToken cancellationToken)
    {
        var (activityId, mode) = codes.Read(code);
        var activity = await FindAsync(caller, activityId, cancellationToken);
        var now = clock.GetUtcNow();
        if (!activity.AttendanceOpen(now, TimeSpan.FromMinutes(options.Value.AttendanceMarginMinutes)))
        {
            throw new RuleViolationException(SocialText.Get("Attendance.Closed"));
        }
        var mine = await MineAsync(caller, activityId, cancellationToken) ?? throw new RuleViolationException(SocialText.Get("Attendance.NotRegistered"));
        var registration = await SerialWrites.RunAsync(db, async () =>
        {
            var tracked = await db.Set<ActivityRegistration>().FirstAsync(r => r.Id == mine.Id, cancellationToken);
            if (mode == AttendanceMode.In)
            {
                tracked.CheckIn(now);
                await db.SaveChangesAsync(cancellationToken);
                return tracked;
            }
            var hours = tracked.CheckOut(activity, now);
            if (hours > 0 && await ledger.OfAsync(caller.UserId, cancellationToken) is { } volunteer)
            {
                tracked.Credit(hours);
                // MoveAsync saves the registration too, in this transaction.
                await ledger.MoveAsync(volunteer.Id, MovementKind.ServiceHours, hours * (long)options.Value.PointsPerHour / 10, hours, tracked.Id,
                    activity.Title, cancellationToken);
                return tracked;
            }
            await db.SaveChangesAsync(cancellationToken);
            return tracked;
        }, cancellationToken);
        return (activity, registration, mode);
    }
}
