using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Infrastructure;
using Gongzhi.Tests.Security;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

/// <summary>Incubation bases over HTTP: stages, one open record per organisation, places, the graduation threshold and who sees what.</summary>
public sealed class IncubationTests(GongzhiApp app)
{
    private const string Street = "420103001";
    private const string Api = "/api/v1/social/incubation";

    private static async Task<Guid> OrganisationAsync(HttpClient street) =>
        (await ReadAsync(await street.PostAsync("/api/v1/social/organisations", new
        {
            name = $"孵化测试志愿服务队{Guid.NewGuid().ToString("N")[..6]}", jurisdictionCode = "420103001002", kind = "filed", field = "community",
            legalRepresentative = "周建国", contactPhone = "13800001111",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task<Guid> BaseAsync(HttpClient street, int places) =>
        (await ReadAsync(await street.PostAsync($"{Api}/bases", new
        {
            name = $"测试孵化园{Guid.NewGuid().ToString("N")[..6]}", jurisdictionCode = Street, address = "民族街万年社区党群服务中心", places,
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request, Cancel);
    }

    private static async Task<JsonElement> RecordAsync(HttpClient client, Guid record) =>
        await ReadAsync(await client.GetAsync($"{Api}/records/{record}", Cancel), HttpStatusCode.OK);

    private static object Scores(int each, int publicTrust, string on) => new
    {
        on, assessor = "江汉区社会组织服务中心", governance = each, finance = each, projects = each, people = each, publicTrust,
    };

    [Fact]
    public async Task Journey_ApplyAdmitSupportAssessGraduate_EnforcesStagesPlacesAndTheThreshold()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var incubator = await BaseAsync(street, places: 1);
        var organisation = await OrganisationAsync(street);
        var other = await OrganisationAsync(street);

        // An application with a key: a retry gets the same record; the key with another body is refused.
        var key = Guid.NewGuid().ToString("N");
        var applied = await ReadAsync(await SendAsync(street, $"{Api}/bases/{incubator}/records", new { organisationId = organisation, need = "需要场地" }, key),
            HttpStatusCode.Created);
        var record = applied.GetProperty("id").GetGuid();
        Assert.Equal("applied", applied.GetProperty("stage").GetString());
        var retried = await ReadAsync(await SendAsync(street, $"{Api}/bases/{incubator}/records", new { organisationId = organisation, need = "需要场地" }, key),
            HttpStatusCode.OK);
        Assert.Equal(record, retried.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await SendAsync(street, $"{Api}/bases/{incubator}/records", new { organisationId = organisation, need = "另一个需求" }, key)).StatusCode);
        // One open record per organisation.
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/bases/{incubator}/records", new { organisationId = organisation })).StatusCode);

        // Wrong moves for an applicant: graduating, supporting.
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/records/{record}/graduate", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/records/{record}/support",
            new { kind = "space", on = "2026-01-02", description = "工位" })).StatusCode);
        var noMentor = await ReadAsync(await street.PostAsync($"{Api}/records/{record}/admit", new { }), HttpStatusCode.BadRequest);
        Assert.True(noMentor.GetProperty("errors").TryGetProperty("mentor", out _));

        var admitted = await ReadAsync(await street.PostAsync($"{Api}/records/{record}/admit", new { mentorName = "陈思远（中级社会工作师）", version = 0 }),
            HttpStatusCode.OK);
        Assert.Equal("incubating", admitted.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/records/{record}/admit", new { mentorName = "黄静" })).StatusCode);

        // The base's one place is taken: a second organisation applies but is not admitted.
        var second = (await ReadAsync(await street.PostAsync($"{Api}/bases/{incubator}/records", new { organisationId = other }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/records/{second}/admit", new { mentorName = "黄静" })).StatusCode);
        Assert.Equal("applied", (await RecordAsync(street, second)).GetProperty("record").GetProperty("stage").GetString());

        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ReadAsync(await street.PostAsync($"{Api}/records/{record}/support", new { kind = "funds", on = day, description = "启动资金", amount = 5000m }),
            HttpStatusCode.Created);
        await ReadAsync(await street.PostAsync($"{Api}/records/{record}/support", new { kind = "funds", on = day, description = "活动经费", amount = 1200.5m }),
            HttpStatusCode.Created);
        await ReadAsync(await street.PostAsync($"{Api}/records/{record}/support", new { kind = "training", on = day, description = "财务培训" }),
            HttpStatusCode.Created);
        var spaceWithMoney = await ReadAsync(await street.PostAsync($"{Api}/records/{record}/support",
            new { kind = "space", on = day, description = "工位", amount = 100m }), HttpStatusCode.BadRequest);
        Assert.True(spaceWithMoney.GetProperty("errors").TryGetProperty("amount", out _));

        // Below the threshold (18 of 25) graduation is refused; an assessment reaching it lets the organisation go.
        await ReadAsync(await street.PostAsync($"{Api}/records/{record}/assessments", Scores(3, 2, day)), HttpStatusCode.Created);
        var outOfRange = await ReadAsync(await street.PostAsync($"{Api}/records/{record}/assessments", Scores(6, 2, day)), HttpStatusCode.BadRequest);
        Assert.True(outOfRange.GetProperty("errors").TryGetProperty("finance", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/records/{record}/graduate", new { })).StatusCode);
        await ReadAsync(await street.PostAsync($"{Api}/records/{record}/assessments", Scores(4, 3, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))), HttpStatusCode.Created);

        var view = await RecordAsync(street, record);
        Assert.Equal(6200.5m, view.GetProperty("funds").GetDecimal());
        Assert.Equal(14, view.GetProperty("trend").GetProperty("firstTotal").GetInt32());
        Assert.Equal(19, view.GetProperty("trend").GetProperty("latestTotal").GetInt32());
        Assert.Equal(5, view.GetProperty("trend").GetProperty("change").GetInt32());

        var graduated = await ReadAsync(await street.PostAsync($"{Api}/records/{record}/graduate", new { note = "已独立承接社区项目" }), HttpStatusCode.OK);
        Assert.Equal("graduated", graduated.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"{Api}/records/{record}/leave", new { reason = "已出壳" })).StatusCode);

        // The place is free again: the second organisation comes in.
        await ReadAsync(await street.PostAsync($"{Api}/records/{second}/admit", new { mentorName = "黄静" }), HttpStatusCode.OK);
        var listed = await ReadAsync(await street.GetAsync($"{Api}/bases/{incubator}", Cancel), HttpStatusCode.OK);
        Assert.Equal(1, listed.GetProperty("base").GetProperty("occupied").GetInt32());
        Assert.Equal(1, listed.GetProperty("base").GetProperty("graduated").GetInt32());
        Assert.Equal(1, listed.GetProperty("base").GetProperty("incubating").GetInt32());
        // A graduated organisation may apply again (another base, another time): its old record is closed.
        await ReadAsync(await street.PostAsync($"{Api}/bases/{incubator}/records", new { organisationId = organisation }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Scope_AnotherStreetGets404_AResidentIsForbidden_AnOrganisationSeesItsOwnRecordOnly()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var incubator = await BaseAsync(street, places: 5);
        var mine = await OrganisationAsync(street);
        var notMine = await OrganisationAsync(street);
        var own = (await ReadAsync(await street.PostAsync($"{Api}/bases/{incubator}/records", new { organisationId = mine }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var others = (await ReadAsync(await street.PostAsync($"{Api}/bases/{incubator}/records", new { organisationId = notMine }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        using var foreignStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await foreignStreet.GetAsync($"{Api}/records/{own}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignStreet.GetAsync($"{Api}/bases/{incubator}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignStreet.PostAsync($"{Api}/records/{own}/admit", new { mentorName = "黄静" })).StatusCode);
        var foreignList = await ReadAsync(await foreignStreet.GetAsync($"{Api}/bases", Cancel), HttpStatusCode.OK);
        Assert.DoesNotContain(foreignList.EnumerateArray(), b => b.GetProperty("id").GetGuid() == incubator);

        using var resident = await app.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"{Api}/bases", Cancel)).StatusCode);

        // A SocialOrg account linked to its organisation sees its own record, not the other's, and may not admit itself.
        var userName = await SecurityKit.CreateAccountAsync(app, "inc.org", Street, "SocialOrg");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));
        await ReadAsync(await street.PostAsync($"/api/v1/social/organisations/{mine}/members", new { userId }), HttpStatusCode.OK);
        using var organisation = await app.ClientForAsync(userName, SecurityKit.Password);
        Assert.Equal(mine, (await RecordAsync(organisation, own)).GetProperty("record").GetProperty("organisationId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await organisation.GetAsync($"{Api}/records/{others}", Cancel)).StatusCode);
        var baseSeen = await ReadAsync(await organisation.GetAsync($"{Api}/bases/{incubator}", Cancel), HttpStatusCode.OK);
        Assert.Equal([own], baseSeen.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await organisation.PostAsync($"{Api}/records/{own}/admit", new { mentorName = "黄静" })).StatusCode);
    }

    [Fact]
    public async Task Demo_HasBasesInJianghanWithOrganisationsAtEveryStage()
    {
        using var command = await app.ClientForAsync("command.420103");
        var bases = await ReadAsync(await command.GetAsync($"{Api}/bases?scope=420103", Cancel), HttpStatusCode.OK);
        var district = bases.EnumerateArray().Single(b => b.GetProperty("name").GetString() == "江汉区社会组织孵化基地");
        Assert.Equal("花楼街青少年成长社工服务社", district.GetProperty("operatorName").GetString());
        Assert.All(new[] { "applied", "incubating", "graduated", "left" }, stage => Assert.True(district.GetProperty(stage).GetInt32() >= 1, stage));
        Assert.Contains(bases.EnumerateArray(), b => b.GetProperty("name").GetString() == "民族街社区社会组织孵化园");
    }
}
