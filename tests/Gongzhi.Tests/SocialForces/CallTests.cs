using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.SocialForces.Calls;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

/// <summary>Calls for proposals (issue 17): the published rubric, applications before the deadline, panel scores, the award.</summary>
public sealed class CallTests(GongzhiApp app)
{
    private const string Social = "/api/v1/social";
    private const string PublicCalls = "/api/v1/public/social/calls";
    private const string Street = "420103001";

    private static readonly object[] Rubric60_40 = [new { name = "服务方案", weight = 60 }, new { name = "机构能力", weight = 40 }];

    /// <summary>A filed organisation of 民族街 of its own, and a SocialOrg account linked to it by the street's registrar.</summary>
    private async Task<(HttpClient Client, Guid Organisation)> OrganisationAccountAsync(HttpClient street)
    {
        var organisation = await ReadAsync(await street.PostAsync($"{Social}/organisations", new
        {
            name = $"测试社工服务社-{Guid.NewGuid().ToString("N")[..6]}",
            jurisdictionCode = Street,
            kind = "filed",
            field = "community",
            legalRepresentative = "李晓红",
            contactPhone = "13871234568",
        }), HttpStatusCode.Created);
        var organisationId = organisation.GetProperty("id").GetGuid();
        var userName = $"so.{Guid.NewGuid():N}"[..20];
        using var admin = await app.ClientForAsync("admin");
        var account = await ReadAsync(await admin.PostAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "社会组织测试账号",
            password = "Social-test-2026",
            scopeCode = Street,
            roles = new[] { "SocialOrg" },
        }), HttpStatusCode.Created);
        await ReadAsync(await street.PostAsync($"{Social}/organisations/{organisationId}/members", new { userId = account.GetProperty("id").GetString() }),
            HttpStatusCode.OK);
        return (await app.ClientForAsync(userName, "Social-test-2026"), organisationId);
    }

    private static async Task<Guid> ProjectAsync(HttpClient street, decimal budget)
    {
        var project = await ReadAsync(await street.PostAsync($"{Social}/projects", new { title = "社区睦邻征集项目", jurisdictionCode = Street, budget }),
            HttpStatusCode.Created);
        return project.GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CallAsync(HttpClient street, Guid project, object[]? criteria = null)
    {
        var call = await ReadAsync(await street.PostAsync($"{Social}/projects/{project}/calls",
            new { deadline = DateTimeOffset.UtcNow.AddDays(7), criteria = criteria ?? Rubric60_40 }), HttpStatusCode.Created);
        return call.GetProperty("id").GetGuid();
    }

    /// <summary>Moves a call's deadline into the past, as the calendar would.</summary>
    private async Task CloseAsync(Guid call) => Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProposalCall>().Where(c => c.Id == call)
        .ExecuteUpdateAsync(s => s.SetProperty(c => c.Deadline, DateTimeOffset.UtcNow.AddMinutes(-1)), Cancel)));

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient organisation, Guid call, decimal amount, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Social}/calls/{call}/applications")
        {
            Content = JsonContent.Create(new { proposal = "每周两次上门探访与课业辅导。", amount }, options: Json),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return organisation.SendAsync(request, Cancel);
    }

    private static Task<HttpResponseMessage> ScoreAsync(HttpClient street, Guid application, int first, int second) =>
        street.PostAsync($"{Social}/applications/{application}/scores",
            new { scores = new[] { new { criterion = 1, score = first }, new { criterion = 2, score = second } } });

    private static object Award(Guid application, decimal amount, string? reason = null) => new
    {
        applicationId = application,
        reason,
        milestones = new[] { new { title = "方案", amount, dueOn = "2027-03-31" } },
    };

    [Fact]
    public void Rubric_WeightedTotal_IsTheWeightedMeanOfThePanelsScoresOutOf100()
    {
        var project = Modules.SocialForces.Purchase.ServiceProject.Publish("项目", Street, 1000m, null, "t", DateTimeOffset.UtcNow);
        var (call, criteria) = ProposalCall.Publish(project, DateTimeOffset.UtcNow.AddDays(1), [new("方案", 60), new("能力", 40)], "t",
            DateTimeOffset.UtcNow);
        var application = ProposalApplication.Submit(call, Guid.NewGuid(), "机构", "u", null, "方案", 500m, DateTimeOffset.UtcNow);
        ApplicationScore Give(string scorer, int criterion, int score) =>
            (ApplicationScore)typeof(ApplicationScore).GetMethod("Give", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!
                .Invoke(null, [application, scorer, scorer, criterion, score, DateTimeOffset.UtcNow])!;

        // 方案 (10 + 5) / 2 = 7.5 → 60 × 0.75 = 45; 能力 (6 + 8) / 2 = 7 → 40 × 0.7 = 28.
        Assert.Equal(73.00m, Rubric.Total(criteria, [Give("a", 1, 10), Give("b", 1, 5), Give("a", 2, 6), Give("b", 2, 8)]));
        Assert.Null(Rubric.Total(criteria, [Give("a", 1, 10)]));
    }

    [Fact]
    public async Task Publish_WithWeightsNotSummingTo100_Returns400NamingCriteria()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var project = await ProjectAsync(street, 50_000m);
        var refused = await ReadAsync(await street.PostAsync($"{Social}/projects/{project}/calls", new
        {
            deadline = DateTimeOffset.UtcNow.AddDays(7),
            criteria = new[] { new { name = "方案", weight = 60 }, new { name = "能力", weight = 30 } },
        }), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("criteria", out _));
    }

    [Fact]
    public async Task Call_IsPublicWithItsRubric_AndOnlyAPurchaserPublishes()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var project = await ProjectAsync(street, 50_000m);
        using var community = await app.ClientForAsync("community.420103001002");
        Assert.Equal(HttpStatusCode.NotFound, (await community.PostAsync($"{Social}/projects/{project}/calls",
            new { deadline = DateTimeOffset.UtcNow.AddDays(7), criteria = Rubric60_40 })).StatusCode);
        var call = await CallAsync(street, project);

        using var anonymous = app.Anonymous();
        var shown = await ReadAsync(await anonymous.GetAsync($"{PublicCalls}/{call}", Cancel), HttpStatusCode.OK);
        Assert.Equal([60, 40], shown.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("weight").GetInt32()));
        Assert.Equal("open", shown.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Social}/projects/{project}/calls",
            new { deadline = DateTimeOffset.UtcNow.AddDays(7), criteria = Rubric60_40 })).StatusCode);
    }

    [Fact]
    public async Task Apply_RetriedWithTheSameKey_GivesTheFirstBack_ASecondApplicationIs409_AndAfterTheDeadline409()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var (organisation, _) = await OrganisationAccountAsync(street);
        using var __ = organisation;
        var call = await CallAsync(street, await ProjectAsync(street, 50_000m));

        var overBudget = await ReadAsync(await ApplyAsync(organisation, call, 50_000.01m), HttpStatusCode.BadRequest);
        Assert.True(overBudget.GetProperty("errors").TryGetProperty("amount", out _));
        var key = Guid.NewGuid().ToString("N");
        var first = await ReadAsync(await ApplyAsync(organisation, call, 40_000m, key), HttpStatusCode.Created);
        var retried = await ReadAsync(await ApplyAsync(organisation, call, 40_000m, key), HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("id").GetGuid(), retried.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await ApplyAsync(organisation, call, 40_000m, Guid.NewGuid().ToString("N"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ApplyAsync(organisation, call, 40_000m)).StatusCode);

        var (late, _) = await OrganisationAccountAsync(street);
        using var ___ = late;
        await CloseAsync(call);
        Assert.Equal(HttpStatusCode.Conflict, (await ApplyAsync(late, call, 30_000m)).StatusCode);
        // The retry of the first still gets its application, after the deadline too.
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(organisation, call, 40_000m, key)).StatusCode);
        // Staff of the area do not apply.
        Assert.Equal(HttpStatusCode.Forbidden, (await ApplyAsync(street, call, 30_000m)).StatusCode);
    }

    [Fact]
    public async Task Award_TheHighestOrAnotherWithAReason_MakesTheContract_AndPublishesTheRanking()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var (first, _) = await OrganisationAccountAsync(street);
        var (second, secondId) = await OrganisationAccountAsync(street);
        using var firstClient = first;
        using var secondClient = second;
        var project = await ProjectAsync(street, 100_000m);
        var call = await CallAsync(street, project);
        var a = (await ReadAsync(await ApplyAsync(first, call, 80_000m), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var b = (await ReadAsync(await ApplyAsync(second, call, 60_000m), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // An organisation sees its own application only, and does not score.
        var own = await ReadAsync(await first.GetAsync($"{Social}/calls/{call}/applications", Cancel), HttpStatusCode.OK);
        Assert.Equal([a], own.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Conflict, (await ScoreAsync(street, a, 8, 8)).StatusCode); // before the deadline
        await CloseAsync(call);
        Assert.Equal(HttpStatusCode.NotFound, (await ScoreAsync(first, a, 10, 10)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ScoreAsync(street, a, 11, 8)).StatusCode);

        var scored = await ReadAsync(await ScoreAsync(street, a, 9, 7), HttpStatusCode.OK);
        Assert.Equal(82.00m, scored.GetProperty("total").GetDecimal()); // 60 × 0.9 + 40 × 0.7
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Social}/calls/{call}/award", Award(a, 80_000m))).StatusCode); // b unscored
        await ReadAsync(await ScoreAsync(street, b, 6, 8), HttpStatusCode.OK); // 36 + 32 = 68

        var noReason = await ReadAsync(await street.PostAsync($"{Social}/calls/{call}/award", Award(b, 60_000m)), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var contract = await ReadAsync(await street.PostAsync($"{Social}/calls/{call}/award", Award(b, 60_000m, "第一名机构同期承接项目过多。")),
            HttpStatusCode.Created);
        Assert.Equal(secondId, contract.GetProperty("organisationId").GetGuid());
        Assert.Equal(60_000m, contract.GetProperty("amount").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Social}/calls/{call}/award", Award(a, 80_000m, "再次定标"))).StatusCode);

        using var anonymous = app.Anonymous();
        var published = await ReadAsync(await anonymous.GetAsync($"{PublicCalls}/{call}", Cancel), HttpStatusCode.OK);
        var award = published.GetProperty("award");
        Assert.Equal(b, award.GetProperty("applicationId").GetGuid());
        Assert.Equal("第一名机构同期承接项目过多。", award.GetProperty("reason").GetString());
        Assert.Equal([82.00m, 68.00m], award.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("total").GetDecimal()));
        Assert.DoesNotContain("proposal", published.GetRawText(), StringComparison.Ordinal);

        // The winner sees the project it won; the other organisation does not.
        await ReadAsync(await second.GetAsync($"{Social}/projects/{project}", Cancel), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"{Social}/projects/{project}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Award_FromACall_KeepsTheBudgetRule_AndLeavesTheCallOpenWhenRefused()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var (organisation, _) = await OrganisationAccountAsync(street);
        using var __ = organisation;
        var project = await ProjectAsync(street, 100_000m);
        var call = await CallAsync(street, project);
        var application = (await ReadAsync(await ApplyAsync(organisation, call, 50_000m), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await CloseAsync(call);
        await ReadAsync(await ScoreAsync(street, application, 7, 7), HttpStatusCode.OK);

        // Meanwhile a direct contract took most of the budget: the call's award would exceed it.
        var organisations = await ReadAsync(await street.GetAsync($"{Social}/organisations?scope={Street}", Cancel), HttpStatusCode.OK);
        await ReadAsync(await street.PostAsync($"{Social}/projects/{project}/contracts", new
        {
            organisationId = organisations[0].GetProperty("id").GetGuid(),
            amount = 80_000m,
            milestones = new[] { new { title = "全部", amount = 80_000m, dueOn = "2027-06-30" } },
        }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Social}/calls/{call}/award", Award(application, 50_000m))).StatusCode);

        using var anonymous = app.Anonymous();
        var shown = await ReadAsync(await anonymous.GetAsync($"{PublicCalls}/{call}", Cancel), HttpStatusCode.OK);
        Assert.Equal("open", shown.GetProperty("state").GetString());
        var projectShown = await ReadAsync(await street.GetAsync($"{Social}/projects/{project}", Cancel), HttpStatusCode.OK);
        Assert.Equal(80_000m, projectShown.GetProperty("awarded").GetDecimal());
    }
}
