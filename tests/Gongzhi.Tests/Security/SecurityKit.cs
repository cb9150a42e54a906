using System.Net;
using System.Net.Http.Json;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Security;

/// <summary>Accounts of a test's own: revoking or throttling a demo account would pull it from under the other tests.</summary>
internal static class SecurityKit
{
    public const string Password = "Security-test-2026";

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Creates an account through the city administrator and returns its name.</summary>
    public static async Task<string> CreateAccountAsync(GongzhiApp app, string prefix, string scopeCode, string role, Guid? organisationId = null)
    {
        var userName = $"{prefix}.{Guid.NewGuid():N}"[..24];
        using var admin = await app.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "安全测试",
            password = Password,
            scopeCode,
            organisationId,
            roles = new[] { role },
        }, Cancel);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancel));
        return userName;
    }

    /// <summary>A fresh bearer token for the account (not the fixture's cached one).</summary>
    public static async Task<string> TokenAsync(GongzhiApp app, string userName, string password = Password)
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Cancel)).GetProperty("accessToken").GetString()!;
    }

    public static HttpClient WithToken(GongzhiApp app, string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
