using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.SocialForces;

/// <summary>What the module's tests share: JSON, reading responses, callers that need no account, and services in a scope of their own.</summary>
internal static class SocialTestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, Json, Cancel);

    /// <summary>A signed-in person without an account row: enough for the services, which take the caller as given.</summary>
    public static Caller Person(string role, string scope, string? name = null)
    {
        var id = Guid.NewGuid().ToString("N");
        return new Caller(id, name ?? "测试" + id[..6], scope, new HashSet<string> { role }, null, null, false);
    }

    /// <summary>Runs <paramref name="work"/> with a service from a request scope of its own, as concurrent requests would.</summary>
    public static async Task<TResult> WithAsync<TService, TResult>(this GongzhiApp app, Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A resident account of its own, for tests that need several real people over HTTP.</summary>
    public static async Task<string> ResidentAccountAsync(GongzhiApp app, string scope = "420103001002")
    {
        var userName = $"sf.{Guid.NewGuid():N}"[..20];
        using var admin = await app.ClientForAsync("admin");
        var created = await admin.PostAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "活动测试居民",
            password = "Social-test-2026",
            scopeCode = scope,
            roles = new[] { "Resident" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return userName;
    }
}
