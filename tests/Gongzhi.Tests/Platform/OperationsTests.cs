using System.Net;
using System.Text.Json;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Platform;

public sealed class OperationsTests(GongzhiApp app)
{
    [Fact]
    public async Task UnknownApiRoute_Returns404ProblemDetails()
    {
        using var client = await app.ClientForAsync("admin");
        var response = await client.GetAsync("/api/v1/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("admin", "/api/v1/organisations?q=%E6%B0%91%00", false)]
    // A case search writes its pair-index terms into the SQL, where NUL cannot go: it is refused on both engines.
    [InlineData("admin", "/api/v1/cases?q=%E5%99%AA%E9%9F%B3%00", true)]
    [InlineData("admin", "/api/v1/cases?q=%E5%99%AA%00%E9%9F%B3&sort=created", true)]
    [InlineData("command.420103", "/api/v1/cases?q=%00%E5%99%AA%E9%9F%B3&scope=420103&sort=created", true)]
    public async Task Text_WithANulCharacter_IsAClientError_OnEitherEngine(string user, string url, bool refused)
    {
        using var client = await app.ClientForAsync(user);
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        // SQLite stores NUL and simply finds nothing; PostgreSQL refuses it, which must read as bad input, not a crash.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}");
        if (refused)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("q", out _));
        }
    }

    [Fact]
    public async Task Healthz_ChecksTheDatabase()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        using var client = app.Anonymous();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/auth/login", out _));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/auth/me")]
    [InlineData("/api/v1/no-such-endpoint")]
    public async Task Responses_CarrySecurityHeaders(string path)
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiforgeryToken_IsRefused_AndSignsNobodyIn()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = GongzhiApp.Password,
            ["Input.ReturnUrl"] = "/",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("gongzhi.auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null, "img-src 'self' data: blob:;")]
    [InlineData("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "img-src 'self' data: blob: https://*.tiles.example.org;")]
    [InlineData("https://tiles.example.org/{z}/{x}/{y}.png", "img-src 'self' data: blob: https://tiles.example.org;")]
    public void ContentSecurityPolicy_AllowsImagesOnlyFromAConfiguredTileServer(string? tileUrl, string expected) =>
        Assert.Contains(expected, Gongzhi.Platform.PlatformSetup.ContentSecurityPolicy(tileUrl), StringComparison.Ordinal);
}
