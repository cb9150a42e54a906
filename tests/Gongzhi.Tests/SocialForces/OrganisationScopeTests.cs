using System.Net;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

/// <summary>A social organisation's account sees and delivers its own contracts, not other organisations'.</summary>
public sealed class OrganisationScopeTests(GongzhiApp app)
{
    private const string Social = "/api/v1/social";
    private const string DemoOrganisation = "民族街社区养老服务中心";

    private static object Award(Guid organisationId, decimal amount) => new
    {
        organisationId,
        amount,
        milestones = new[] { new { title = "方案", amount, dueOn = "2027-03-31" } },
    };

    [Fact]
    public async Task OrganisationAccount_SeesItsOwnContractsOnly_AnothersIs404_AndDeliversButDoesNotAccept()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var organisations = await ReadAsync(await street.GetAsync($"{Social}/organisations?scope=420103001", Cancel), HttpStatusCode.OK);
        var mine = organisations.EnumerateArray().Single(o => o.GetProperty("name").GetString() == DemoOrganisation).GetProperty("id").GetGuid();
        var other = organisations.EnumerateArray().First(o => o.GetProperty("name").GetString() != DemoOrganisation).GetProperty("id").GetGuid();

        async Task<(Guid Project, Guid Milestone)> AwardedAsync(Guid organisation)
        {
            var project = await ReadAsync(await street.PostAsync($"{Social}/projects", new { title = "范围测试项目", jurisdictionCode = "420103001", budget = 10_000m }),
                HttpStatusCode.Created);
            var id = project.GetProperty("id").GetGuid();
            var contract = await ReadAsync(await street.PostAsync($"{Social}/projects/{id}/contracts", Award(organisation, 10_000m)), HttpStatusCode.Created);
            return (id, contract.GetProperty("milestones")[0].GetProperty("id").GetGuid());
        }
        var (ownProject, ownMilestone) = await AwardedAsync(mine);
        var (otherProject, otherMilestone) = await AwardedAsync(other);

        using var organisation = await app.ClientForAsync("org.420103001");
        var listed = await ReadAsync(await organisation.GetAsync($"{Social}/projects", Cancel), HttpStatusCode.OK);
        var ids = listed.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(ownProject, ids);
        Assert.DoesNotContain(otherProject, ids);
        Assert.All(listed.EnumerateArray().SelectMany(p => p.GetProperty("contracts").EnumerateArray()),
            c => Assert.Equal(mine, c.GetProperty("organisationId").GetGuid()));

        Assert.Equal(HttpStatusCode.NotFound, (await organisation.GetAsync($"{Social}/projects/{otherProject}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await organisation.PostAsync($"{Social}/projects/milestones/{otherMilestone}/deliver", new { deliverable = "不是我的合同" })).StatusCode);

        var delivered = await ReadAsync(await organisation.PostAsync($"{Social}/projects/milestones/{ownMilestone}/deliver",
            new { deliverable = "服务方案已提交。" }), HttpStatusCode.OK);
        Assert.Equal("delivered", delivered.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await organisation.PostAsync($"{Social}/projects/milestones/{ownMilestone}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organisation.PostAsync($"{Social}/projects/milestones/{ownMilestone}/pay", new { })).StatusCode);
    }
}
