using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Security;
using static Gongzhi.Tests.Webhooks.WebhookKit;

namespace Gongzhi.Tests.Webhooks;

/// <summary>A department's own system with a key acts on its organisation's cases: accept, return, resolve.</summary>
[Collection(WebhookCollection.Name)]
public sealed class InboundSystemTests(WebhookApp fixture)
{
    private const string Systems = "/api/v1/department-systems/cases";

    private Infrastructure.GongzhiApp App => fixture.App;

    private async Task<(Guid Id, string Secret)> IssueAsync(HttpClient admin, string organisation, string name)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/keys", new { organisationId = await OrganisationAsync(App, organisation), name }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (issued.GetProperty("key").GetProperty("id").GetGuid(), issued.GetProperty("secret").GetString()!);
    }

    private HttpClient System(string? key)
    {
        var client = App.Anonymous();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Gongzhi-Key", key);
        }
        return client;
    }

    private async Task<JsonElement> ActAsync(HttpClient system, Guid caseId, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await system.PostAsJsonAsync($"{Systems}/{caseId}/{action}", body, Cancel);
        Assert.True(response.StatusCode == expected, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}"
            + (response.StatusCode == HttpStatusCode.InternalServerError ? string.Join("\n", App.ServerErrors.Latest(3)) : ""));
        return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>(Cancel) : default;
    }

    [Fact]
    public async Task ASystemWithAKey_AcceptsTheCaseItWasToldOf_AndResolvesIt_AsItsOrganisation()
    {
        using var admin = await App.ClientForAsync("admin");
        var (_, secret) = await IssueAsync(admin, "420103.cgj", "城管局业务系统");
        Assert.StartsWith("gzsys_", secret, StringComparison.Ordinal);
        var path = $"inbound-{Guid.NewGuid():N}";
        await SubscribeAsync(admin, await OrganisationAsync(App, "420103.cgj"), fixture.Receiver.Url(path), "inbound-secret-0123456", ["case.dispatched"]);

        var caseId = await CaseAsync(App, "dispatched");
        await EventuallyAsync(() => Task.FromResult(fixture.Receiver.For(path, caseId).Count == 1), "the dispatch");
        using var told = JsonDocument.Parse(fixture.Receiver.For(path, caseId)[0].Body);
        var version = told.RootElement.GetProperty("case").GetProperty("version").GetInt64();

        using var system = System(secret);
        var accepted = await ActAsync(system, caseId, "accept", new { version });
        Assert.Equal("accepted", accepted.GetProperty("state").GetString(), ignoreCase: true);
        var read = await system.GetFromJsonAsync<JsonElement>($"{Systems}/{caseId}", Cancel);
        var resolved = await ActAsync(system, caseId, "resolve", new { version = read.GetProperty("version").GetInt64(), note = "系统回传：已清理" });
        Assert.Equal("resolved", resolved.GetProperty("state").GetString(), ignoreCase: true);
        var cgj = await OrganisationAsync(App, "420103.cgj");
        var lines = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/timeline", Cancel);
        var timeline = (lines.ValueKind == JsonValueKind.Array ? lines : lines.GetProperty("items")).EnumerateArray().Where(l => l.GetProperty("action").GetString() is "accept" or "resolve").ToList();
        Assert.Equal(2, timeline.Count);
        Assert.All(timeline, l => Assert.Equal(cgj, l.GetProperty("actorOrganisationId").GetGuid()));
    }

    [Fact]
    public async Task ASystemReturnsACase_ButNotAnotherOrganisationsCase_AndNoOrARevokedKeyIs401()
    {
        using var admin = await App.ClientForAsync("admin");
        var (id, secret) = await IssueAsync(admin, "420103.cgj", "城管局业务系统");
        var (_, other) = await IssueAsync(admin, "420103.yllyj", "园林局业务系统");
        var caseId = await CaseAsync(App, "dispatched");
        using var street = await App.ClientForAsync("street.420103001");
        var version = (await street.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Cancel)).GetProperty("version").GetInt64();

        using var anonymous = System(null);
        await ActAsync(anonymous, caseId, "return", new { version, reason = "不属本局" }, HttpStatusCode.Unauthorized);
        using var wrong = System("gzsys_" + new string('0', 48));
        await ActAsync(wrong, caseId, "return", new { version, reason = "不属本局" }, HttpStatusCode.Unauthorized);
        using var garden = System(other);
        await ActAsync(garden, caseId, "return", new { version, reason = "不属本局" }, HttpStatusCode.NotFound);

        using var system = System(secret);
        var returned = await ActAsync(system, caseId, "return", new { version, reason = "不属城管职责" });
        Assert.Equal("registered", returned.GetProperty("state").GetString(), ignoreCase: true);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Api}/keys/{id}/revoke", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync($"{Systems}/{caseId}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task AnotherDistrictsAdmin_CannotIssueAKeyForTheOrganisation_AndAKeyNeedsAName()
    {
        using var qiaokou = SecurityKit.WithToken(App, await SecurityKit.TokenAsync(App, await SecurityKit.CreateAccountAsync(App, "whk", "420104", "Admin")));
        var refused = await qiaokou.PostAsJsonAsync($"{Api}/keys", new { organisationId = await OrganisationAsync(App, "420103.cgj"), name = "越权" }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var admin = await App.ClientForAsync("admin");
        var nameless = await admin.PostAsJsonAsync($"{Api}/keys", new { organisationId = await OrganisationAsync(App, "420103.cgj"), name = " " }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.True((await nameless.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("name", out _));
    }
}
