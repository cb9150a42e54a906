using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Insights.InsightsScenario;

namespace Gongzhi.Tests.Insights;

/// <summary>The indicators of <see cref="InsightsScenario"/> against numbers counted by hand from its table.</summary>
public sealed class IndicatorTests(GongzhiApp app)
{
    private static readonly string Period = $"from={From}&to={To}";

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Indicators_OnTheScriptedScenario_MatchTheHandCountedNumbers()
    {
        var set = await IndicatorsAsync($"scope={Community}&{Period}");

        // Cases 1–8 were registered in November; 9 never was, 10 was registered in October.
        Assert.Equal(8, set.GetProperty("registered").GetInt32());
        Assert.Equal(3, set.GetProperty("open").GetInt32());        // 6, 7, 8
        Assert.Equal(1, set.GetProperty("overdue").GetInt32());     // 7
        AssertRatio(set, "responseRate", 5, 7);                     // 1, 2 (by B), 4, 5, 6 in time; 3 late; 7 never accepted
        AssertRatio(set, "onTimeResolutionRate", 4, 5);             // 3 resolved late
        AssertRatio(set, "closureRate", 5, 8);                      // 1–5 closed
        AssertRatio(set, "onTimeClosureRate", 4, 5);                // 3 went overdue before closing
        AssertRatio(set, "reworkRate", 1, 5);                       // 4
        AssertRatio(set, "returnRate", 3, 9);                       // returns by 2, 6, 7 over nine dispatches (2 and 6 twice)
        AssertRatio(set, "extensionRate", 1, 6);                    // 5, over the six accepted cases
        AssertRatio(set, "solvedRate", 4, 5);                       // closed and not rated 不满意: all but 3
        AssertRatio(set, "satisfactionRate", 3, 4);                 // 满意 1, 5; 基本满意 2; 不满意 3
        AssertRatio(set, "handOffsPerCase", 9, 7);                  // 1+2+1+1+1+2+1
        AssertRatio(set, "returnedShare", 3, 7);                    // 2, 6, 7
        AssertRatio(set, "multiOrganisationShare", 3, 7);           // 2 (A, B), 3 (A + C), 6 (A, B)
        var wait = set.GetProperty("timeLostBetweenOrganisations");
        Assert.Equal(2, wait.GetProperty("samples").GetInt32());    // 2: 3.5 h, 6: 1 h; 7 still waits
        Assert.Equal(2.25, wait.GetProperty("hours").GetDouble());
    }

    [Fact]
    public async Task Indicators_ForOneOrganisationAndOneCategory_CountOnlyTheirCases()
    {
        var b = await IndicatorsAsync($"scope={Community}&{Period}&organisation={B}");
        Assert.Equal(2, b.GetProperty("registered").GetInt32());   // 2 and 6 are B's now
        AssertRatio(b, "responseRate", 2, 2);

        var roads = await IndicatorsAsync($"scope={Community}&{Period}&category=03");
        Assert.Equal(1, roads.GetProperty("registered").GetInt32());
        AssertRatio(roads, "responseRate", 0, 0);
        Assert.Equal(JsonValueKind.Null, roads.GetProperty("responseRate").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Breakdown_ByChild_SplitsTheScenarioByGrid()
    {
        await EnsureAsync(app);
        using var client = await app.ClientForAsync("admin");
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/indicators/breakdown?scope={Community}&by=child&{Period}", Cancel);
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("indicators"));
        Assert.Equal(5, rows[Grid1].GetProperty("registered").GetInt32());   // 1, 2, 3, 7, 8
        Assert.Equal(3, rows[Grid2].GetProperty("registered").GetInt32());   // 4, 5, 6
        AssertRatio(rows[Grid2], "reworkRate", 1, 2);

        var byCategory = await client.GetFromJsonAsync<JsonElement>($"/api/v1/indicators/breakdown?scope={Community}&by=category&{Period}", Cancel);
        var keys = byCategory.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ToList();
        Assert.Equal(["01", "03"], keys);
    }

    [Fact]
    public async Task Map_CountsOpenAndOverdueCasesPerGrid()
    {
        await EnsureAsync(app);
        using var client = await app.ClientForAsync("admin");
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/indicators/map?scope={Community}", Cancel);
        var children = body.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.Equal(2, children[Grid1].GetProperty("open").GetInt32());     // 7, 8
        Assert.Equal(1, children[Grid1].GetProperty("overdue").GetInt32());  // 7
        Assert.Equal(1, children[Grid2].GetProperty("open").GetInt32());     // 6
        Assert.Equal(0, children[Grid2].GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task Trend_CountsNewClosedAndOverdueByTheDayTheyHappened()
    {
        await EnsureAsync(app);
        using var client = await app.ClientForAsync("admin");
        var body = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/indicators/trend?scope={Community}&from=2026-11-01&to=2026-11-06&interval=day", Cancel);
        var points = body.GetProperty("points").EnumerateArray()
            .Select(p => (p.GetProperty("start").GetString(), p.GetProperty("new").GetInt32(), p.GetProperty("closed").GetInt32(),
                p.GetProperty("overdue").GetInt32()))
            .ToList();
        Assert.Equal(
            [("2026-11-01", 0, 0, 0), ("2026-11-02", 8, 1, 2), ("2026-11-03", 0, 4, 0), ("2026-11-04", 0, 1, 0), ("2026-11-05", 0, 0, 0)],
            points);

        var monthly = await client.GetFromJsonAsync<JsonElement>($"/api/v1/indicators/trend?scope={Community}&{Period}&interval=month", Cancel);
        var november = Assert.Single(monthly.GetProperty("points").EnumerateArray());
        Assert.Equal(6, november.GetProperty("closed").GetInt32());          // 1–5 and the October case 10
    }

    [Fact]
    public async Task Indicators_OutsideTheCallersScope_Return403()
    {
        using var client = await app.ClientForAsync("street.420103001");
        foreach (var path in new[]
        {
            $"/api/v1/indicators/?scope={Community}", $"/api/v1/indicators/breakdown?scope={Community}", $"/api/v1/indicators/map?scope={Community}",
            $"/api/v1/indicators/trend?scope={Community}", $"/api/v1/exports/cases.csv?scope={Community}",
            $"/api/v1/exports/indicators.csv?scope={Community}", "/api/v1/indicators/?scope=420103",
        })
        {
            var response = await client.GetAsync(path, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} returned {(int)response.StatusCode}");
        }
        var own = await client.GetFromJsonAsync<JsonElement>("/api/v1/indicators/", Cancel);
        Assert.Equal("420103001", own.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Indicators_ForResidents_Return403()
    {
        using var client = await app.ClientForAsync("resident1");
        var response = await client.GetAsync("/api/v1/indicators/?scope=420103001002", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("scope=4201x", "scope")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-11-05&to=2026-11-01", "to")]
    [InlineData("organisation=nope", "organisation")]
    [InlineData("category=1", "category")]
    public async Task Indicators_WithBadInput_ReturnValidationProblemNamingTheField(string query, string field)
    {
        using var client = await app.ClientForAsync("admin");
        var response = await client.GetAsync($"/api/v1/indicators/?{query}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("/api/v1/indicators/breakdown?scope=420104001005001&by=child", "by")]
    [InlineData("/api/v1/indicators/breakdown?by=street", "by")]
    [InlineData("/api/v1/indicators/trend?interval=hour", "interval")]
    [InlineData("/api/v1/indicators/trend?from=2020-01-01&to=2026-01-01&interval=day", "interval")]
    public async Task OtherEndpoints_WithBadInput_ReturnValidationProblemNamingTheField(string path, string field)
    {
        using var client = await app.ClientForAsync("admin");
        var response = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task CasesCsv_HasABomAHeaderAndNoPersonalData()
    {
        await EnsureAsync(app);
        using var client = await app.ClientForAsync("admin");
        using var response = await client.GetAsync($"/api/v1/exports/cases.csv?scope={Community}&{Period}",
            HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        // Streamed: written as rows are read, so no length is known in advance.
        Assert.Null(response.Content.Headers.ContentLength);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("reference,state,categoryCode,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 8, lines.Length);
        Assert.DoesNotContain("李四", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("u-qk-resident", text, StringComparison.Ordinal);
        Assert.DoesNotContain("垃圾", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-02T09:00:00+08:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndicatorsCsv_HasABomALocalisedHeaderAndATotalRow()
    {
        await EnsureAsync(app);
        using var client = await app.ClientForAsync("admin");
        var response = await client.GetAsync($"/api/v1/exports/indicators.csv?scope={Community}&by=child&{Period}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("响应率", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{Community},合计,8,3,1,5,7,", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(Grid1 + ",", StringComparison.Ordinal));
    }

    private async Task<JsonElement> IndicatorsAsync(string query)
    {
        await EnsureAsync(app);
        using var client = await app.ClientForAsync("admin");
        var response = await client.GetAsync($"/api/v1/indicators/?{query}", Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("indicators");
    }

    private static void AssertRatio(JsonElement set, string name, long numerator, long denominator)
    {
        var ratio = set.GetProperty(name);
        Assert.Equal((numerator, denominator), (ratio.GetProperty("numerator").GetInt64(), ratio.GetProperty("denominator").GetInt64()));
    }
}
