using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Modules.Participation.Publicities;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

/// <summary>Publicity (居务公开, 公示): a period of working days, residents' objections within it, the staff's answers.</summary>
public sealed class PublicityApiTests(GongzhiApp app)
{
    [Fact]
    public async Task Publish_ByCommunityStaff_Returns201_EndingTheGivenWorkingDaysLater_OnTheWorkingCalendar()
    {
        using var community = await app.ClientForAsync("community.420103001002");

        var created = await ReadAsync<PublicityResponse>(await PublishAsync(community, workingDays: 7), HttpStatusCode.Created);

        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        Assert.Equal(calendar.AddWorkingDays(created.StartsAt, 7), created.EndsAt);
        Assert.True(created.EndsAt - created.StartsAt >= TimeSpan.FromDays(7), "seven working days span at least a week");
        Assert.Equal("running", created.Status);
        Assert.Equal(PublicityKind.Finance, created.Kind);
        using var resident = await app.ClientForAsync("resident1");
        var list = await ReadAsync<List<PublicityResponse>>(await resident.GetAsync($"{Api}/publicity", Cancel), HttpStatusCode.OK);
        Assert.Contains(list, p => p.Id == created.Id);
    }

    [Fact]
    public async Task Publish_WithBadFields_Returns400NamingThem_AndByAResidentOrAnotherStreet403()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var response = await community.PostAsJsonAsync($"{Api}/publicity", new
        {
            kind = "BallotResult", title = "", body = "x", jurisdictionCode = Wannian, workingDays = 31,
        }, Json, Cancel);
        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("workingDays", out _));

        using var resident = await app.ClientForAsync("resident1");
        using var otherStreet = await app.ClientForAsync("street.420103002");
        await AssertStatusAsync(await PublishAsync(resident), HttpStatusCode.Forbidden);
        await AssertStatusAsync(await PublishAsync(otherStreet), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Object_ByAVerifiedResidentWhileRunning_Returns201_OnceOnly_AndOnlyStaffAndTheObjectorSeeIt()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var publicity = await ReadAsync<PublicityResponse>(await PublishAsync(community), HttpStatusCode.Created);
        using var objector = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        using var neighbour = await ResidentClientAsync(app, await VerifiedResidentAsync(app));

        var filed = await ReadAsync<ObjectionResponse>(await ObjectAsync(objector, publicity.Id, "照明改造费用偏高，请公开报价单。"), HttpStatusCode.Created);
        await AssertStatusAsync(await ObjectAsync(objector, publicity.Id, "再提一条"), HttpStatusCode.Conflict);

        var seenByStaff = await ReadAsync<List<ObjectionResponse>>(await community.GetAsync($"{Api}/publicity/{publicity.Id}/objections", Cancel),
            HttpStatusCode.OK);
        Assert.Equal(filed.Id, Assert.Single(seenByStaff).Id);
        Assert.False(string.IsNullOrWhiteSpace(seenByStaff[0].ObjectorName));
        Assert.Equal(Wannian, seenByStaff[0].ObjectorCommunity);
        Assert.Single(await ReadAsync<List<ObjectionResponse>>(await objector.GetAsync($"{Api}/publicity/{publicity.Id}/objections", Cancel),
            HttpStatusCode.OK));
        Assert.Empty(await ReadAsync<List<ObjectionResponse>>(await neighbour.GetAsync($"{Api}/publicity/{publicity.Id}/objections", Cancel),
            HttpStatusCode.OK));
    }

    [Fact]
    public async Task Object_WithoutText_Returns400_ByStaffOrAnUnverifiedResident403_AndOutsideTheArea404()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var publicity = await ReadAsync<PublicityResponse>(await PublishAsync(community), HttpStatusCode.Created);
        using var verified = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        using var unverified = await ResidentClientAsync(app, (await DeclaredResidentAsync(app)).UserName);
        using var outsider = await app.ClientForAsync("resident2");

        var problem = await ReadAsync<JsonElement>(await ObjectAsync(verified, publicity.Id, "  "), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
        await AssertStatusAsync(await ObjectAsync(community, publicity.Id, "员工异议"), HttpStatusCode.Forbidden);
        await AssertStatusAsync(await ObjectAsync(unverified, publicity.Id, "未认证"), HttpStatusCode.Forbidden);
        await AssertStatusAsync(await ObjectAsync(outsider, publicity.Id, "别的社区"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Object_AfterThePeriodEnded_Returns409()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var publicity = await ReadAsync<PublicityResponse>(await PublishAsync(community), HttpStatusCode.Created);
        await app.WithDbAsync(db => db.Set<Publicity>().Where(p => p.Id == publicity.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.EndsAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Cancel));
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));

        await AssertStatusAsync(await ObjectAsync(resident, publicity.Id, "太晚了"), HttpStatusCode.Conflict);
        var ended = await ReadAsync<PublicityResponse>(await resident.GetAsync($"{Api}/publicity/{publicity.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal("ended", ended.Status);
    }

    [Fact]
    public async Task Answer_ByStaff_Returns200_TheObjectorReadsIt_ASecondAnswer409_AndTheObjectorMayNotAnswer403()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var publicity = await ReadAsync<PublicityResponse>(await PublishAsync(community), HttpStatusCode.Created);
        using var objector = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        var filed = await ReadAsync<ObjectionResponse>(await ObjectAsync(objector, publicity.Id, "请公开报价单"), HttpStatusCode.Created);
        var answerUrl = $"{Api}/publicity/{publicity.Id}/objections/{filed.Id}/answer";

        await AssertStatusAsync(await objector.PostAsJsonAsync(answerUrl, new { answer = "自己答复" }, Json, Cancel), HttpStatusCode.Forbidden);
        var answered = await ReadAsync<ObjectionResponse>(await community.PostAsJsonAsync(answerUrl,
            new { answer = "报价单已贴在党群服务中心公示栏，欢迎查阅。", version = filed.Version }, Json, Cancel), HttpStatusCode.OK);
        await AssertStatusAsync(await community.PostAsJsonAsync(answerUrl, new { answer = "改答复" }, Json, Cancel), HttpStatusCode.Conflict);

        Assert.Equal("community.420103001002", answered.AnsweredBy);
        var mine = Assert.Single(await ReadAsync<List<ObjectionResponse>>(await objector.GetAsync($"{Api}/publicity/{publicity.Id}/objections", Cancel),
            HttpStatusCode.OK));
        Assert.Equal("报价单已贴在党群服务中心公示栏，欢迎查阅。", mine.Answer);
    }

    [Fact]
    public async Task BallotResult_BeforeClosing409_AfterClosing201WithTheCounts_AndAgain200WithTheSamePublicity()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, closesAt: DateTimeOffset.UtcNow.AddSeconds(2));
        var id = ballot.GetProperty("id").GetGuid();
        using var resident = await ResidentClientAsync(app, await VerifiedResidentAsync(app));
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 1)), HttpStatusCode.Created);

        await AssertStatusAsync(await community.PostAsJsonAsync($"{Api}/ballots/{id}/publicity", new { workingDays = 5 }, Json, Cancel),
            HttpStatusCode.Conflict);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancel);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        await AssertStatusAsync(await otherStreet.PostAsJsonAsync($"{Api}/ballots/{id}/publicity", new { workingDays = 5 }, Json, Cancel),
            HttpStatusCode.NotFound);
        var first = await ReadAsync<PublicityResponse>(await community.PostAsJsonAsync($"{Api}/ballots/{id}/publicity", new { workingDays = 5 }, Json,
            Cancel), HttpStatusCode.Created);
        var again = await ReadAsync<PublicityResponse>(await community.PostAsJsonAsync($"{Api}/ballots/{id}/publicity", new { workingDays = 5 }, Json,
            Cancel), HttpStatusCode.OK);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(PublicityKind.BallotResult, first.Kind);
        Assert.Equal(id, first.BallotId);
        Assert.Contains("全天开放：1 票", first.Body);
        Assert.Contains("夜间开放：0 票", first.Body);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Publicity>().CountAsync(p => p.BallotId == id, Cancel)));
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient client, int workingDays = 5) =>
        client.PostAsJsonAsync($"{Api}/publicity", new
        {
            kind = "Finance",
            title = "第四季度惠民资金收支公示 " + Guid.NewGuid().ToString("N")[..6],
            body = "收入 80,000 元；支出 37,030 元。",
            jurisdictionCode = Wannian,
            workingDays,
        }, Json, Cancel);

    private static Task<HttpResponseMessage> ObjectAsync(HttpClient client, Guid publicity, string text) =>
        client.PostAsJsonAsync($"{Api}/publicity/{publicity}/objections", new { text }, Json, Cancel);
}
