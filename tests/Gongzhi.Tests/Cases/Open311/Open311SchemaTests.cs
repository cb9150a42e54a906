extern alias JsonSchemaNet;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gongzhi.Modules.Cases;
using Gongzhi.Tests.Infrastructure;
using JsonSchemaNet::Json.Schema;

namespace Gongzhi.Tests.Cases.Open311;

/// <summary>
/// Every kind of JSON answer of /open311/v2 against the GeoReport v2 schemas of the Open311 project (Schemas/NOTICE.md):
/// the services list, a service definition, the requests list, one request, a post's answer, a token and an error.
/// </summary>
public sealed class Open311SchemaTests(GongzhiApp app)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Cases", "Open311", "Schemas");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServicesList_MatchesTheSchema()
    {
        using var client = app.Anonymous();

        await AssertValidAsync(await client.GetAsync("/open311/v2/services.json", Cancel), "services.json");
    }

    [Fact]
    public async Task ServiceDefinitions_MatchTheSchema()
    {
        using var client = app.Anonymous();
        var services = await client.GetFromJsonAsync<JsonElement>("/open311/v2/services.json", Cancel);
        var withAttributes = services.EnumerateArray().Where(s => s.GetProperty("metadata").GetBoolean()).Take(5).ToList();
        Assert.NotEmpty(withAttributes);

        foreach (var service in withAttributes)
        {
            await AssertValidAsync(await client.GetAsync($"/open311/v2/services/{service.GetProperty("service_code").GetString()}.json", Cancel),
                "service-definition.json");
        }
    }

    [Fact]
    public async Task RequestsListAndOneRequest_MatchTheSchema_WithAndWithoutDeadlinesOrPosition()
    {
        var withEverything = await Open311PrivacyTests.PublicCaseAsync(app, "井盖松动，有车经过就响，联系 138 1234 5678。");
        var bare = await Open311PrivacyTests.PublicCaseAsync(app, "无", position: false);
        using var client = app.Anonymous();

        await AssertValidAsync(await client.GetAsync("/open311/v2/requests.json", Cancel), "requests.json");
        await AssertValidAsync(await client.GetAsync($"/open311/v2/requests.json?service_request_id={withEverything.Reference},{bare.Reference}", Cancel),
            "requests.json", expectedItems: 2);
        foreach (var reference in new[] { withEverything.Reference, bare.Reference })
        {
            var answer = await client.GetAsync($"/open311/v2/requests/{reference}.json", Cancel);
            var request = (await AssertValidAsync(answer, "requests.json", expectedItems: 1))[0]!;
            AssertMatches(request, Schema("request.json"));
        }
    }

    [Fact]
    public async Task PostAnswerAndToken_MatchTheSchema()
    {
        var key = await Open311PrivacyTests.KeyAsync(app);
        using var client = app.Anonymous();

        var posted = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "0101", ["lat"] = "30.5805", ["long"] = "114.2705", ["description"] = "路口有垃圾",
            ["attribute[volume]"] = "少量",
        }), Cancel);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var answer = await AssertValidAsync(posted, SwaggerList("RequestResponse"), expectedItems: 1);
        var token = answer[0]!["token"]!.GetValue<string>();
        await AssertValidAsync(await client.GetAsync($"/open311/v2/tokens/{token}.json", Cancel), SwaggerList("TokenResponse"), expectedItems: 1);
    }

    [Theory]
    [InlineData("/open311/v2/services/9999.json")]
    [InlineData("/open311/v2/requests.json?status=pending")]
    [InlineData("/open311/v2/requests.json?start_date=9999-12-31T00:00:00Z")]
    [InlineData("/open311/v2/requests/420103-19990101-000000.json")]
    [InlineData("/open311/v2/tokens/nothing.json")]
    [InlineData("/open311/v2/services.json?jurisdiction_id=beijing")]
    public async Task ErrorAnswers_MatchTheSchema(string path)
    {
        using var client = app.Anonymous();

        var answer = await client.GetAsync(path, Cancel);

        Assert.InRange((int)answer.StatusCode, 400, 499);
        await AssertValidAsync(answer, "errors.json", expectedStatus: answer.StatusCode);
    }

    [Fact]
    public async Task ErrorAnswerOfAPost_MatchesTheSchema()
    {
        using var client = app.Anonymous();

        var answer = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = "nope" }), Cancel);

        await AssertValidAsync(answer, "errors.json", expectedStatus: HttpStatusCode.Forbidden);
    }

    /// <summary>The checker itself: an answer that breaks the schema (a status the specification does not have, an empty date) fails.</summary>
    [Fact]
    public void Validation_RefusesAnAnswerThatBreaksTheSchema()
    {
        var broken = JsonNode.Parse("""[{"service_request_id":"1","status":"pending","service_code":"0101","requested_datetime":""}]""");

        Assert.False(Schema("requests.json").Evaluate(broken, Options()).IsValid);
    }

    private static async Task<JsonArray> AssertValidAsync(HttpResponseMessage answer, string schemaFile, int? expectedItems = null,
        HttpStatusCode? expectedStatus = null) => await AssertValidAsync(answer, Schema(schemaFile), expectedItems, expectedStatus);

    private static async Task<JsonArray> AssertValidAsync(HttpResponseMessage answer, JsonSchema schema, int? expectedItems = null,
        HttpStatusCode? expectedStatus = null)
    {
        var text = await answer.Content.ReadAsStringAsync(Cancel);
        if (expectedStatus is { } status)
        {
            Assert.Equal(status, answer.StatusCode);
        }
        else
        {
            Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {text}");
        }
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        var node = JsonNode.Parse(text);
        AssertMatches(node, schema);
        if (expectedItems is { } count)
        {
            Assert.Equal(count, Assert.IsType<JsonArray>(node).Count);
        }
        return node as JsonArray ?? [];
    }

    private static void AssertMatches(JsonNode? node, JsonSchema schema)
    {
        var result = schema.Evaluate(node, Options());
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).Take(20)) + "\n" + node?.ToJsonString()[..Math.Min(2000, node.ToJsonString().Length)]);
    }

    /// <summary>Formats are checked too: a date-time must be one, a media_url a URI.</summary>
    private static EvaluationOptions Options()
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        foreach (var file in Directory.GetFiles(Folder, "*.json"))
        {
            options.SchemaRegistry.Register(JsonSchema.FromFile(file));
        }
        return options;
    }

    private static JsonSchema Schema(string file) => JsonSchema.FromFile(Path.Combine(Folder, file));

    /// <summary>The answers the schema folder has no file for are defined in its swagger.json: a list of that definition.</summary>
    private static JsonSchema SwaggerList(string definition) => JsonSchema.FromText(
        new JsonObject
        {
            ["type"] = "array",
            ["minItems"] = 1,
            ["items"] = new JsonObject { ["$ref"] = $"{new Uri(Path.Combine(Folder, "swagger.json")).AbsoluteUri}#/definitions/{definition}" },
        }.ToJsonString());
}
