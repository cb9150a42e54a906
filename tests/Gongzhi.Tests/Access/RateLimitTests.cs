using System.Net;
using System.Net.Http.Json;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Access;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Login_BeyondThePermitsOfAMinute_Answers429()
    {
        await using var app = new GongzhiApp();
        app.Settings["Access:LoginPermitsPerMinute"] = "3";
        await app.InitializeAsync();
        using var client = app.Anonymous();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody.rate", password = "wrong-password-1" },
                TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task LoginForm_IsShownWithoutLimit_AndItsAttemptsBeyondTheMinute_ReturnToTheFormSayingHowLongToWait()
    {
        await using var app = new GongzhiApp();
        app.Settings["Access:LoginPermitsPerMinute"] = "3";
        await app.InitializeAsync();
        var cancel = TestContext.Current.CancellationToken;
        using var client = app.Anonymous();

        // Signed-out visitors sent to the form, more than the minute's attempts: every one sees it.
        string html = "";
        for (var i = 0; i < 6; i++)
        {
            var shown = await client.GetAsync("/account/login?ReturnUrl=%2Fcases", cancel);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            html = await shown.Content.ReadAsStringAsync(cancel);
        }
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        Task<HttpResponseMessage> AttemptAsync() => client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "nobody.rate", ["Input.Password"] = "wrong-password-1", ["Input.ReturnUrl"] = "/cases",
        }), cancel);

        for (var i = 0; i < 3; i++)
        {
            var attempt = await AttemptAsync();
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
            Assert.Contains("用户名或密码错误", await attempt.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        }
        var refused = await AttemptAsync();

        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        var location = refused.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login?wait=", location, StringComparison.Ordinal);
        Assert.EndsWith("&ReturnUrl=%2Fcases", location, StringComparison.Ordinal);
        var wait = await client.GetAsync(location, cancel);
        Assert.Equal(HttpStatusCode.OK, wait.StatusCode);
        var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"请 {seconds} 秒后再试", await wait.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        // The form and the API count against one limit: the address's attempts are used up for both.
        var api = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody.rate", password = "wrong-password-1" }, cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Login_BehindAProxyOnAnotherHost_IsLimitedPerClient_OnlyWhenTheProxyIsTrusted(bool trusted)
    {
        await using var app = new GongzhiApp { TestServices = services => services.AddTransient<IStartupFilter, FromProxy>() };
        app.Settings["Access:LoginPermitsPerMinute"] = "2";
        if (trusted)
        {
            app.Settings["Network:TrustedProxies:0"] = "10.0.0.0/8";
        }
        await app.InitializeAsync();
        using var client = app.Anonymous();
        async Task<HttpStatusCode> AttemptAsync(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { username = "nobody.proxy", password = "wrong-password-1" }),
            };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            [await AttemptAsync("203.0.113.1"), await AttemptAsync("203.0.113.1"), await AttemptAsync("203.0.113.1")]);
        // Another client behind the same proxy: a minute of its own when the proxy is trusted, the proxy's spent one when not.
        Assert.Equal(trusted ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, await AttemptAsync("203.0.113.2"));
    }

    [Fact]
    public async Task TrustedProxies_ThatAreNotAddresses_StopTheStart_NamingTheEntry()
    {
        await using var app = new GongzhiApp();
        app.Settings["Network:TrustedProxies:0"] = "10.0.0.5";
        app.Settings["Network:TrustedProxies:1"] = "the proxy";

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await app.InitializeAsync());

        Assert.Contains("Network:TrustedProxies:1", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Every request arrives from 10.1.2.3, as from a reverse proxy on another host (the test server has no address).</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
                return following(context);
            });
            next(app);
        };
    }

    [Fact]
    public async Task Intake_BeyondTheAccountsPermits_Answers429ProblemWithRetryAfter_AndCreatesNothing_OtherAccountsUnaffected()
    {
        await using var app = new GongzhiApp();
        app.Settings["Cases:IntakePerMinute"] = "2";
        app.Settings["Cases:AnonymousIntakePerMinute"] = "2";
        await app.InitializeAsync();
        var cancel = TestContext.Current.CancellationToken;
        using var resident = await app.ClientForAsync("resident1");
        using var other = await app.ClientForAsync("grid.420103001002001");
        Task<int> CountAsync() => app.WithDbAsync(db => db.Set<Gongzhi.Modules.Cases.Case>().CountAsync(cancel));

        await Gongzhi.Tests.Cases.Api.CaseApiKit.SubmitAsync(app, resident);
        await Gongzhi.Tests.Cases.Api.CaseApiKit.SubmitAsync(app, resident);
        var before = await CountAsync();
        var (lat, lon, _) = await Gongzhi.Tests.Cases.Api.CaseApiKit.PointInAsync(app, Gongzhi.Tests.Cases.Api.CaseApiKit.WanNianGrid);
        var refused = await Gongzhi.Tests.Cases.Api.CaseApiKit.PostCaseAsync(resident,
            new { categoryCode = "0103", title = "路面油污", description = "第三次报告", lat, lon, attributes = new { } });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancel)).GetProperty("status").GetInt32());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(before, await CountAsync());
        // The limit is the account's, not everyone's.
        await Gongzhi.Tests.Cases.Api.CaseApiKit.SubmitAsync(app, other);

        // Open311 clients are not accounts: they are counted by address, whatever api_key they send.
        using var anonymous = app.Anonymous();
        var open311 = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await anonymous.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["api_key"] = "not-a-key", ["service_code"] = "0101", ["lat"] = "30.5805", ["long"] = "114.2705", ["description"] = "垃圾",
            }), cancel);
            open311.Add(response.StatusCode);
        }
        Assert.NotEqual(HttpStatusCode.TooManyRequests, open311[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, open311[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, open311[2]);
    }
}
