using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Access;

public sealed class AuthTests(GongzhiApp app)
{
    [Fact]
    public async Task Login_WithDemoAccount_ReturnsBearerTokenAndExpiry()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "street.420103001", password = GongzhiApp.Password },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.True(body.GetProperty("expiresIn").GetInt64() > 0);
    }

    [Fact]
    public async Task Me_WithToken_ReturnsScopeAndRoles()
    {
        using var client = await app.ClientForAsync("grid.420103001002001");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", TestContext.Current.CancellationToken);

        Assert.Equal("420103001002001", me.GetProperty("scopeCode").GetString());
        Assert.Contains("GridWorker", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Me_Anonymous_Returns401()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/api/v1/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithWrongPassword_Returns401Problem()
    {
        var userName = await CreateResidentAsync("wrong");
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = "not-the-password-1" },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_WithEmptyBody_Returns400WithFieldMessage()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "", password = "" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("username", out _));
    }

    /// <summary>Failed sign-ins update the account's row, so tests that fail on purpose use an account of their own.</summary>
    private async Task<string> CreateResidentAsync(string prefix)
    {
        var userName = $"{prefix}.{Guid.NewGuid():N}"[..20];
        using var admin = await app.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "测试居民",
            password = "Wrong-test-2026",
            scopeCode = "420103001002",
            roles = new[] { "Resident" },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return userName;
    }

    [Fact]
    public async Task CreateAccount_WithWeakPasswordOrUnknownRole_Returns400()
    {
        using var admin = await app.ClientForAsync("admin");
        var weak = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "weak.password", displayName = "x", password = "short", scopeCode = "420103001", roles = new[] { "Resident" },
        }, TestContext.Current.CancellationToken);
        var unknownRole = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "unknown.role", displayName = "x", password = "Long-enough-2026", scopeCode = "420103001", roles = new[] { "Emperor" },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
    }

    [Fact]
    public async Task CreateAccount_ByNonAdmin_Returns403()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var response = await street.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "by.street", displayName = "x", password = "Long-enough-2026", scopeCode = "420103001", roles = new[] { "Resident" },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
