using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Platform.Data;
using Gongzhi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>Reference numbers drawn by blocks: what two application instances on one database may rely on.</summary>
public sealed class CaseReferenceBlocksTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesDrawingAtOnce_GetDistinctNumbers_AscendingOnEach()
    {
        // A key of its own (a district and a day no other test uses), so the counter starts at 1.
        var key = $"420103-{DateTime.UtcNow:HHmmssff}";
        var nodes = new[] { new CaseReferenceBlocks(), new CaseReferenceBlocks() };
        const int PerNode = 3 * CaseReferenceBlocks.BlockSize + 4;

        var drawn = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var numbers = new List<int>();
            for (var i = 0; i < PerNode; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                numbers.Add(await node.DrawAsync(scope.ServiceProvider.GetRequiredService<GongzhiDbContext>(), key, Cancel));
            }
            return numbers;
        }, Cancel)));

        var all = drawn.SelectMany(n => n).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(drawn, numbers => Assert.Equal(numbers.Order(), numbers));
        // Each instance reserved 4 blocks of which it used 34 numbers: nothing beyond them was handed out.
        Assert.True(all.Max() <= 2 * 4 * CaseReferenceBlocks.BlockSize, $"max {all.Max()}");
        Assert.True(all.Min() >= 1);
    }
}
