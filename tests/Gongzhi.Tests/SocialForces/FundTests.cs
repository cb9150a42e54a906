using System.Net;
using Gongzhi.Modules.SocialForces.Funds;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

/// <summary>Community funds and donations (issue 17): a published ledger whose balance is always the sum of its movements.</summary>
public sealed class FundTests(GongzhiApp app)
{
    private const string Community = "420103001002";
    private const string Funds = "/api/v1/social/funds";

    private static readonly Caller Keeper = new("fund-keeper", "万年社区工作者", Community, new HashSet<string> { Roles.CommunityStaff }, null, null, false);

    private async Task<Guid> FundAsync(HttpClient community) =>
        (await ReadAsync(await community.PostAsync(Funds, new { name = $"测试基金-{Guid.NewGuid().ToString("N")[..6]}", jurisdictionCode = Community }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task AllocationsAndUses_BeyondWhatIsLeft_Return409_AndThePublicLedgerMasksTheDonor()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var fund = await FundAsync(community);
        await ReadAsync(await community.PostAsync($"{Funds}/{fund}/receipts", new { form = "money", amount = 1000m, donor = "张三丰", purpose = "捐赠" }),
            HttpStatusCode.Created);
        // Goods are published with their value but leave the money balance as it is.
        var goods = await ReadAsync(await community.PostAsync($"{Funds}/{fund}/receipts", new { form = "goods", amount = 300m, purpose = "米面油" }),
            HttpStatusCode.Created);
        Assert.Equal(1000m, goods.GetProperty("balanceAfter").GetDecimal());

        Assert.Equal(HttpStatusCode.Conflict, (await community.PostAsync($"{Funds}/{fund}/allocations", new { amount = 1000.01m, purpose = "助餐" })).StatusCode);
        var allocation = await ReadAsync(await community.PostAsync($"{Funds}/{fund}/allocations", new { amount = 600m, purpose = "助餐" }),
            HttpStatusCode.Created);
        var allocationId = allocation.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await community.PostAsync($"{Funds}/{fund}/allocations", new { amount = 400.01m, purpose = "助学" })).StatusCode);
        await ReadAsync(await community.PostAsync($"{Funds}/{fund}/allocations/{allocationId}/uses", new { amount = 500m, purpose = "一月助餐" }),
            HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict,
            (await community.PostAsync($"{Funds}/{fund}/allocations/{allocationId}/uses", new { amount = 100.01m, purpose = "二月助餐" })).StatusCode);

        using var anonymous = app.Anonymous();
        var ledger = await ReadAsync(await anonymous.GetAsync($"/api/v1/public/social/funds/{fund}", Cancel), HttpStatusCode.OK);
        Assert.Equal(500m, ledger.GetProperty("fund").GetProperty("balance").GetDecimal());
        Assert.Equal(100m, ledger.GetProperty("fund").GetProperty("reserved").GetDecimal());
        Assert.Equal([1L, 2L, 3L, 4L], ledger.GetProperty("movements").EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.DoesNotContain("张三丰", ledger.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Masks.Name("张三丰"), ledger.GetProperty("movements")[0].GetProperty("donor").GetString());

        using var resident = await app.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync($"{Funds}/{fund}/receipts", new { form = "money", amount = 1m, purpose = "捐赠" })).StatusCode);
    }

    [Fact]
    public async Task Balance_EqualsTheSumOfMovements_AfterARandomizedConcurrentWorkload()
    {
        var fund = await app.WithAsync<FundService, CommunityFund>(s => s.OpenAsync(Keeper, $"并发基金-{Guid.NewGuid().ToString("N")[..6]}", Community, Cancel));
        var allocation = await app.WithAsync<FundService, FundMovement>(async s =>
        {
            await s.RecordAsync(Keeper, fund.Id, FundMovementKind.Received, DonationForm.Money, 500m, null, "启动资金", null, null, Cancel);
            return await s.RecordAsync(Keeper, fund.Id, FundMovementKind.Allocated, DonationForm.Money, 300m, null, "助餐", null, null, Cancel);
        });
        var random = new Random(17);
        var work = Enumerable.Range(0, 120).Select(i => (Kind: (FundMovementKind)random.Next(3), Amount: random.Next(1, 120))).ToList();
        var refused = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancel }, async (w, ct) =>
        {
            try
            {
                await app.WithAsync<FundService, FundMovement>(s => s.RecordAsync(Keeper, fund.Id, w.Kind, DonationForm.Money, w.Amount, "李四", "并发",
                    null, w.Kind == FundMovementKind.Used ? allocation.Id : null, ct));
            }
            catch (RuleViolationException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        var (stored, movements) = await app.WithDbAsync(async db => (
            await db.Set<CommunityFund>().AsNoTracking().FirstAsync(f => f.Id == fund.Id, Cancel),
            await db.Set<FundMovement>().AsNoTracking().Where(m => m.FundId == fund.Id).OrderBy(m => m.Sequence).ToListAsync(Cancel)));
        Assert.Equal(2 + work.Count - refused, movements.Count);
        Assert.Equal(Enumerable.Range(1, movements.Count).Select(i => (long)i), movements.Select(m => m.Sequence));
        Assert.Equal(movements.Sum(m => m.Delta), stored.Balance);
        Assert.Equal(movements.Sum(m => m.ReserveDelta), stored.Reserved);
        Assert.Equal(stored.Balance, movements[^1].BalanceAfter);
        // Each line's running balance is the one before it plus its own change.
        Assert.All(movements.Skip(1).Zip(movements), p => Assert.Equal(p.Second.BalanceAfter + p.First.Delta, p.First.BalanceAfter));
        Assert.True(movements.Where(m => m.AllocationId == allocation.Id).Sum(m => m.Amount) <= allocation.Amount);
        Assert.InRange(stored.Reserved, 0, stored.Balance);
    }
}
