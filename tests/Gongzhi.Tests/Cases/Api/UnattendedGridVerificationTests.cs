using System.Net;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>
/// 核查 belongs to the grid worker covering the case. A grid without a grid worker's account would leave its resolved
/// cases waiting for ever; there the street's dispatchers check the work.
/// </summary>
public sealed class UnattendedGridVerificationTests(GongzhiApp app)
{
    // 万年社区第二网格 has no grid worker's account in the demo; 第一网格 has grid.420103001002001.
    private const string UnattendedGrid = "420103001002002";

    private async Task<Guid> ResolvedCaseAsync(Actors a, string grid)
    {
        var id = (await SubmitAsync(app, a.Resident, grid)).Id;
        await DoAsync(a.Street, id, "register");
        await DoAsync(a.Street, id, "dispatch");
        await DoAsync(a.Department, id, "accept");
        await DoAsync(a.Department, id, "resolve", new() { ["note"] = "已清理油污" });
        return id;
    }

    [Fact]
    public async Task Street_VerifiesACaseInAGridNoGridWorkerCovers()
    {
        using var a = await ActorsAsync(app);
        var id = await ResolvedCaseAsync(a, UnattendedGrid);

        var before = await GetAsync(a.Street, id);
        Assert.Contains(CaseActions.Verify, before.AllowedActions);
        var verified = await DoAsync(a.Street, id, "verify");

        Assert.Equal(CaseState.Verified, verified.State);
    }

    [Fact]
    public async Task Street_DoesNotVerifyWhereAGridWorkerCovers_TheGridWorkerDoes()
    {
        using var a = await ActorsAsync(app);
        var id = await ResolvedCaseAsync(a, WanNianGrid);

        var detail = await GetAsync(a.Street, id);
        Assert.DoesNotContain(CaseActions.Verify, detail.AllowedActions);
        var refused = await ActAsync(a.Street, id, "verify", new { version = detail.Version });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(CaseState.Verified, (await DoAsync(a.Grid, id, "verify")).State);
    }

    [Fact]
    public async Task Department_NeverVerifiesItsOwnWork_EvenInAnUnattendedGrid()
    {
        using var a = await ActorsAsync(app);
        var id = await ResolvedCaseAsync(a, UnattendedGrid);

        var detail = await GetAsync(a.Department, id);
        var refused = await ActAsync(a.Department, id, "verify", new { version = detail.Version });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
