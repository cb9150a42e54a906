using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Services;

public sealed class ServicesApiTests(GongzhiApp app)
{
    private const string Items = "/api/v1/services/items";
    private const string Applications = "/api/v1/services/applications";
    private const string Street = "420103001";
    private const string IdNumber = "420103198003151234";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Applications) { Content = JsonContent.Create(body, options: Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request, Cancel);
    }

    private static object Application(string item = "MZ-LS-01", string jurisdiction = Street, string idNumber = IdNumber, string? channel = null) =>
        new { itemCode = item, jurisdictionCode = jurisdiction, applicant = new { name = "张三", idNumber, phone = "13800001234" }, channel };

    private static async Task<ApplicationResponse> AppliedAsync(HttpClient client, string item = "MZ-LS-01", string jurisdiction = Street) =>
        await ReadAsync<ApplicationResponse>(await SubmitAsync(client, Application(item, jurisdiction)), HttpStatusCode.Created);

    private static async Task<ApplicationResponse> ActAsync(HttpClient client, Guid id, string action, object? body = null,
        HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync<ApplicationResponse>(await client.PostAsJsonAsync($"{Applications}/{id}/{action}", body ?? new { }, Json, Cancel), expected);

    [Fact]
    public async Task Items_Anonymous_ListsTheCatalogueWithTheNamedFields()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(Items, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 60, $"{items.Count} items");
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrEmpty(item.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(item.GetProperty("name").GetString()));
            Assert.Contains(item.GetProperty("level").GetString(), (string[])["district", "street", "community"]);
            Assert.True(item.GetProperty("promisedDays").GetInt32() >= 0);
            Assert.True(item.GetProperty("materials").GetArrayLength() > 0);
        }
        Assert.Equal(3, items.Select(i => i.GetProperty("level").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Items_SearchInChinese_AndByLifeEventAndLevel()
    {
        using var anonymous = app.Anonymous();
        var byName = await anonymous.GetFromJsonAsync<JsonElement>($"{Items}?q={Uri.EscapeDataString("最低生活保障")}", Cancel);
        Assert.Contains(byName.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == "MZ-DB-01");
        // A life event's Chinese name finds its items even when the name does not say it.
        var byEvent = await anonymous.GetFromJsonAsync<JsonElement>($"{Items}?q={Uri.EscapeDataString("养老")}", Cancel);
        Assert.Contains(byEvent.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == "MZ-YD-01");
        var births = await anonymous.GetFromJsonAsync<JsonElement>($"{Items}?lifeEvent=birth&level=community", Cancel);
        var list = births.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(list);
        Assert.All(list, i =>
        {
            Assert.Equal("community", i.GetProperty("level").GetString());
            Assert.Contains("birth", i.GetProperty("lifeEvents").EnumerateArray().Select(e => e.GetString()));
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"{Items}?lifeEvent=nothing", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Submit_WithABadIdNumber_Returns400NamingApplicantIdNumber()
    {
        using var resident = await app.ClientForAsync("resident1");
        var response = await SubmitAsync(resident, Application(idNumber: "420103198003151235"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty("applicant.idNumber", out _), problem.ToString());
    }

    [Fact]
    public async Task Submit_WithTheSameKeyTwice_AnswersWithTheFirstApplication()
    {
        using var resident = await app.ClientForAsync("resident1");
        var key = Guid.NewGuid().ToString();
        var first = await ReadAsync<ApplicationResponse>(await SubmitAsync(resident, Application(), key), HttpStatusCode.Created);
        var again = await ReadAsync<ApplicationResponse>(await SubmitAsync(resident, Application(), key), HttpStatusCode.OK);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Reference, again.Reference);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ServiceApplication>().IgnoreQueryFilters().CountAsync(a => a.IdempotencyKey == key, Cancel)));
    }

    [Fact]
    public async Task Submit_KeepsTheApplicantEncrypted_AndAnswersMasked_StaffRevealWithAPurpose()
    {
        using var resident = await app.ClientForAsync("resident1");
        var created = await AppliedAsync(resident);
        Assert.Equal(ApplicationState.Submitted, created.State);
        Assert.Equal(ApplicationChannel.Online, created.Channel);
        Assert.Equal("420103********1234", created.Applicant.IdNumber);
        Assert.Equal("138****1234", created.Applicant.Phone);
        Assert.Equal("张*", created.Applicant.Name);
        var stored = await app.WithDbAsync(db => db.Set<ServiceApplication>().IgnoreQueryFilters().AsNoTracking().FirstAsync(a => a.Id == created.Id, Cancel));
        Assert.DoesNotContain(IdNumber, stored.ApplicantIdNumberProtected);
        Assert.DoesNotContain("13800001234", stored.ApplicantPhoneProtected);
        Assert.NotEqual("张三", stored.ApplicantNameProtected);

        using var clerk = await app.ClientForAsync("street.420103001");
        var noPurpose = await clerk.PostAsJsonAsync($"{Applications}/{created.Id}/reveal", new { purpose = "curiosity" }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
        const string purpose = Gongzhi.Platform.PersonalData.RevealPurposes.ServiceApplication;
        var revealed = await ReadAsync<ApplicantResponse>(await clerk.PostAsJsonAsync($"{Applications}/{created.Id}/reveal", new { purpose }, Json, Cancel),
            HttpStatusCode.OK);
        Assert.Equal(IdNumber, revealed.IdNumber);
        Assert.Equal("张三", revealed.Name);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .AnyAsync(e => e.Action == Gongzhi.Platform.Audit.AuditActions.Revealed && e.SubjectKey == created.Reference, Cancel)));
        // The applicant sees their own application, masked, but the reveal is the centre's.
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"{Applications}/{created.Id}/reveal", new { purpose }, Json, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Workflow_FromSubmissionToDelivery_WithMaterialsAndABadRatingFollowedUp()
    {
        using var resident = await app.ClientForAsync("resident1");
        using var clerk = await app.ClientForAsync("street.420103001");
        var created = await AppliedAsync(resident);

        var accepted = await ActAsync(clerk, created.Id, "accept");
        Assert.Equal(ApplicationState.Accepted, accepted.State);
        Assert.NotNull(accepted.DueDate);
        var waiting = await ActAsync(clerk, created.Id, "request-materials", new { missing = new[] { "户口簿", "收入证明" } });
        Assert.Equal(ApplicationState.AwaitingMaterials, waiting.State);
        Assert.Equal(["户口簿", "收入证明"], waiting.Missing);
        var empty = await clerk.PostAsJsonAsync($"{Applications}/{created.Id}/request-materials", new { missing = Array.Empty<string>() }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);

        Assert.Equal(ApplicationState.Accepted, (await ActAsync(resident, created.Id, "supply", new { note = "已补充" })).State);
        // The resident cannot decide their own application.
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"{Applications}/{created.Id}/approve", new { }, Json, Cancel)).StatusCode);
        Assert.Equal(ApplicationState.Approved, (await ActAsync(clerk, created.Id, "approve")).State);
        var delivered = await ActAsync(clerk, created.Id, "deliver");
        Assert.Equal(ApplicationState.Delivered, delivered.State);
        Assert.Equal(["submit", "accept", "request-materials", "supply", "approve", "deliver"], delivered.Timeline.Select(s => s.Action));

        var rated = await ActAsync(resident, created.Id, "evaluation", new { level = 2, comment = "排队太久" });
        Assert.Equal(2, rated.Rating);
        Assert.NotNull(rated.FollowUpDue);
        Assert.Equal(HttpStatusCode.Conflict,
            (await resident.PostAsJsonAsync($"{Applications}/{created.Id}/evaluation", new { level = 5 }, Json, Cancel)).StatusCode);
        await ActAsync(clerk, created.Id, "follow-up", new { answer = "已回访，增设取号引导。" });
        var seen = await ReadAsync<ApplicationResponse>(await resident.GetAsync($"{Applications}/{created.Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal("已回访，增设取号引导。", seen.FollowUpAnswer);
        Assert.True(seen.Mine);
    }

    [Fact]
    public async Task Actions_InTheWrongState_Return409_NotAcceptNeedsAReason()
    {
        using var resident = await app.ClientForAsync("resident1");
        using var clerk = await app.ClientForAsync("street.420103001");
        var created = await AppliedAsync(resident);
        await ActAsync(clerk, created.Id, "deliver", expected: HttpStatusCode.Conflict);
        await ActAsync(clerk, created.Id, "supply", expected: HttpStatusCode.Conflict);
        var noReason = await clerk.PostAsJsonAsync($"{Applications}/{created.Id}/not-accept", new { }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(ApplicationState.NotAccepted, (await ActAsync(clerk, created.Id, "not-accept", new { reason = "不属于本中心受理范围" })).State);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PostAsJsonAsync($"{Applications}/{created.Id}/teleport", new { }, Json, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Scope_AnotherStreetAndAnotherResident_GetNotFound_EachSeesOnlyTheirOwn()
    {
        using var resident1 = await app.ClientForAsync("resident1");
        using var resident2 = await app.ClientForAsync("resident2");
        var mine = await AppliedAsync(resident1);
        var theirs = await AppliedAsync(resident2, jurisdiction: "420103002");

        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"{Applications}/{mine.Id}", Cancel)).StatusCode);
        await ActAsync(otherStreet, mine.Id, "accept", expected: HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await resident2.GetAsync($"{Applications}/{mine.Id}", Cancel)).StatusCode);
        await ActAsync(resident2, mine.Id, "supply", expected: HttpStatusCode.NotFound);
        // Community staff work community items only: a street item at the street centre is out of their sight.
        using var community = await app.ClientForAsync("community.420103001002");
        await ActAsync(community, mine.Id, "accept", expected: HttpStatusCode.NotFound);

        using var street = await app.ClientForAsync("street.420103001");
        var queue = await ReadAsync<ApplicationPage>(await street.GetAsync($"{Applications}?size=100", Cancel), HttpStatusCode.OK);
        Assert.All(queue.Items, a => Assert.StartsWith(Street, a.JurisdictionCode));
        Assert.DoesNotContain(queue.Items, a => a.Id == theirs.Id);
        var submitted = await ReadAsync<ApplicationPage>(await street.GetAsync($"{Applications}?state=submitted&size=100", Cancel), HttpStatusCode.OK);
        Assert.Contains(submitted.Items, a => a.Id == mine.Id);
        Assert.All(submitted.Items, a => Assert.Equal(ApplicationState.Submitted, a.State));
        var own = await ReadAsync<ApplicationPage>(await resident1.GetAsync($"{Applications}?size=100", Cancel), HttpStatusCode.OK);
        Assert.Contains(own.Items, a => a.Id == mine.Id);
        Assert.All(own.Items, a => Assert.True(a.Mine));
        Assert.DoesNotContain(own.Items, a => a.Id == theirs.Id);
    }

    [Fact]
    public async Task CommunityItem_IsWorkedByTheCommunity_AndAnImmediateOneIsApprovedInOneStep()
    {
        using var resident = await app.ClientForAsync("resident1");
        var created = await AppliedAsync(resident, "YB-CB-01", "420103001002");
        using var community = await app.ClientForAsync("community.420103001002");
        var approved = await ActAsync(community, created.Id, "approve");
        Assert.Equal(ApplicationState.Approved, approved.State);
        Assert.Equal(["submit", "accept", "approve"], approved.Timeline.Select(s => s.Action));
        // A community item must name a community, not a street.
        var wrong = await SubmitAsync(resident, Application("YB-CB-01", Street));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("jurisdictionCode", await wrong.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task WalkIn_RegisteredByTheClerk_IsNotTheClerksOwn()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        var created = await ReadAsync<ApplicationResponse>(await SubmitAsync(clerk, Application(channel: "window")), HttpStatusCode.Created);
        Assert.Equal(ApplicationChannel.Window, created.Channel);
        Assert.False(created.Mine);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(otherStreet, Application(channel: "window"))).StatusCode);
    }
}
