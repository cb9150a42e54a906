using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Generation;
using Gongzhi.Modules.Insights;
using Gongzhi.Modules.Insights.Counters;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Insights;

/// <summary>
/// The daily counters against the cases: after generated cases and a random workload of real actions
/// (transfers to other streets, merges, reopenings, rollbacks), the counters kept by delta equal a
/// rebuild from the cases, and the indicators they give equal those of the GROUP BY over the cases.
/// </summary>
public sealed class CounterTests
{
    private static readonly CaseActor Actor = new("counter-test", "u-counter-test", null);

    private static readonly CaseState[] Moving = [CaseState.Submitted, CaseState.Registered, CaseState.Dispatched, CaseState.Accepted,
        CaseState.Resolved, CaseState.Verified, CaseState.Closed, CaseState.Evaluated];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CountersKeptBySaves_EqualARebuild_AndAnswerLikeTheCases()
    {
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        await app.Services.GetRequiredService<Modules.Jurisdictions.BoundaryPreparation>().Ready.WaitAsync(Cancel);
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<CaseGeneration>()
            .GenerateAsync(new GenerationRequest(2_500, 11, JurisdictionCode.City, now.AddDays(-100), now), [], null, Cancel);
        var generated = await ReadCountersAsync(app);
        Assert.NotEmpty(generated.Days);

        // The generated cases depend on today's date (working-time deadlines), so the mix of states does too: play
        // rounds until every action has happened, so that each is checked whatever the day.
        string[] actions = ["register", "dispatch", "accept", "return", "transfer", "merge", "resolve", "rework", "close", "evaluate",
            "reopen", "extension", "overdue", "reject", "rolled back"];
        var done = new Dictionary<string, int>();
        using var resident = await app.ClientForAsync("resident1");
        for (var round = 0; round < 6 && actions.Any(a => !done.ContainsKey(a)); round++)
        {
            // Fresh reports, so that there is always one to register or reject whatever the hour of the generated ones.
            for (var i = 0; i < 3; i++)
            {
                await CaseApiKit.SubmitAsync(app, resident);
            }
            foreach (var (action, count) in await PlayWorkloadAsync(app, seed: 3 + round, steps: 200))
            {
                done[action] = done.GetValueOrDefault(action) + count;
            }
        }
        foreach (var action in actions)
        {
            Assert.True(done.GetValueOrDefault(action) > 0, $"the workload never did '{action}': {string.Join(", ", done)}");
        }

        // Queues read the cases with a deadline apart from the others (CaseQueries.PageByDeadlineAsync): after every
        // action, generated or played, a case has a deadline exactly in the states that run against one.
        var deadlines = await app.WithDbAsync(db => db.Set<Case>().IgnoreQueryFilters()
            .Select(c => new { c.Reference, c.State, HasDeadline = c.Deadline != null }).ToListAsync(Cancel));
        Assert.Empty(deadlines.Where(c => c.HasDeadline != CaseStates.HasDeadline(c.State)).Select(c => $"{c.Reference} {c.State} {c.HasDeadline}"));
        Assert.Contains(deadlines, c => c.HasDeadline);

        var kept = await ReadCountersAsync(app);
        Assert.NotEqual(generated.Days, kept.Days);
        await app.WithDbAsync(db => CounterRebuild.RunAsync(db, Cancel));
        var rebuilt = await ReadCountersAsync(app);
        Assert.Equal(rebuilt.Days, kept.Days);
        Assert.Equal(rebuilt.Waits, kept.Waits);
        Assert.Equal(rebuilt.Months, kept.Months);
        Assert.Equal(rebuilt.MonthWaits, kept.MonthWaits);
        Assert.Equal(rebuilt.DistrictMonthWaits, kept.DistrictMonthWaits);
        Assert.NotEmpty(kept.Months);
        Assert.NotEmpty(kept.MonthWaits);
        // A district's month histogram is its streets' month histograms added up.
        var streetsAddedUp = await app.WithDbAsync(db => db.Set<CaseMonthWaitCounter>().AsNoTracking().ToListAsync(Cancel));
        Assert.Equal(kept.DistrictMonthWaits, streetsAddedUp.GroupBy(w => (w.Month, District: w.AreaCode[..6], w.Bucket))
            .Select(g => (g.Key.Month, g.Key.District, g.Key.Bucket, Count: g.Sum(w => w.Count))).Where(w => w.Count != 0)
            .Select(w => $"{w.Month:yyyy-MM-dd} {w.District} {w.Bucket}: {w.Count}").Order(StringComparer.Ordinal).ToList());

        // The busiest district and street, so that each scope has transfers, merges and waits in it.
        var codes = await app.WithDbAsync(db => db.Set<Case>().Where(c => c.RegisteredAt != null).Select(c => c.JurisdictionCode).ToListAsync(Cancel));
        var district = codes.GroupBy(c => c[..6]).MaxBy(g => g.Count())!.Key;
        var street = codes.Where(c => c.Length >= 9).GroupBy(c => c[..9]).MaxBy(g => g.Count())!.Key;
        var today = IndicatorFilter.Today(TimeProvider.System);
        // Whole months only (the month rows), months with days on either side, and days only.
        var thisMonth = CaseCounterDelta.MonthOf(today);
        foreach (var (from, to) in new[] { (thisMonth.AddMonths(-3), thisMonth), (today.AddDays(-120), today.AddDays(2)), (today.AddDays(-30), today),
                     (today, today.AddDays(1)) })
        {
            foreach (var scope in new[] { JurisdictionCode.City, district, street })
            {
                var filter = new IndicatorFilter(scope, from, to);
                var keyLengths = new List<int> { filter.QueryPrefix.Length };
                if (IndicatorService.ChildLength(scope) is <= 9 and { } child)
                {
                    keyLengths.Add(child);
                }
                foreach (var keyLength in keyLengths)
                {
                    var (fromCounters, fromCases) = await app.WithDbAsync(async db =>
                    {
                        var service = new IndicatorService(db);
                        return (await service.ComputeFromCountersAsync(filter, keyLength, Cancel), await service.ComputeFromCasesAsync(filter, keyLength, Cancel));
                    });
                    Assert.Equal(fromCases.OrderBy(g => g.Key, StringComparer.Ordinal), fromCounters.OrderBy(g => g.Key, StringComparer.Ordinal));
                }
            }
        }

        // The map down to streets adds the month counters' open cases to the reports never yet registered: a new
        // report, and a registered case transferred to the district's busiest street, which waits there again but
        // is counted in its registration month already.
        await CaseApiKit.SubmitAsync(app, resident);
        var moving = await CaseApiKit.SubmitAsync(app, resident);
        await app.WithDbAsync(async db =>
        {
            var c = await db.Set<Case>().SingleAsync(x => x.Id == moving.Id, Cancel);
            c.Register(Actor, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(2));
            await db.SaveChangesAsync(Cancel);
            c.Transfer(Actor, DateTimeOffset.UtcNow, street, "不属本街道", DateTimeOffset.UtcNow.AddHours(4));
            return await db.SaveChangesAsync(Cancel);
        });
        foreach (var scope in new[] { JurisdictionCode.City, district })
        {
            var (fromCounters, fromCases) = await app.WithDbAsync(async db =>
                (await new IndicatorService(db).MapAsync(scope, Cancel), await new IndicatorService(db).MapFromCasesAsync(scope, Cancel)));
            Assert.NotEmpty(fromCases);
            Assert.Equal(fromCases, fromCounters);
        }
        Assert.True(await app.WithDbAsync(db => db.Set<Case>().AnyAsync(c => c.State == CaseState.Submitted, Cancel)), "no report waits to be registered");

        // Over the whole city the waits are many enough to compare the histogram's median with the exact one.
        var all = new IndicatorFilter(JurisdictionCode.City, today.AddDays(-120), today.AddDays(2));
        var (exact, estimated) = await app.WithDbAsync(async db => (
            (await new IndicatorService(db).ComputeFromCountersAsync(all, 4, Cancel)).Single().Value.TimeLostBetweenOrganisations,
            (await new IndicatorService(db) { ExactMedianLimit = 0 }.ComputeFromCountersAsync(all, 4, Cancel)).Single().Value.TimeLostBetweenOrganisations));
        Assert.False(exact.Estimated);
        Assert.True(estimated.Estimated);
        Assert.True(exact.Samples > 20, $"only {exact.Samples} waits");
        Assert.Equal(exact.Samples, estimated.Samples);
        Assert.InRange(estimated.Hours!.Value, exact.Hours!.Value / 1.2, exact.Hours.Value * 1.2);
        // Per district the histogram's months come from the district rows, per street from the street rows: each
        // key's histogram holds exactly its waits.
        foreach (var (filter, keyLength) in new[] { (all, 6), (new IndicatorFilter(district, all.From, all.To), 9) })
        {
            var (exactByKey, estimatedByKey) = await app.WithDbAsync(async db => (
                await new IndicatorService(db).ComputeFromCountersAsync(filter, keyLength, Cancel),
                await new IndicatorService(db) { ExactMedianLimit = 0 }.ComputeFromCountersAsync(filter, keyLength, Cancel)));
            Assert.Contains(estimatedByKey.Values, s => s.TimeLostBetweenOrganisations.Estimated);
            Assert.Equal(exactByKey.ToDictionary(g => g.Key, g => g.Value.TimeLostBetweenOrganisations.Samples),
                estimatedByKey.ToDictionary(g => g.Key, g => g.Value.TimeLostBetweenOrganisations.Samples));
        }
    }

    [Fact]
    public void TheMedianFromTheHistogram_LiesWithinABucketOfTheExactOne()
    {
        var random = new Random(5);
        foreach (var count in new[] { 1, 2, 3, 10, 1_000, 50_000 })
        {
            // Waits from minutes to weeks, heavy-tailed like real hand-overs.
            var hours = Enumerable.Range(0, count).Select(_ => Math.Exp(random.NextDouble() * 9 - 3)).ToList();
            var histogram = hours.GroupBy(WaitBuckets.Of).ToDictionary(g => g.Key, g => (long)g.Count());
            var estimate = WaitBuckets.EstimateMedian(histogram);
            Assert.Equal(count, estimate.Samples);
            Assert.True(estimate.Estimated);
            // Between the buckets of the two middle waits (one and the same when the count is odd).
            hours.Sort();
            Assert.InRange(estimate.Hours!.Value, WaitBuckets.LowerBound(WaitBuckets.Of(hours[(count - 1) / 2])) - 0.005,
                WaitBuckets.UpperBound(WaitBuckets.Of(hours[count / 2])) + 0.005);
            if (count >= 1_000)
            {
                var exact = Median.Of(hours).Hours!.Value;
                Assert.InRange(estimate.Hours.Value, exact / 1.19, exact * 1.19);
            }
        }
        Assert.Equal(0, WaitBuckets.Of(0.01));
        Assert.Equal(WaitBuckets.Last, WaitBuckets.Of(1e9));
        foreach (var h in new[] { 0.0625, 0.5, 1, 3.7, 100, 9_999 })
        {
            var bucket = WaitBuckets.Of(h);
            Assert.InRange(h, WaitBuckets.LowerBound(bucket), WaitBuckets.UpperBound(bucket) - 1e-9);
        }
    }

    [Theory]
    [InlineData("2026-03-01", "2026-04-01", "2026-03-01", "2026-04-01")]
    [InlineData("2026-01-01", "2027-01-01", "2026-01-01", "2027-01-01")]
    [InlineData("2026-03-02", "2026-05-17", "2026-04-01", "2026-05-01")]
    [InlineData("2025-12-31", "2026-02-01", "2026-01-01", "2026-02-01")]
    public void WholeMonths_AreThoseInsideThePeriod(string from, string to, string first, string end) =>
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(end)), CounterReader.WholeMonths(DateOnly.Parse(from), DateOnly.Parse(to)));

    [Theory]
    [InlineData("2026-03-02", "2026-03-31")]
    [InlineData("2026-03-02", "2026-04-30")]
    [InlineData("2026-03-31", "2026-04-01")]
    public void WholeMonths_AreNoneWhenThePeriodHoldsNoWholeMonth(string from, string to)
    {
        var (first, end) = CounterReader.WholeMonths(DateOnly.Parse(from), DateOnly.Parse(to));
        Assert.True(first >= end);
    }

    private sealed record Counters(List<string> Days, List<string> Waits, List<string> Months, List<string> MonthWaits, List<string> DistrictMonthWaits);

    /// <summary>Every counter row that is not all zeros, as text: a row whose cases all moved away is no row.</summary>
    private static Task<Counters> ReadCountersAsync(GongzhiApp app) => app.WithDbAsync(async db =>
    {
        var properties = CaseContribution.Columns.Select(c => typeof(CaseCounterRow).GetProperty(c)!).ToList();
        List<string> Text(IEnumerable<(DateOnly Period, CaseCounterRow Row)> rows) => rows
            .Select(r => (r.Period, r.Row.StreetCode, Values: properties.Select(p => (int)p.GetValue(r.Row)!).ToList()))
            .Where(r => r.Values.Any(v => v != 0))
            .Select(r => $"{r.Period:yyyy-MM-dd} {r.StreetCode}: {string.Join(" ", r.Values)}")
            .Order(StringComparer.Ordinal).ToList();
        List<string> WaitText(IEnumerable<(DateOnly Period, WaitCounterRow Row)> rows) => rows
            .Select(w => $"{w.Period:yyyy-MM-dd} {w.Row.AreaCode} {w.Row.Bucket}: {w.Row.Count}")
            .Order(StringComparer.Ordinal).ToList();
        var days = Text((await db.Set<CaseDayCounter>().AsNoTracking().ToListAsync(Cancel)).Select(r => (r.Day, (CaseCounterRow)r)));
        var waits = WaitText((await db.Set<CaseWaitCounter>().AsNoTracking().Where(w => w.Count != 0).ToListAsync(Cancel))
            .Select(w => (w.Day, (WaitCounterRow)w)));
        var months = Text((await db.Set<CaseMonthCounter>().AsNoTracking().ToListAsync(Cancel)).Select(r => (r.Month, (CaseCounterRow)r)));
        var monthWaits = WaitText((await db.Set<CaseMonthWaitCounter>().AsNoTracking().Where(w => w.Count != 0).ToListAsync(Cancel))
            .Select(w => (w.Month, (WaitCounterRow)w)));
        var districtMonthWaits = WaitText((await db.Set<CaseDistrictMonthWaitCounter>().AsNoTracking().Where(w => w.Count != 0).ToListAsync(Cancel))
            .Select(w => (w.Month, (WaitCounterRow)w)));
        return new Counters(days, waits, months, monthWaits, districtMonthWaits);
    });

    /// <summary>
    /// Random steps of one to three cases each, through the case's own methods and EF saves as the API
    /// does them; some steps run in an explicit transaction, some of which roll back.
    /// </summary>
    private static async Task<Dictionary<string, int>> PlayWorkloadAsync(GongzhiApp app, int seed, int steps)
    {
        var random = new Random(seed);
        var (grids, organisations) = await app.WithDbAsync(async db => (
            await db.Set<Case>().Select(c => c.JurisdictionCode).Distinct().OrderBy(c => c).ToListAsync(Cancel),
            await db.Set<Organisation>().OrderBy(o => o.Code).Select(o => o.Id).Take(20).ToListAsync(Cancel)));
        var done = new Dictionary<string, int>();
        var time = DateTimeOffset.UtcNow;
        for (var step = 0; step < steps; step++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Caller.System;
            var transactional = random.Next(4) == 0;
            var rollBack = transactional && random.Next(3) == 0;
            await using var transaction = transactional ? await db.Database.BeginTransactionAsync(Cancel) : null;
            var acted = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                time = time.AddMinutes(random.Next(1, 90));
                // A state first, then a case in it: the generated cases are mostly finished, the workload wants every step.
                var state = Moving[random.Next(Moving.Length)];
                var inState = await db.Set<Case>().Where(x => x.State == state).CountAsync(Cancel);
                if (inState == 0)
                {
                    continue;
                }
                var c = await db.Set<Case>().Where(x => x.State == state).OrderBy(x => x.Id).Skip(random.Next(inState)).FirstAsync(Cancel);
                try
                {
                    if (await ActAsync(db, c, random, time, grids, organisations) is { } action)
                    {
                        acted.Add(action);
                    }
                }
                catch (RuleViolationException)
                {
                    // Not allowed in this state (an extension pending, a second reopening): the next step tries another.
                }
                if (transactional)
                {
                    // Several saves in one transaction, as the API does for an action with side effects.
                    await db.SaveChangesAsync(Cancel);
                }
            }
            await db.SaveChangesAsync(Cancel);
            if (rollBack)
            {
                await transaction!.RollbackAsync(Cancel);
                done["rolled back"] = done.GetValueOrDefault("rolled back") + acted.Count;
                continue;
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(Cancel);
            }
            foreach (var action in acted)
            {
                done[action] = done.GetValueOrDefault(action) + 1;
            }
        }
        return done;
    }

    private static async Task<string?> ActAsync(GongzhiDbContext db, Case c, Random random, DateTimeOffset now, List<string> grids,
        List<Guid> organisations)
    {
        var roll = random.Next(100);
        DateTimeOffset Deadline() => now.AddHours(random.Next(-3, 24));
        switch (c.State)
        {
            case CaseState.Submitted or CaseState.Registered or CaseState.Dispatched when roll < 12:
                var elsewhere = grids.Where(g => g.Length < 9 || g[..9] != CaseContribution.StreetOf(c.JurisdictionCode)).ToList();
                c.Transfer(Actor, now, elsewhere[random.Next(elsewhere.Count)], "不属本街道", Deadline());
                return "transfer";
            case CaseState.Submitted or CaseState.Registered or CaseState.Dispatched when roll < 25:
                var master = await db.Set<Case>().Where(x => x.Id != c.Id && x.State == CaseState.Accepted)
                    .OrderBy(x => x.Reference).Skip(random.Next(20)).FirstOrDefaultAsync(Cancel);
                if (master is null)
                {
                    return null;
                }
                c.MergeInto(master, Actor, now);
                return "merge";
            case CaseState.Submitted when roll < 40:
                c.Reject(Actor, now, RejectionKind.Invalid, "无效");
                return "reject";
            case CaseState.Submitted:
                c.Register(Actor, now, Deadline());
                return "register";
            case CaseState.Registered or CaseState.Dispatched or CaseState.Accepted when roll < 32:
                return c.MarkOverdue(now.AddDays(2)) ? "overdue" : null;
            case CaseState.Registered:
                var lead = organisations[random.Next(organisations.Count)];
                var assisting = random.Next(3) == 0 ? new[] { organisations[random.Next(organisations.Count)] }.Where(o => o != lead).ToList() : [];
                c.Dispatch(Actor, now, lead, assisting, Deadline(), now.AddHours(random.Next(-2, 72)));
                return "dispatch";
            case CaseState.Dispatched when roll < 50:
                c.Return(Actor, now, "不属本单位", Deadline());
                return "return";
            case CaseState.Dispatched:
                c.Accept(Actor, now);
                return "accept";
            case CaseState.Accepted when roll < 55:
                c.RequestExtension(Actor, now, 8, "材料未到");
                c.ApproveExtension(Actor, now, now.AddHours(random.Next(1, 100)));
                return "extension";
            case CaseState.Accepted:
                c.Resolve(Actor, now, "已处置", null, Deadline());
                return "resolve";
            case CaseState.Resolved when roll < 35:
                c.Rework(Actor, now, "未处置到位", Deadline());
                return "rework";
            case CaseState.Resolved:
                c.Verify(Actor, now);
                return "verify";
            case CaseState.Verified:
                c.Close(Actor, now);
                return "close";
            case CaseState.Closed:
                c.Evaluate(Actor, now, (Satisfaction)random.Next(3));
                return "evaluate";
            case CaseState.Evaluated when c.Satisfaction == Satisfaction.Dissatisfied:
                c.Reopen(Actor, now, "问题仍在", Deadline());
                return "reopen";
            default:
                return null;
        }
    }
}
