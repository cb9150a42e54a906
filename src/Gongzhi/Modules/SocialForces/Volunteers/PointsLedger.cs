using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces.Volunteers;

/// <summary>
/// Volunteers and their points: registration, hours credited, rewards redeemed. Every change of a balance is a
/// conditional UPDATE of the volunteer's row (it may not go below zero) and a movement row, in one transaction.
/// </summary>
public sealed class PointsLedger(GongzhiDbContext db, TimeProvider clock)
{
    public Task<Volunteer?> OfAsync(string? userId, CancellationToken cancellationToken) => userId is null
        ? Task.FromResult<Volunteer?>(null)
        // A volunteer's own profile: their own row whatever area they serve in.
        : db.Set<Volunteer>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(v => v.UserId == userId, cancellationToken);

    public async Task<Volunteer> RegisterAsync(Caller caller, string? jurisdictionCode, IReadOnlyList<string>? skills, string? availability,
        CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Participates(caller))
        {
            throw new ActionForbiddenException();
        }
        if (await OfAsync(caller.UserId, cancellationToken) is not null)
        {
            throw new RuleViolationException(SocialText.Get("Volunteer.AlreadyRegistered"));
        }
        var code = string.IsNullOrWhiteSpace(jurisdictionCode) ? caller.ScopeCode : jurisdictionCode.Trim();
        var volunteer = Volunteer.Register(caller.UserId!, caller.UserName ?? caller.UserId!, code, skills, availability, clock.GetUtcNow());
        db.Add(volunteer);
        var previous = db.Caller;
        // A volunteer may serve anywhere in the city; the area is where they offer to serve, not a scope they act in.
        db.Caller = Caller.System;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new RuleViolationException(SocialText.Get("Volunteer.AlreadyRegistered"));
        }
        finally
        {
            db.Caller = previous;
        }
        return volunteer;
    }

    /// <summary>
    /// Moves points (and hours) on the volunteer's balance and writes the movement; a balance that would go
    /// below zero is a 409. Runs in the caller's transaction, or in one of its own.
    /// </summary>
    public Task<PointMovement> MoveAsync(Guid volunteerId, MovementKind kind, long points, int hoursTenths, Guid? referenceId, string note,
        CancellationToken cancellationToken) => SerialWrites.RunAsync(db, async () =>
    {
        // Who may move points was decided by the calling service; the row is found by its key alone.
        var changed = await db.Set<Volunteer>().IgnoreQueryFilters()
            .Where(v => v.Id == volunteerId && v.PointBalance + points >= 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.PointBalance, v => v.PointBalance + points)
                .SetProperty(v => v.HoursTenths, v => v.HoursTenths + hoursTenths), cancellationToken);
        if (changed == 0)
        {
            throw new RuleViolationException(SocialText.Get("Points.NotEnough"));
        }
        var movement = PointMovement.Create(volunteerId, kind, points, hoursTenths, referenceId, note, clock.GetUtcNow());
        db.Add(movement);
        await db.SaveChangesAsync(cancellationToken);
        return movement;
    }, cancellationToken);

    /// <summary>Spends points on a listed reward; the stock and the balance are both held by the database.</summary>
    public async Task<PointMovement> RedeemAsync(Caller caller, Guid rewardId, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Participates(caller))
        {
            throw new ActionForbiddenException();
        }
        db.Caller = caller;
        var reward = await db.Set<Reward>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rewardId, cancellationToken)
            ?? throw new RecordNotFoundException();
        reward.EnsureRedeemable();
        var volunteer = await OfAsync(caller.UserId, cancellationToken) ?? throw new RuleViolationException(SocialText.Get("Volunteer.NotRegistered"));
        return await SerialWrites.RunAsync(db, async () =>
        {
            // The reward was found in the caller's view above; the stock is taken whatever area listed it.
            var taken = await db.Set<Reward>().IgnoreQueryFilters()
                .Where(r => r.Id == rewardId && r.Stock > 0 && !r.Withdrawn)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock - 1), cancellationToken);
            if (taken == 0)
            {
                throw new RuleViolationException(SocialText.Get("Reward.OutOfStock"));
            }
            return await MoveAsync(volunteer.Id, MovementKind.Redemption, -reward.Cost, 0, reward.Id, reward.Title, cancellationToken);
        }, cancellationToken);
    }

    public async Task<Reward> ListRewardAsync(Caller caller, string? title, string? jurisdictionCode, long? cost, int? stock,
        CancellationToken cancellationToken)
    {
        var reward = Reward.List(title, jurisdictionCode, cost, stock);
        if (!SocialPermissions.Organises(caller, reward.JurisdictionCode))
        {
            throw new ActionForbiddenException();
        }
        db.Add(reward);
        await db.SaveChangesAsync(cancellationToken);
        return reward;
    }

    public Task<List<PointMovement>> MovementsAsync(Guid volunteerId, int take, CancellationToken cancellationToken) =>
        db.Set<PointMovement>().AsNoTracking().Where(m => m.VolunteerId == volunteerId).OrderByDescending(m => m.At).Take(take)
            .ToListAsync(cancellationToken);
}
