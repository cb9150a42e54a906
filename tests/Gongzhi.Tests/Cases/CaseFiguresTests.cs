using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;
using Gongzhi.Tests.Infrastructure;
using Gongzhi.Tests.Insights;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Cases;

/// <summary>What a save hands to the modules that follow the figures of cases (the indicators' counters).</summary>
public sealed class CaseFiguresTests(GongzhiApp app)
{
    private static readonly CaseActor Actor = new("figures-test", "u-figures-test", null);

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed class Listener : ICaseFiguresListener
    {
        public List<IReadOnlyList<CaseFiguresChange>> Heard { get; } = [];

        public SaveHookWork? Prepare(IReadOnlyList<CaseFiguresChange> changes)
        {
            Heard.Add(changes);
            return null;
        }
    }

    [Fact]
    public async Task ATransfer_HandsTheCaseFiguresAsLoadedAndAsSaved()
    {
        await InsightsScenario.EnsureAsync(app);
        var listener = new Listener();
        await app.WithDbAsync(async db =>
        {
            var c = await db.Set<Case>().Where(x => x.JurisdictionCode.StartsWith(InsightsScenario.Community) && x.State == CaseState.Registered)
                .FirstAsync(Cancel);
            var (from, to) = (c.JurisdictionCode, c.JurisdictionCode == InsightsScenario.Grid1 ? InsightsScenario.Grid2 : InsightsScenario.Grid1);
            c.Transfer(Actor, DateTimeOffset.UtcNow, to, "不属本网格", DateTimeOffset.UtcNow.AddHours(4));
            db.ChangeTracker.DetectChanges();

            // Prepared only, never saved: the shared scenario stays as it is.
            Assert.Null(new CaseFiguresSaveHook([listener]).Prepare(db.ChangeTracker));
            var change = Assert.Single(Assert.Single(listener.Heard));
            Assert.Equal(from, change.Before?.JurisdictionCode);
            Assert.Equal(to, change.After?.JurisdictionCode);
            Assert.Equal(c.HandOffCount, change.After?.HandOffCount);
            return 0;
        });
    }

    [Fact]
    public async Task ASaveThatWritesNoCase_AsksNoListener()
    {
        await InsightsScenario.EnsureAsync(app);
        var listener = new Listener();
        await app.WithDbAsync(async db =>
        {
            // Loaded, not changed: nothing of it is written.
            await db.Set<Case>().Where(x => x.JurisdictionCode.StartsWith(InsightsScenario.Community)).FirstAsync(Cancel);
            db.ChangeTracker.DetectChanges();
            Assert.Null(new CaseFiguresSaveHook([listener]).Prepare(db.ChangeTracker));
            Assert.Empty(listener.Heard);
            return 0;
        });
    }
}
