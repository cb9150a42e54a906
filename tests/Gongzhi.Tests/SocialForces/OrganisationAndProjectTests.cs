using System.Net;
using Gongzhi.Modules.SocialForces;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

public sealed class OrganisationAndProjectTests(GongzhiApp app)
{
    private const string Organisations = "/api/v1/social/organisations";
    private const string Projects = "/api/v1/social/projects";

    private static string ValidCreditCode() =>
        SocialSeeder.CreditCode("52420103" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiDigit).Take(9)).PadRight(9, '7'));

    private static object NewOrganisation(string code, string? creditCode, string kind = "registered") => new
    {
        name = $"测试社工服务社-{Guid.NewGuid().ToString("N")[..6]}",
        jurisdictionCode = code,
        kind,
        field = "elderlyCare",
        creditCode,
        legalRepresentative = "王建国",
        contactPhone = "13871234567",
    };

    [Fact]
    public async Task Demo_HasSeveralOrganisationsInEveryStreetOfJianghan()
    {
        using var command = await app.ClientForAsync("command.420103");
        var streets = await ReadAsync(await command.GetAsync("/api/v1/jurisdictions/420103/children", Cancel), HttpStatusCode.OK);
        Assert.True(streets.GetArrayLength() > 5);

        foreach (var street in streets.EnumerateArray().Select(s => s.GetProperty("code").GetString()!))
        {
            var list = await ReadAsync(await command.GetAsync($"{Organisations}?scope={street}", Cancel), HttpStatusCode.OK);
            Assert.True(list.GetArrayLength() >= 2, street);
            Assert.All(list.EnumerateArray(), o =>
            {
                Assert.NotEqual(Guid.Empty, o.GetProperty("id").GetGuid());
                Assert.StartsWith(street, o.GetProperty("jurisdictionCode").GetString());
                // The legal representative is masked in lists.
                Assert.EndsWith("*", o.GetProperty("legalRepresentative").GetString());
                Assert.True(o.GetProperty("creditCode").ValueKind == System.Text.Json.JsonValueKind.Null
                    || CreditCodes.IsValid(o.GetProperty("creditCode").GetString()));
            });
        }
    }

    [Theory]
    [InlineData("check")] // a wrong check character
    [InlineData("short")]
    [InlineData(null)] // a registered organisation must give one
    public async Task Register_WithAnInvalidCreditCode_Returns400NamingCreditCode(string? flaw)
    {
        var valid = ValidCreditCode();
        var creditCode = flaw switch
        {
            "check" => valid[..17] + (valid[17] == '0' ? '1' : '0'),
            "short" => valid[..16],
            _ => null,
        };
        using var street = await app.ClientForAsync("street.420103001");
        var invalid = await ReadAsync(await street.PostAsync(Organisations, NewOrganisation("420103001", creditCode)), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("creditCode", out _));
    }

    [Fact]
    public async Task Register_AValidCode_Masks_AndRevealNeedsAPurpose_AndTheCodeOnce()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var code = ValidCreditCode();
        var created = await ReadAsync(await street.PostAsync(Organisations, NewOrganisation("420103001", code)), HttpStatusCode.Created);
        Assert.Equal(Masks.Name("王建国"), created.GetProperty("legalRepresentative").GetString());
        Assert.Equal("138****4567", created.GetProperty("contactPhone").GetString());
        var id = created.GetProperty("id").GetGuid();

        var again = await ReadAsync(await street.PostAsync(Organisations, NewOrganisation("420103001", code)), HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty("creditCode", out _));

        var noPurpose = await ReadAsync(await street.PostAsync($"{Organisations}/{id}/reveal", new { }), HttpStatusCode.BadRequest);
        Assert.True(noPurpose.GetProperty("errors").TryGetProperty("purpose", out _));
        var revealed = await ReadAsync(await street.PostAsync($"{Organisations}/{id}/reveal", new { purpose = RevealPurposes.Verification }),
            HttpStatusCode.OK);
        Assert.Equal("王建国", revealed.GetProperty("legalRepresentative").GetString());
        Assert.Equal("13871234567", revealed.GetProperty("contactPhone").GetString());
    }

    [Fact]
    public async Task Community_SeesTheOrganisationsOfItsOwnAreaOnly()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var own = await ReadAsync(await street.PostAsync(Organisations, NewOrganisation("420103001002", null, "filed")), HttpStatusCode.Created);

        using var community = await app.ClientForAsync("community.420103001002");
        var seen = await ReadAsync(await community.GetAsync($"{Organisations}?scope=420103", Cancel), HttpStatusCode.OK);

        Assert.Contains(seen.EnumerateArray(), o => o.GetProperty("id").GetGuid() == own.GetProperty("id").GetGuid());
        Assert.All(seen.EnumerateArray(), o => Assert.StartsWith("420103001002", o.GetProperty("jurisdictionCode").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsync(Organisations, NewOrganisation("420103001002", null, "filed"))).StatusCode);
    }

    private async Task<(HttpClient Street, Guid Project, Guid Organisation)> ProjectAsync(decimal budget)
    {
        var street = await app.ClientForAsync("street.420103001");
        var project = await ReadAsync(await street.PostAsync(Projects, new { title = "社区睦邻服务项目", jurisdictionCode = "420103001", budget }),
            HttpStatusCode.Created);
        var organisations = await ReadAsync(await street.GetAsync($"{Organisations}?scope=420103001", Cancel), HttpStatusCode.OK);
        return (street, project.GetProperty("id").GetGuid(), organisations[0].GetProperty("id").GetGuid());
    }

    private static object Award(Guid organisationId, decimal amount) => new
    {
        organisationId,
        amount,
        milestones = new[]
        {
            new { title = "方案", amount = amount / 2, dueOn = "2027-03-31" },
            new { title = "结项", amount = amount - amount / 2, dueOn = "2027-11-30" },
        },
    };

    [Fact]
    public async Task Award_BeyondTheBudget_Returns409_AndWithinItIsCreated()
    {
        var (street, project, organisation) = await ProjectAsync(100_000m);
        using var _ = street;

        var contract = await ReadAsync(await street.PostAsync($"{Projects}/{project}/contracts", Award(organisation, 60_000m)), HttpStatusCode.Created);
        Assert.Equal(2, contract.GetProperty("milestones").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Projects}/{project}/contracts", Award(organisation, 40_000.02m))).StatusCode);
        await ReadAsync(await street.PostAsync($"{Projects}/{project}/contracts", Award(organisation, 40_000m)), HttpStatusCode.Created);

        var shown = await ReadAsync(await street.GetAsync($"{Projects}/{project}", Cancel), HttpStatusCode.OK);
        Assert.Equal(100_000m, shown.GetProperty("awarded").GetDecimal());
    }

    [Fact]
    public async Task Awards_RacingForOneBudget_NeverExceedIt()
    {
        var (street, project, organisation) = await ProjectAsync(100_000m);
        using var _ = street;

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => street.PostAsync($"{Projects}/{project}/contracts",
            Award(organisation, 30_000m))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var shown = await ReadAsync(await street.GetAsync($"{Projects}/{project}", Cancel), HttpStatusCode.OK);
        Assert.Equal(90_000m, shown.GetProperty("awarded").GetDecimal());
        Assert.Equal(90_000m, shown.GetProperty("contracts").EnumerateArray().Sum(c => c.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task Milestone_IsPaidOnlyAfterAcceptance()
    {
        var (street, project, organisation) = await ProjectAsync(50_000m);
        using var _ = street;
        var contract = await ReadAsync(await street.PostAsync($"{Projects}/{project}/contracts", Award(organisation, 50_000m)), HttpStatusCode.Created);
        var milestone = contract.GetProperty("milestones")[0].GetProperty("id").GetGuid();
        var url = $"{Projects}/milestones/{milestone}";

        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{url}/pay", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{url}/accept", new { })).StatusCode);
        await ReadAsync(await street.PostAsync($"{url}/deliver", new { deliverable = "服务方案已提交" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{url}/pay", new { })).StatusCode);
        await ReadAsync(await street.PostAsync($"{url}/accept", new { }), HttpStatusCode.OK);
        var paid = await ReadAsync(await street.PostAsync($"{url}/pay", new { }), HttpStatusCode.OK);
        Assert.Equal("paid", paid.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{url}/pay", new { })).StatusCode);

        // The community below may not pay the street's contracts; the public sees the award without the working documents.
        using var community = await app.ClientForAsync("community.420103001002");
        Assert.Equal(HttpStatusCode.NotFound, (await community.PostAsync($"{url}/pay", new { })).StatusCode);
        var disclosed = await ReadAsync(await app.Anonymous().GetAsync("/api/v1/public/social/awards?scope=420103001", Cancel), HttpStatusCode.OK);
        var shown = Assert.Single(disclosed.EnumerateArray(), p => p.GetProperty("id").GetGuid() == project);
        Assert.Equal(JsonKind.Null, shown.GetProperty("contracts")[0].GetProperty("milestones")[0].GetProperty("deliverable").ValueKind);
    }

    [Fact]
    public async Task Publish_ByACommunity_Returns403()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var refused = await community.PostAsync(Projects, new { title = "社区项目", jurisdictionCode = "420103001002", budget = 1000m });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}

internal static class JsonKind
{
    public const System.Text.Json.JsonValueKind Null = System.Text.Json.JsonValueKind.Null;
}
