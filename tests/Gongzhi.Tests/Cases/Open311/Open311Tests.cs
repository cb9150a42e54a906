using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Gongzhi.Modules.Cases;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Cases.Open311;

/// <summary>GeoReport v2 as published: field names, both formats, errors, the public view of a request.</summary>
public sealed class Open311Tests(GongzhiApp app)
{
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
        "media_url",
    ];

    private async Task<Case> SavedCaseAsync(string description = "南门外垃圾三天没人清运，联系我13812341234。")
    {
        var saved = Case.Submit(
            new CaseIntake(CaseUrgency.Normal, "垃圾堆积", description, 30.581234, 114.271234, "万年社区南门", CaseScenarios.Grid, CaseChannel.Web,
                "u-open311", CaseScenarios.Name("李四"), CaseScenarios.Phone("13912345678")),
            CaseScenarios.Rubbish, $"420103-20261126-{Random.Shared.Next(100000, 999999)}", CaseActor.System, DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddHours(4));
        // Only registered cases are public.
        saved.Register(CaseActor.System, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8));
        await app.WithDbAsync(async db =>
        {
            db.Add(saved);
            return await db.SaveChangesAsync();
        });
        return saved;
    }

    [Fact]
    public async Task Services_InJsonAndXml_ListTheCatalogueWithTheSpecificationsFields()
    {
        using var client = app.Anonymous();
        var json = await client.GetFromJsonAsync<JsonElement>("/open311/v2/services.json", TestContext.Current.CancellationToken);
        var xml = XDocument.Parse(await client.GetStringAsync("/open311/v2/services.xml", TestContext.Current.CancellationToken));

        Assert.True(json.GetArrayLength() >= 40);
        var first = json[0];
        foreach (var field in new[] { "service_code", "service_name", "description", "metadata", "type", "keywords", "group" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal("services", xml.Root!.Name.LocalName);
        Assert.Equal(json.GetArrayLength(), xml.Root.Elements("service").Count());
    }

    [Fact]
    public async Task ServiceDefinition_DescribesTheExtraFields_AndAnUnknownCodeIs404InTheErrorFormat()
    {
        using var client = app.Anonymous();
        var services = await client.GetFromJsonAsync<JsonElement>("/open311/v2/services.json", TestContext.Current.CancellationToken);
        var withMetadata = services.EnumerateArray().First(s => s.GetProperty("metadata").GetBoolean()).GetProperty("service_code").GetString();

        var definition = await client.GetFromJsonAsync<JsonElement>($"/open311/v2/services/{withMetadata}.json", TestContext.Current.CancellationToken);
        var attribute = definition.GetProperty("attributes")[0];
        foreach (var field in new[] { "variable", "code", "datatype", "required", "datatype_description", "order", "description", "values" })
        {
            Assert.True(attribute.TryGetProperty(field, out _), $"missing {field}");
        }

        var missing = await client.GetAsync("/open311/v2/services/9999.xml", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var errors = XDocument.Parse(await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("404", errors.Root!.Element("error")!.Element("code")!.Value);
        Assert.False(string.IsNullOrEmpty(errors.Root.Element("error")!.Element("description")!.Value));
    }

    [Fact]
    public async Task Request_ShowsThePublicViewOnly_WithEveryField()
    {
        var saved = await SavedCaseAsync();
        using var client = app.Anonymous();
        var body = await client.GetStringAsync($"/open311/v2/requests/{saved.Reference}.json", TestContext.Current.CancellationToken);
        var request = JsonDocument.Parse(body).RootElement[0];

        Assert.Equal(RequestFields, request.EnumerateObject().Select(p => p.Name));
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal(30.581, request.GetProperty("lat").GetDouble());
        Assert.EndsWith("+08:00", request.GetProperty("requested_datetime").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("李四", body, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", body, StringComparison.Ordinal);
        Assert.DoesNotContain("13812341234", body, StringComparison.Ordinal);
        Assert.DoesNotContain("u-open311", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_FilterByIdsAndStatus_InXml()
    {
        var saved = await SavedCaseAsync("路口垃圾");
        using var client = app.Anonymous();

        var byId = XDocument.Parse(await client.GetStringAsync($"/open311/v2/requests.xml?service_request_id={saved.Reference}",
            TestContext.Current.CancellationToken));
        var closedOnly = await client.GetFromJsonAsync<JsonElement>("/open311/v2/requests.json?status=closed&service_code=0101",
            TestContext.Current.CancellationToken);
        var emptyParameters = await client.GetAsync("/open311/v2/requests.json?status=&start_date=&service_code=", TestContext.Current.CancellationToken);

        Assert.Equal("service_requests", byId.Root!.Name.LocalName);
        Assert.Equal(saved.Reference, byId.Root.Element("request")!.Element("service_request_id")!.Value);
        Assert.DoesNotContain(closedOnly.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == saved.Reference);
        Assert.Equal(HttpStatusCode.OK, emptyParameters.StatusCode);
    }

    [Theory]
    [InlineData("/open311/v2/requests.json?start_date=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/open311/v2/requests.json?status=pending", HttpStatusCode.BadRequest)]
    [InlineData("/open311/v2/requests.json?jurisdiction_id=beijing", HttpStatusCode.NotFound)]
    [InlineData("/open311/v2/requests/420103-19990101-000000.json", HttpStatusCode.NotFound)]
    [InlineData("/open311/v2/services.yaml", HttpStatusCode.NotFound)]
    public async Task BadParameters_AreAnsweredWithAnErrorList(string path, HttpStatusCode expected)
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        var errors = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)expected, errors[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Get_WithAFormBody_ReadsOnlyTheQuery()
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("jurisdiction_id", "beijing")]),
        };
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_ResolvesToTheRequestId()
    {
        var saved = await SavedCaseAsync("token");
        using var client = app.Anonymous();
        var tokens = await client.GetFromJsonAsync<JsonElement>($"/open311/v2/tokens/{saved.Id}.json", TestContext.Current.CancellationToken);
        Assert.Equal(saved.Reference, tokens[0].GetProperty("service_request_id").GetString());
    }

    [Fact]
    public async Task Discovery_NamesTheSpecificationAndBothFormats()
    {
        using var client = app.Anonymous();
        var discovery = await client.GetFromJsonAsync<JsonElement>("/open311/v2/discovery.json", TestContext.Current.CancellationToken);
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task ApiKeys_AreIssuedOnceAndListedWithoutTheSecret()
    {
        using var admin = await app.ClientForAsync("admin");
        var issued = await admin.PostAsJsonAsync("/api/v1/open311/keys", new { name = "12345 热线对接" }, TestContext.Current.CancellationToken);
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("key").GetString()!;
        var list = await admin.GetStringAsync("/api/v1/open311/keys", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.StartsWith("gz311_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Contains(key[..10], list, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_RemovesPhoneAndIdNumbersButKeepsOtherNumbers() =>
        Assert.Equal("3号楼 [已隐去] 找王先生，身份证[已隐去]", Gongzhi.Modules.Cases.Open311.Open311Api.Redact("3号楼 13812341234 找王先生，身份证42010319900101123X"));
}
