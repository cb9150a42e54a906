using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Gongzhi.Modules.Cases;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Cases.Open311;

/// <summary>POST /requests: form-encoded, api_key required, one of three kinds of location, attribute[...] fields.</summary>
public sealed class Open311PostingTests(GongzhiApp app)
{
    private async Task<string> KeyAsync()
    {
        using var admin = await app.ClientForAsync("admin");
        var issued = await admin.PostAsJsonAsync("/api/v1/open311/keys", new { name = "测试应用" }, TestContext.Current.CancellationToken);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("key").GetString()!;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    [Fact]
    public async Task Post_WithAKeyAndPosition_CreatesAnOpenCaseThroughIntake()
    {
        var key = await KeyAsync();
        using var client = app.Anonymous();
        var response = await client.PostAsync("/open311/v2/requests.json", Form(
            ("api_key", key), ("service_code", "0101"), ("lat", "30.5805"), ("long", "114.2705"),
            ("description", "路口有一堆垃圾"), ("first_name", "五"), ("last_name", "王"), ("phone", "13700001111"),
            ("attribute[volume]", "少量")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))[0];
        var reference = created.GetProperty("service_request_id").GetString()!;
        var stored = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Reference == reference));
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal((CaseChannel.Open311, CaseState.Submitted, "王五", "13700001111"),
            (stored.Channel, stored.State, protector.Unprotect(stored.ReporterNameProtected!), protector.Unprotect(stored.ReporterPhoneProtected!)));

        // Not public before a street office registers it.
        var shown = await client.GetAsync($"/open311/v2/requests/{reference}.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.DoesNotContain("13700001111", await shown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithAddressIdOnly_IsPlacedInThatJurisdiction_AndAnswersInXml()
    {
        var key = await KeyAsync();
        using var client = app.Anonymous();
        var response = await client.PostAsync("/open311/v2/requests.xml", Form(
            ("api_key", key), ("service_code", "0101"), ("address_id", "420103001002"), ("description", "社区里垃圾"),
            ("attribute[volume]", "一车以内")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var reference = xml.Root!.Element("request")!.Element("service_request_id")!.Value;
        var grid = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().Where(c => c.Reference == reference).Select(c => c.JurisdictionCode).SingleAsync());
        Assert.StartsWith("420103001002", grid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "0101", "30.58", HttpStatusCode.Forbidden)]
    [InlineData(true, "", "30.58", HttpStatusCode.BadRequest)]
    [InlineData(true, "0101", "", HttpStatusCode.BadRequest)]
    [InlineData(true, "9999", "30.58", HttpStatusCode.BadRequest)]
    [InlineData(true, "0101", "not-a-number", HttpStatusCode.BadRequest)]
    [InlineData(true, "0101", "31.9", HttpStatusCode.BadRequest)]
    public async Task Post_WithoutKeyOrWithBadFields_AnswersWithAnErrorListAndCreatesNothing(bool withKey, string serviceCode, string lat,
        HttpStatusCode expected)
    {
        var key = withKey ? await KeyAsync() : "gz311_wrong";
        var marker = $"open311-bad-{Guid.NewGuid():N}";
        using var client = app.Anonymous();
        var fields = new List<(string, string)> { ("api_key", key), ("service_code", serviceCode), ("description", marker) };
        if (lat.Length > 0)
        {
            fields.Add(("lat", lat));
            fields.Add(("long", "114.27"));
        }
        var response = await client.PostAsync("/open311/v2/requests.json", Form([.. fields]), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        var errors = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)expected, errors[0].GetProperty("code").GetInt32());
        Assert.False(await app.WithDbAsync(db => db.Set<Case>().AnyAsync(c => c.Description == marker)));
    }
}
