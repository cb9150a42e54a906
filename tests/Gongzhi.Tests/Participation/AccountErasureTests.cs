using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Participation.ParticipationApi;
using static Gongzhi.Tests.Participation.RegistrationFlow;

namespace Gongzhi.Tests.Participation;

public sealed class AccountErasureTests(GongzhiApp app)
{
    [Fact]
    public async Task Erase_LeavesNoPersonalDataOfTheAccount_InObjectionsOrAsAVolunteer_KeepsItsVoteAndItsCase_AndEndsItsSignIns()
    {
        var (resident, phone, name) = await AccountOverviewTests.VerifiedRegisteredResidentAsync(app);
        using var _ = resident;
        using var community = await app.ClientForAsync("community.420103001002");
        var ballot = await CreateBallotAsync(community, secret: true);
        var ballotId = ballot.GetProperty("id").GetGuid();
        await AssertStatusAsync(await VoteAsync(resident, ballot, OptionId(ballot, 0)), HttpStatusCode.Created);
        var notice = await ReadAsync<JsonElement>(await community.PostAsJsonAsync($"{Api}/notices",
            new { title = "消防检查 " + Guid.NewGuid().ToString("N")[..6], body = "请配合。", jurisdictionCode = Wannian }, Json, Cancel), HttpStatusCode.Created);
        await AssertStatusAsync(await resident.PostAsync($"{Api}/notices/{notice.GetProperty("id").GetGuid()}/read", null, Cancel), HttpStatusCode.OK);
        var proposal = await ReadAsync<JsonElement>(await resident.PostAsJsonAsync($"{Api}/proposals",
            new { title = "增设充电桩 " + Guid.NewGuid().ToString("N")[..6], body = "小区电动车多。", jurisdictionCode = Wannian }, Json, Cancel), HttpStatusCode.Created);
        await AssertStatusAsync(await resident.PostAsJsonAsync($"{Api}/proposals/{proposal.GetProperty("id").GetGuid()}/comments",
            new { body = "补充：最好在 3 栋旁。" }, Json, Cancel), HttpStatusCode.Created);
        var publicity = await ReadAsync<JsonElement>(await community.PostAsJsonAsync($"{Api}/publicity", new
        {
            kind = "Subsidy", title = "高龄津贴发放名单 " + Guid.NewGuid().ToString("N")[..6], body = "共 12 人。", jurisdictionCode = Wannian,
        }, Json, Cancel), HttpStatusCode.Created);
        await AssertStatusAsync(await resident.PostAsJsonAsync($"{Api}/publicity/{publicity.GetProperty("id").GetGuid()}/objections",
            new { text = "名单漏了 5 栋的王奶奶。" }, Json, Cancel), HttpStatusCode.Created);
        await AssertStatusAsync(await resident.PostAsJsonAsync("/api/v1/social/volunteers",
            new { skills = new[] { "陪诊" }, availability = "周末上午" }, Json, Cancel), HttpStatusCode.Created);
        var (lat, lon, _) = await CaseApiKit.PointInAsync(app, CaseApiKit.WanNianGrid);
        var reported = await ReadAsync<JsonElement>(await resident.PostAsJsonAsync("/api/v1/cases",
            new { categoryCode = "0103", title = "路面坑洼", description = "人行道有坑", lat, lon, reporterName = name, reporterPhone = phone }, Cancel),
            HttpStatusCode.Created);
        Assert.NotEmpty(await WhereStoredAsync(app, name));

        await AssertStatusAsync(await resident.PostAsJsonAsync("/api/v1/auth/erase", new { password = Password }, Cancel), HttpStatusCode.NoContent);

        Assert.Empty(await WhereStoredAsync(app, name, phone));
        await AssertStatusAsync(await resident.GetAsync("/api/v1/auth/me", Cancel), HttpStatusCode.Unauthorized);
        using var anonymous = app.Anonymous();
        await AssertStatusAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = phone, password = Password }, Cancel),
            HttpStatusCode.Unauthorized);
        var results = await ReadAsync<JsonElement>(await community.GetAsync($"{Api}/ballots/{ballotId}/results", Cancel), HttpStatusCode.OK);
        Assert.Equal(1, results.GetProperty("turnout").GetInt32());
        using var street = await app.ClientForAsync("street.420103001");
        await AssertStatusAsync(await street.GetAsync($"/api/v1/cases/{reported.GetProperty("id").GetGuid()}", Cancel), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Erase_WithAWrongPassword_Returns400AndTheAccountStays()
    {
        var (resident, _, name) = await RegisteredResidentAsync(app);
        using var owned = resident;

        var refused = await ReadAsync<JsonElement>(await resident.PostAsJsonAsync("/api/v1/auth/erase", new { password = "not-the-password-1" }, Cancel),
            HttpStatusCode.BadRequest);

        Assert.True(refused.GetProperty("errors").TryGetProperty("password", out _));
        await AssertStatusAsync(await resident.GetAsync("/api/v1/auth/me", Cancel), HttpStatusCode.OK);
        Assert.NotEmpty(await WhereStoredAsync(app, name));
    }

    [Fact]
    public async Task Erase_ByStaff_Returns403()
    {
        using var staff = await app.ClientForAsync("community.420103001002");

        await AssertStatusAsync(await staff.PostAsJsonAsync("/api/v1/auth/erase", new { password = GongzhiApp.Password }, Cancel), HttpStatusCode.Forbidden);
    }
}
