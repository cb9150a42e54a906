using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Notifications;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Gongzhi.Tests.Platform;

/// <summary>
/// Two application nodes on one PostgreSQL and one Redis, as DESIGN.md's scale-out describes. The two nodes are two
/// hosts in this process: each has its own service container, data-protection key ring, SignalR hub manager, Redis
/// connection and deadline monitor, so they share nothing but the database and Redis — which is what is under test.
/// (That each deadline fires once across two nodes is <c>DeadlineMonitorTests.TwoInstancesOnOnePostgres_ClaimEachDeadlineExactlyOnce</c>.)
/// </summary>
public sealed partial class TwoNodeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string? Redis => Environment.GetEnvironmentVariable("GONGZHI_TEST_REDIS") is { Length: > 0 } r ? r : null;

    [Fact]
    public async Task SignInOnA_WorksOnB_AndACaseCreatedOnA_ReachesAQueueOpenOnB()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres && Redis is not null,
            "Several nodes share PostgreSQL and Redis (DESIGN.md, scale-out); ./test.sh runs this with GONGZHI_TEST_REDIS on its PostgreSQL suite.");
        await using var database = await TestDatabase.CreateAsync();
        await using var a = await StartAsync(database);
        await using var b = await StartAsync(database);

        // The sign-in cookie A writes, sent to B: B must read it with the key A made, which only the database holds.
        var cookie = await SignInWithFormAsync(a, "street.420103001");
        using var toB = b.Anonymous();
        toB.DefaultRequestHeaders.Add("Cookie", cookie);
        var me = await toB.GetAsync("/api/v1/auth/me", Cancel);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("street.420103001", (await me.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("userName").GetString());
        using var toA = a.Anonymous();
        toA.DefaultRequestHeaders.Add("Cookie", await SignInWithFormAsync(b, "street.420103001"));
        Assert.Equal(HttpStatusCode.OK, (await toA.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);

        // The street's queue, open on B; the report arrives on A.
        var token = await TokenAsync(b, "street.420103001");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(b.Server.BaseAddress, LiveHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => b.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var received = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var expected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<LiveEvent>("changed", async change =>
        {
            if (change.Key == await expected.Task)
            {
                received.TrySetResult(change);
            }
        });
        await hub.StartAsync(Cancel);
        await hub.InvokeAsync(nameof(LiveHub.WatchJurisdiction), "420103001", Cancel);

        using var resident = await a.ClientForAsync("resident1");
        var submitted = await CaseApiKit.SubmitAsync(a, resident);
        expected.SetResult(submitted.Id.ToString());

        var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(20), Cancel);
        Assert.Equal("case.submit", change.Kind, ignoreCase: true);
        Assert.StartsWith("420103001", change.JurisdictionCode, StringComparison.Ordinal);
    }

    private static async Task<GongzhiApp> StartAsync(TestDatabase database)
    {
        var app = new GongzhiApp { SharedDatabase = database };
        app.Settings["Redis:Connection"] = Redis!;
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Signs in through the web form (antiforgery token and all) and returns the sign-in cookie as a Cookie header value.</summary>
    private static async Task<string> SignInWithFormAsync(GongzhiApp node, string userName)
    {
        using var client = node.Anonymous();
        var page = await client.GetAsync("/account/login", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        var antiforgery = AntiforgeryField().Match(html).Groups[1].Value;
        var cookies = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
                ["Input.UserName"] = userName,
                ["Input.Password"] = GongzhiApp.Password,
                ["Input.ReturnUrl"] = "/",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        var signedIn = await client.SendAsync(post, Cancel);
        var auth = signedIn.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("gongzhi.auth=", StringComparison.Ordinal))
            : null;
        Assert.True(auth is not null, $"The sign-in form set no cookie: {(int)signedIn.StatusCode}");
        return auth;
    }

    private static async Task<string> TokenAsync(GongzhiApp node, string userName)
    {
        using var client = node.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = GongzhiApp.Password }, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("accessToken").GetString()!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
