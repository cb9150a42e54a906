using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Cases.Api;
using static Gongzhi.Tests.Webhooks.WebhookKit;

namespace Gongzhi.Tests.Webhooks;

/// <summary>
/// The fragmentation index on a hand-made scenario. On the webhook tests' own instance, one test after another, so that
/// no other test's cases change the counts between the two reads.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class FragmentationTests(WebhookApp fixture)
{
    private Infrastructure.GongzhiApp App => fixture.App;

    private static async Task<JsonElement> ReadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/indicators/fragmentation?{query}", Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static (int Returns, int Handoffs, int Cases, int Multi) Row(JsonElement index, Guid organisation) =>
        index.GetProperty("organisations").EnumerateArray().Where(r => r.GetProperty("organisationId").GetGuid() == organisation)
            .Select(r => (r.GetProperty("returns").GetInt32(), r.GetProperty("handoffs").GetInt32(), r.GetProperty("cases").GetInt32(),
                r.GetProperty("multiOrganisationCases").GetInt32()))
            .FirstOrDefault();

    [Fact]
    public async Task AReturn_IsChargedToTheOrganisationThatReturned_NotToTheLeadOfNow()
    {
        var a = await OrganisationAsync(App, "420103.cgj");
        var b = await OrganisationAsync(App, "420103.yllyj");
        using var actors = await CaseApiKit.ActorsAsync(App);
        using var command = await App.ClientForAsync("command.420103");
        var day = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var query = $"scope=420103&from={day}&to={DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddDays(1):yyyy-MM-dd}";
        var before = await ReadAsync(command, query);

        // Dispatched to A, returned by A, dispatched to B.
        var id = await CaseApiKit.CaseInStateAsync(App, actors, "registered");
        await CaseApiKit.DoAsync(actors.Street, id, "dispatch", new() { ["leadOrganisationId"] = a });
        await CaseApiKit.DoAsync(actors.Department, id, "return", new() { ["reason"] = "属园林部门职责" }, actors.Street);
        var now = await CaseApiKit.DoAsync(actors.Street, id, "dispatch", new() { ["leadOrganisationId"] = b });
        Assert.Equal(b, now.LeadOrganisationId);

        var after = await ReadAsync(command, query);
        var (beforeA, afterA) = (Row(before, a), Row(after, a));
        var (beforeB, afterB) = (Row(before, b), Row(after, b));
        Assert.Equal((1, 2, 1, 1), (afterA.Returns - beforeA.Returns, afterA.Handoffs - beforeA.Handoffs, afterA.Cases - beforeA.Cases,
            afterA.Multi - beforeA.Multi));
        Assert.Equal((0, 2, 1, 1), (afterB.Returns - beforeB.Returns, afterB.Handoffs - beforeB.Handoffs, afterB.Cases - beforeB.Cases,
            afterB.Multi - beforeB.Multi));
        var (totalsBefore, totalsAfter) = (before.GetProperty("totals"), after.GetProperty("totals"));
        Assert.Equal(1, totalsAfter.GetProperty("returns").GetInt32() - totalsBefore.GetProperty("returns").GetInt32());
        Assert.Equal(1, totalsAfter.GetProperty("cases").GetInt32() - totalsBefore.GetProperty("cases").GetInt32());
        Assert.Equal(1, totalsAfter.GetProperty("multiOrganisationShare").GetProperty("numerator").GetInt64()
            - totalsBefore.GetProperty("multiOrganisationShare").GetProperty("numerator").GetInt64());
        Assert.Equal(totalsAfter.GetProperty("cases").GetInt32(), totalsAfter.GetProperty("overdueShare").GetProperty("denominator").GetInt64());
    }

    [Fact]
    public async Task Fragmentation_OfAScopeOutsideTheCallers_Is403_AndABadDateIs400()
    {
        using var street = await App.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/api/v1/indicators/fragmentation?scope=420104", Cancel)).StatusCode);
        var bad = await street.GetAsync("/api/v1/indicators/fragmentation?from=2026-13-01", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("from", out _));
    }
}
