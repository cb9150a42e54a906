using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Jurisdictions;

public sealed class JurisdictionsApiTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ResidentAsync() => await app.ClientForAsync("resident2");

    [Fact]
    public async Task Get_District_ReturnsTheNodeWithItsChildCount()
    {
        using var client = await ResidentAsync();

        var node = await client.GetFromJsonAsync<JsonElement>("/api/v1/jurisdictions/420103", Cancel);

        Assert.Equal("420103", node.GetProperty("code").GetString());
        Assert.Equal("江汉区", node.GetProperty("name").GetString());
        Assert.Equal("district", node.GetProperty("level").GetString());
        Assert.Equal("420100", node.GetProperty("parentCode").GetString());
        Assert.False(node.GetProperty("boundaryDerived").GetBoolean());
        Assert.Equal(15, node.GetProperty("childCount").GetInt32());
    }

    [Fact]
    public async Task Get_UnknownCode_Returns404Problem()
    {
        using var client = await ResidentAsync();

        var response = await client.GetAsync("/api/v1/jurisdictions/420103999", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("420103999", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/jurisdictions/abc")]
    [InlineData("/api/v1/jurisdictions/4201030/children")]
    [InlineData("/api/v1/jurisdictions/110101/boundary")]
    [InlineData("/api/v1/jurisdictions/x/ancestors")]
    [InlineData("/api/v1/jurisdictions/42010300100200/boundaries/children")]
    public async Task MalformedCode_Returns400WithAFieldMessage(string path)
    {
        using var client = await ResidentAsync();

        var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Children_OfAStreet_AreItsCommunitiesInCodeOrder()
    {
        using var client = await ResidentAsync();

        var children = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/jurisdictions/420103001/children", Cancel);

        Assert.NotNull(children);
        Assert.NotEmpty(children);
        Assert.All(children, c => Assert.Equal("community", c.GetProperty("level").GetString()));
        Assert.All(children, c => Assert.InRange(c.GetProperty("childCount").GetInt32(), 3, 6));
        Assert.Contains(children, c => c.GetProperty("code").GetString() == "420103001002" && c.GetProperty("name").GetString() == "万年社区");
        Assert.Equal(children.Select(c => c.GetProperty("code").GetString()).Order(StringComparer.Ordinal), children.Select(c => c.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Ancestors_OfAGrid_RunFromTheCityToItsCommunity()
    {
        using var client = await ResidentAsync();

        var ancestors = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/jurisdictions/420103001002001/ancestors", Cancel);

        Assert.Equal(["420100", "420103", "420103001", "420103001002"], ancestors!.Select(a => a.GetProperty("code").GetString()));
        Assert.Equal(["武汉市", "江汉区", "民族街街道", "万年社区"], ancestors!.Select(a => a.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Boundary_IsAGeoJsonFeature()
    {
        using var client = await ResidentAsync();

        var response = await client.GetAsync("/api/v1/jurisdictions/420103001002/boundary", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GeoJson.ContentType, response.Content.Headers.ContentType?.MediaType);
        var feature = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        var properties = feature.GetProperty("properties");
        Assert.Equal("420103001002", properties.GetProperty("code").GetString());
        Assert.Equal("万年社区", properties.GetProperty("name").GetString());
        Assert.Equal("community", properties.GetProperty("level").GetString());
        Assert.True(properties.GetProperty("derived").GetBoolean());
        Assert.Contains(feature.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
    }

    [Fact]
    public async Task ChildBoundaries_AreAFeatureCollectionOfEveryChild()
    {
        using var client = await ResidentAsync();

        var response = await client.GetAsync("/api/v1/jurisdictions/420100/boundaries/children", Cancel);

        Assert.Equal(GeoJson.ContentType, response.Content.Headers.ContentType?.MediaType);
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(13, features.Count);
        Assert.All(features, f => Assert.False(f.GetProperty("properties").GetProperty("derived").GetBoolean()));
    }

    [Fact]
    public async Task Locate_APointInJianghan_ReturnsItsGridAndTheChainAboveIt()
    {
        var centroid = await app.WithDbAsync(db => db.Set<Jurisdiction>().Where(j => j.Code == "420103001002001")
            .Select(j => new { j.CentroidLat, j.CentroidLon, j.Boundary }).SingleAsync(Cancel));
        var inside = GeoJson.ReadGeometry(centroid.Boundary!).InteriorPoint;
        using var client = await ResidentAsync();

        var result = await client.GetFromJsonAsync<JsonElement>(
            FormattableString.Invariant($"/api/v1/jurisdictions/locate?lat={inside.Y}&lon={inside.X}"), Cancel);

        Assert.Equal("420103001002001", result.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(["420100", "420103", "420103001", "420103001002"],
            result.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Locate_OutsideTheCity_Returns404Problem()
    {
        using var client = await ResidentAsync();

        var response = await client.GetAsync("/api/v1/jurisdictions/locate?lat=39.9042&lon=116.4074", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("lon=114.27", "lat")]
    [InlineData("lat=&lon=114.27", "lat")]
    [InlineData("lat=abc&lon=114.27", "lat")]
    [InlineData("lat=30,58&lon=114.27", "lat")]
    [InlineData("lat=91&lon=114.27", "lat")]
    [InlineData("lat=30.58&lon=-180.5", "lon")]
    [InlineData("lat=30.58&lon=NaN", "lon")]
    [InlineData("lat=30.58&lon=Infinity", "lon")]
    public async Task Locate_WithAMissingOrBadNumber_Returns400NamingTheField(string query, string field)
    {
        using var client = await ResidentAsync();

        var response = await client.GetAsync($"/api/v1/jurisdictions/locate?{query}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no message for {field}: {problem}");
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task Search_ByPartOfAName_ReturnsThePathOfNames()
    {
        using var client = await ResidentAsync();

        var results = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/jurisdictions/search?q=万年", Cancel);

        var wannian = Assert.Single(results!, r => r.GetProperty("code").GetString() == "420103001002");
        Assert.Equal("万年社区", wannian.GetProperty("name").GetString());
        Assert.Equal("community", wannian.GetProperty("level").GetString());
        Assert.Equal("江汉区 / 民族街街道 / 万年社区", wannian.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Search_TakeLimitsTheResults_HigherLevelsFirst()
    {
        using var client = await ResidentAsync();

        var results = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/jurisdictions/search?q=区&take=5", Cancel);

        Assert.Equal(5, results!.Length);
        Assert.All(results, r => Assert.Equal("district", r.GetProperty("level").GetString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=%20%20")]
    public async Task Search_WithoutText_Returns400(string query)
    {
        using var client = await ResidentAsync();

        var response = await client.GetAsync($"/api/v1/jurisdictions/search{query}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
