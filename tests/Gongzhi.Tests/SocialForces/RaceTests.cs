using System.Collections.Concurrent;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.SocialForces;
using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Modules.SocialForces.Volunteers;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

/// <summary>The totals the database holds under concurrent writers, on whichever engine the suite runs.</summary>
public sealed class RaceTests(GongzhiApp app)
{
    private const string Community = "420103001002";

    private static readonly Caller Organiser = new("organiser", "万年社区工作者", Community, new HashSet<string> { Roles.CommunityStaff }, null, null, false);

    private Task<Activity> NewActivityAsync(int capacity) => app.WithAsync<ActivityService, Activity>(s => s.CreateAsync(Organiser,
        $"千人报名-{Guid.NewGuid().ToString("N")[..6]}", Community, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(1).AddHours(2),
        capacity, null, Cancel));

    [Fact]
    public async Task Registrations_2000RacingFor300Places_ConfirmExactly300_AndTheRestWaitInArrivalOrder()
    {
        var activity = await NewActivityAsync(300);
        var people = Enumerable.Range(0, 2000).Select(_ => Person(Roles.Resident, Community)).ToList();
        var results = new ConcurrentBag<ActivityRegistration>();

        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = Cancel }, async (person, ct) =>
            results.Add(await app.WithAsync<ActivityService, ActivityRegistration>(s => s.RegisterAsync(person, activity.Id, ct))));

        Assert.Equal(2000, results.Count);
        var confirmed = results.Where(r => r.Status == RegistrationStatus.Confirmed).ToList();
        Assert.Equal(300, confirmed.Count);
        // Arrival numbers are 1..2000 without a gap; the first 300 arrivals hold the places, the rest wait behind them.
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), results.Select(r => r.Arrival).Order());
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), confirmed.Select(r => r.Arrival).Order());
        var stored = await app.WithDbAsync(db => db.Set<Activity>().AsNoTracking().FirstAsync(a => a.Id == activity.Id, Cancel));
        Assert.Equal((300, 1700, 2000L), (stored.Confirmed, stored.Waitlisted, stored.Arrivals));
        var rows = await app.WithDbAsync(db => db.Set<ActivityRegistration>().CountAsync(
            r => r.ActivityId == activity.Id && r.Status == RegistrationStatus.Confirmed, Cancel));
        Assert.Equal(300, rows);
    }

    [Fact]
    public async Task CancelsAndRegistrationsRacing_KeepTheCountsEqualToTheRows_AndPromoteInArrivalOrder()
    {
        var activity = await NewActivityAsync(10);
        var first = new List<(Caller Person, ActivityRegistration Registration)>();
        foreach (var person in Enumerable.Range(0, 20).Select(_ => Person(Roles.Volunteer, Community)))
        {
            first.Add((person, await app.WithAsync<ActivityService, ActivityRegistration>(s => s.RegisterAsync(person, activity.Id, Cancel))));
        }
        var cancelling = first.Where(f => f.Registration.Status == RegistrationStatus.Confirmed).Take(5).ToList();
        var newcomers = Enumerable.Range(0, 10).Select(_ => Person(Roles.Resident, Community)).ToList();

        var work = cancelling.Select(c => (Func<Task>)(() => app.WithAsync<ActivityService, ActivityRegistration>(s =>
                s.CancelAsync(c.Person, c.Registration.Id, Cancel))))
            .Concat(newcomers.Select(p => (Func<Task>)(() => app.WithAsync<ActivityService, ActivityRegistration>(s =>
                s.RegisterAsync(p, activity.Id, Cancel)))));
        await Task.WhenAll(work.Select(w => Task.Run(w, Cancel)));

        var rows = await app.WithDbAsync(db => db.Set<ActivityRegistration>().AsNoTracking().Where(r => r.ActivityId == activity.Id).ToListAsync(Cancel));
        var stored = await app.WithDbAsync(db => db.Set<Activity>().AsNoTracking().FirstAsync(a => a.Id == activity.Id, Cancel));
        var confirmed = rows.Where(r => r.Status == RegistrationStatus.Confirmed).ToList();
        var waiting = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).ToList();
        Assert.Equal(10, confirmed.Count);
        Assert.Equal((confirmed.Count, waiting.Count), (stored.Confirmed, stored.Waitlisted));
        // Whoever was promoted arrived before everyone still waiting.
        Assert.True(confirmed.Max(r => r.Arrival) < waiting.Min(r => r.Arrival));
    }

    [Fact]
    public async Task PointsLedger_AfterARandomConcurrentWorkload_BalanceEqualsTheSumOfMovements_AndNeverWentBelowZero()
    {
        var person = Person(Roles.Volunteer, Community);
        var volunteer = await app.WithAsync<PointsLedger, Volunteer>(l => l.RegisterAsync(person, Community, ["理发"], "周末", Cancel));
        var random = new Random(17);
        var moves = Enumerable.Range(0, 300).Select(_ => random.Next(2) == 0 ? random.Next(1, 30) : -random.Next(1, 40)).ToList();
        var refused = 0;

        await Parallel.ForEachAsync(moves, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancel }, async (points, ct) =>
        {
            try
            {
                await app.WithAsync<PointsLedger, PointMovement>(l => l.MoveAsync(volunteer.Id,
                    points > 0 ? MovementKind.ServiceHours : MovementKind.Redemption, points, 0, null, "测试", ct));
            }
            catch (RuleViolationException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        var (balance, movements) = await app.WithDbAsync(async db => (
            (await db.Set<Volunteer>().AsNoTracking().FirstAsync(v => v.Id == volunteer.Id, Cancel)).PointBalance,
            await db.Set<PointMovement>().AsNoTracking().Where(m => m.VolunteerId == volunteer.Id).Select(m => m.Points).ToListAsync(Cancel)));
        Assert.Equal(movements.Sum(), balance);
        Assert.Equal(300 - refused, movements.Count);
        Assert.True(balance >= 0);
        Assert.True(refused > 0, "the workload is meant to try to overdraw");
    }

    [Fact]
    public async Task Redemptions_RacingForTheLastRewards_TakeExactlyTheStock_AndThePoints()
    {
        var person = Person(Roles.Volunteer, Community);
        var volunteer = await app.WithAsync<PointsLedger, Volunteer>(l => l.RegisterAsync(person, Community, null, null, Cancel));
        await app.WithAsync<PointsLedger, PointMovement>(l => l.MoveAsync(volunteer.Id, MovementKind.Adjustment, 1000, 0, null, "测试发放", Cancel));
        var reward = await app.WithAsync<PointsLedger, Reward>(l => l.ListRewardAsync(Organiser, "测试奖励", Community, 30, 5, Cancel));
        var won = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            try
            {
                await app.WithAsync<PointsLedger, PointMovement>(l => l.RedeemAsync(person, reward.Id, Cancel));
                Interlocked.Increment(ref won);
            }
            catch (RuleViolationException)
            {
            }
        }, Cancel)));

        Assert.Equal(5, won);
        var (stock, balance) = await app.WithDbAsync(async db => (
            (await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == reward.Id, Cancel)).Stock,
            (await db.Set<Volunteer>().AsNoTracking().FirstAsync(v => v.Id == volunteer.Id, Cancel)).PointBalance));
        Assert.Equal((0, 1000L - 5 * 30), (stock, balance));
    }
}
