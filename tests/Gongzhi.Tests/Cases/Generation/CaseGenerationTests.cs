using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Generation;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Cases.Generation;

/// <summary>The case generator: deterministic, lawful timelines, references shared with intake, demo cases once.</summary>
public sealed class CaseGenerationTests
{
    private static readonly DateTimeOffset From = new(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameSeed_MakesTheSameCases_AndAnotherSeedOthers()
    {
        var world = await WorldAsync();
        var first = Make(world, seed: 5, 400);
        var again = Make(world, seed: 5, 400);
        var other = Make(world, seed: 6, 400);

        Assert.Equal(first.Select(Fingerprint), again.Select(Fingerprint));
        Assert.NotEqual(first.Select(Fingerprint), other.Select(Fingerprint));
    }

    [Fact]
    public async Task GeneratedCases_ReachEveryStage_AndTheirFactsAgreeWithTheirTimelines()
    {
        var cases = Make(await WorldAsync(), seed: 9, 6_000);

        // Recent cases are still being handled, older ones finished: the queues and the dashboard have both.
        foreach (var state in new[] { CaseState.Submitted, CaseState.Registered, CaseState.Rejected, CaseState.Dispatched, CaseState.Accepted,
                     CaseState.Resolved, CaseState.Closed, CaseState.Evaluated })
        {
            Assert.Contains(cases, c => c.State == state);
        }
        Assert.Contains(cases, c => c.ReturnCount > 0);
        Assert.Contains(cases, c => c.ReworkCount > 0);
        Assert.Contains(cases, c => c.ExtensionCount > 0);
        Assert.Contains(cases, c => c.ReopenCount > 0);
        var overdueShare = cases.Count(c => c.EverOverdue) / (double)cases.Count;
        Assert.InRange(overdueShare, 0.02, 0.3);
        foreach (var c in cases)
        {
            Assert.Equal(c.State, c.Events[^1].ToState);
            Assert.True(c.Events.Zip(c.Events.Skip(1)).All(p => p.First.At <= p.Second.At), $"{c.Reference}: timeline out of order: {string.Join(" ", c.Events.Select(e => $"{e.Action}@{e.At:MM-dd HH:mm:ss}"))}");
            Assert.True(c.Events.All(e => e.At <= Now), $"{c.Reference}: a step after now");
            AssertFactsMatchTimeline(c, c.Events);
        }
    }

    [Fact]
    public async Task DemoCases_FillAnEmptyDemo_Once_WithReferencesIntakeContinues()
    {
        await using var app = new GongzhiApp { Settings = { ["Cases:DemoCount"] = "600" } };
        await app.InitializeAsync();
        var count = 0;
        for (var i = 0; i < 600 && count < 600; i++)
        {
            await Task.Delay(250, Cancel);
            count = await app.WithDbAsync(db => db.Set<Case>().CountAsync(Cancel));
        }
        Assert.Equal(600, count);

        var cases = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().Include(c => c.Events).ToListAsync(Cancel));
        Assert.All(cases, c => Assert.True(CaseReference.IsWellFormed(c.Reference)));
        Assert.Equal(cases.Count, cases.Select(c => c.Reference).Distinct().Count());
        foreach (var c in cases)
        {
            AssertFactsMatchTimeline(c, c.Events.OrderBy(e => e.Id).ToList());
        }

        // The counters moved past every generated number, so a report filed now continues the day's sequence.
        var newest = cases.MaxBy(c => c.CreatedAt)!;
        var key = CaseReference.CounterKey(newest.JurisdictionCode, newest.CreatedAt);
        var highest = cases.Where(c => CaseReference.CounterKey(c.JurisdictionCode, c.CreatedAt) == key).Max(c => c.Reference)!;
        var next = await app.WithDbAsync(db => db.Set<CaseReferenceCounter>().Where(k => k.CounterKey == key).Select(k => k.Next).SingleAsync(Cancel));
        Assert.Equal(int.Parse(highest[16..], System.Globalization.CultureInfo.InvariantCulture) + 1, next);

        // A second start on the same data adds nothing.
        await using (var second = new GongzhiApp { SharedDatabase = app.Database, Settings = { ["Cases:DemoCount"] = "600" } })
        {
            await second.InitializeAsync();
            await Task.Delay(2_000, Cancel);
            Assert.Equal(600, await second.WithDbAsync(db => db.Set<Case>().CountAsync(Cancel)));
        }

        // The indicators over the generated cases add up: every registered case is counted once.
        using var admin = await app.ClientForAsync("admin");
        var today = CaseReference.Day(DateTimeOffset.UtcNow);
        var set = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?scope=420100&from={today.AddDays(-130):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}", Cancel);
        Assert.Equal(cases.Count(c => c.RegisteredAt is not null && c.State != CaseState.Merged),
            set.GetProperty("indicators").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task DemoCases_TwoNodesStartingTogetherOnOneDatabase_FillItOnce()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, "Several nodes share one PostgreSQL database; a SQLite file is one node's.");
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        // Two nodes' demo fillers, as two hosts would run them, started at the same moment on the empty case table.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cases:DemoCount"] = "300" }).Build();
        var nodes = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<DemoCases>(app.Services, (IConfiguration)settings)).ToList();
        await Task.WhenAll(nodes.Select(n => n.StartAsync(Cancel)));
        await Task.WhenAll(nodes.Select(n => n.ExecuteTask!));
        Assert.Equal(300, await app.WithDbAsync(db => db.Set<Case>().CountAsync(Cancel)));
    }

    [Fact]
    public async Task APastPeriodsCases_LiveUpToNow_AndNoCaseIsFiledInTheFuture()
    {
        await using var app = new GongzhiApp();
        await app.InitializeAsync();
        await app.Services.GetRequiredService<Modules.Jurisdictions.BoundaryPreparation>().Ready.WaitAsync(Cancel);
        var generation = app.Services.GetRequiredService<CaseGeneration>();
        var now = DateTimeOffset.UtcNow;
        // Half a year ago, for two weeks: by now they have had all the time they need, as the months of a year's history have.
        var (pastFrom, pastTo) = (now.AddDays(-200), now.AddDays(-186));
        await generation.GenerateAsync(new GenerationRequest(400, 21, JurisdictionCode.City, pastFrom, pastTo), [], null, Cancel);
        // A period that ends tomorrow: its cases are filed up to now, not later.
        await generation.GenerateAsync(new GenerationRequest(200, 22, JurisdictionCode.City, now.AddDays(-1), now.AddDays(1)), [], null, Cancel);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            generation.GenerateAsync(new GenerationRequest(10, 23, JurisdictionCode.City, now.AddDays(1), now.AddDays(2)), [], null, Cancel));

        var cases = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().Include(c => c.Events).ToListAsync(Cancel));
        var past = cases.Where(c => c.CreatedAt < pastTo).ToList();
        Assert.Equal(400, past.Count);
        Assert.All(past, c => Assert.InRange(c.CreatedAt, pastFrom, pastTo));
        // Cut off at the end of their period they would be about a tenth still open; living up to now, nearly none is.
        Assert.True(past.Count(c => c.IsOpen) <= 4, $"{past.Count(c => c.IsOpen)} of 400 half-year-old cases still open");
        Assert.Contains(past, c => c.Events[^1].At > pastTo);
        var recent = cases.Except(past).ToList();
        Assert.Equal(200, recent.Count);
        var end = DateTimeOffset.UtcNow;
        Assert.All(recent, c => Assert.True(c.CreatedAt <= end && c.Events.All(e => e.At <= end), $"{c.Reference} filed or handled in the future"));
        Assert.Contains(recent, c => c.IsOpen);
    }

    /// <summary>The facts the indicators read from the case must be what its timeline says happened.</summary>
    internal static void AssertFactsMatchTimeline(Case c, IReadOnlyList<CaseEvent> timeline)
    {
        var dispatches = 0;
        bool? acceptedOnTime = null;
        DateTimeOffset? acceptDeadline = null;
        DateTimeOffset? letGoAt = null;
        var waits = new List<double>();
        var organisations = new HashSet<Guid>();
        foreach (var line in timeline)
        {
            switch (line.Action)
            {
                case CaseActions.Dispatch:
                    dispatches++;
                    using (var data = JsonDocument.Parse(line.Data!))
                    {
                        acceptDeadline = data.RootElement.GetProperty("acceptDeadline").GetDateTimeOffset();
                        organisations.Add(data.RootElement.GetProperty("lead").GetGuid());
                        organisations.UnionWith(data.RootElement.GetProperty("assisting").EnumerateArray().Select(a => a.GetGuid()));
                    }
                    break;
                case CaseActions.Accept:
                    acceptedOnTime = line.At <= acceptDeadline;
                    if (letGoAt is { } since)
                    {
                        waits.Add((line.At - since).TotalHours);
                        letGoAt = null;
                    }
                    break;
                case CaseActions.Return or CaseActions.Transfer:
                    letGoAt ??= line.At;
                    break;
            }
        }
        Assert.Equal(dispatches, c.DispatchCount);
        Assert.Equal(acceptedOnTime, c.AcceptedOnTime);
        Assert.Equal(organisations.Count, c.InvolvedOrganisationCount);
        Assert.Equal(timeline.Any(e => e.Action == CaseActions.Overdue), c.EverOverdue);
        Assert.Equal(waits.Select(w => Math.Round(w, 6)), c.HandOverWaitHours.Select(w => Math.Round(w, 6)));
    }

    private static List<Case> Make(GenerationWorld world, int seed, int count)
    {
        var generator = new CaseGenerator(world, seed, From, Now, Now);
        var sequences = new Dictionary<string, int>();
        return Enumerable.Range(0, count).Select(i =>
        {
            var plan = generator.Plan(i, count);
            var key = CaseReference.CounterKey(plan.Grid.Code, plan.SubmittedAt);
            sequences[key] = sequences.GetValueOrDefault(key) + 1;
            return generator.Make(plan, CaseReference.Format(plan.Grid.Code, plan.SubmittedAt, sequences[key]));
        }).ToList();
    }

    private static string Fingerprint(Case c) =>
        $"{c.Reference}|{c.State}|{c.CategoryCode}|{c.Title}|{c.Latitude}|{c.ReporterPhoneProtected}|{string.Join(",", c.Events.Select(e => $"{e.Action}@{e.At:O}"))}";

    /// <summary>The real catalogue, three grids in two streets, no routing rules (the street office leads), and a calendar of plain hours.</summary>
    private static async Task<GenerationWorld> WorldAsync()
    {
        var categories = await CategoryCatalogueFile.LoadAsync(CategoryCatalogueFile.DefaultPath, TestContext.Current.CancellationToken);
        var office1 = Guid.NewGuid();
        var office2 = Guid.NewGuid();
        GenerationGrid[] grids =
        [
            new("420103001002001", 30.58, 114.28, office1),
            new("420103001002002", 30.581, 114.281, office1),
            new("420103002001001", 30.585, 114.285, office2),
        ];
        return new GenerationWorld(categories, grids, [], new Dictionary<Guid, string> { [office1] = "一", [office2] = "二" }, ["resident-id"],
            (at, hours) => at.AddHours(hours * 3), FakeProtection, FakeProtection);
    }

    // A stand-in for the protector: deterministic, so equal draws give equal fingerprints.
    private static ProtectedValue? FakeProtection(string? value) => value is null ? null : new ProtectedValue("protected:" + value, "hash:" + value, "masked");
}
