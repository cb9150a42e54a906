using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Catalogue;
using Microsoft.Extensions.Time.Testing;

namespace Gongzhi.Tests.Cases.Catalogue;

/// <summary>The in-memory catalogue over a counting loader and a fake clock: when it reads the database again, and when not.</summary>
public sealed class CategoryCatalogueTests
{
    private static readonly TimeLimits Limits = new(new(4, 2, 1), new(2, 1, 0.5), new(2, 1, 0.5), new(24, 8, 4), new(8, 4, 2));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshot_IsKeptForItsTimeToLive_ThenReloaded()
    {
        var clock = new FakeTimeProvider();
        var loads = 0;
        using var catalogue = new CategoryCatalogue(_ => Task.FromResult(Categories($"name{++loads}")), clock);

        var first = await catalogue.CurrentAsync(Cancel);
        clock.Advance(CategoryCatalogue.TimeToLive - TimeSpan.FromSeconds(1));
        Assert.Same(first, await catalogue.CurrentAsync(Cancel));
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await catalogue.CurrentAsync(Cancel);

        Assert.Equal(2, loads);
        Assert.Equal("name2", second.Find("0101")!.NameZh);
        Assert.Equal(["01", "0101"], second.Active.Select(c => c.Code));
        Assert.Null(second.ActiveMinor("01"));
        Assert.Null(second.ActiveMinor("0102"));
        Assert.NotNull(second.Find("0102"));
    }

    [Fact]
    public async Task Invalidate_ReloadsAtTheNextRead()
    {
        var loads = 0;
        using var catalogue = new CategoryCatalogue(_ => Task.FromResult(Categories($"name{++loads}")), new FakeTimeProvider());
        await catalogue.CurrentAsync(Cancel);

        catalogue.Invalidate();

        Assert.Equal("name2", (await catalogue.CurrentAsync(Cancel)).Find("0101")!.NameZh);
    }

    [Fact]
    public async Task AnEditDuringALoad_IsNotCachedAsTheOldCatalogue()
    {
        var loads = 0;
        CategoryCatalogue? catalogue = null;
        catalogue = new CategoryCatalogue(_ =>
        {
            // The edit commits (and invalidates) while the first load is still reading.
            if (++loads == 1)
            {
                catalogue!.Invalidate();
            }
            return Task.FromResult(Categories($"name{loads}"));
        }, new FakeTimeProvider());
        using var _ = catalogue;

        Assert.Equal("name2", (await catalogue.CurrentAsync(Cancel)).Find("0101")!.NameZh);
    }

    [Fact]
    public async Task ConcurrentReadsAtExpiry_LoadOnce()
    {
        var loads = 0;
        var release = new TaskCompletionSource();
        using var catalogue = new CategoryCatalogue(async _ =>
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return Categories("name");
        }, new FakeTimeProvider());

        var reads = Enumerable.Range(0, 8).Select(_ => catalogue.CurrentAsync(Cancel).AsTask()).ToList();
        release.SetResult();
        var snapshots = await Task.WhenAll(reads);

        Assert.Equal(1, loads);
        Assert.All(snapshots, s => Assert.Same(snapshots[0], s));
    }

    private static List<CaseCategory> Categories(string name)
    {
        var inactive = CaseCategory.Create("0102", "01", "停用", "Off", [], true, 50, 72, Limits);
        inactive.Deactivate();
        return
        [
            CaseCategory.Create("0101", "01", name, "Rubbish", ["垃圾"], true, 50, 72, Limits, sortOrder: 2),
            CaseCategory.Create("01", null, "市容环境", "City appearance", [], true, 50, 72, Limits, sortOrder: 1),
            inactive,
        ];
    }
}
