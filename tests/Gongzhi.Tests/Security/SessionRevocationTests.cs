using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Access;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Security;

/// <summary>
/// A sign-in ends when its account says so: after signing out, after an administrator locks the account, after a password
/// change, an old cookie or bearer token is refused (401), not only forgotten by the browser that held it.
/// </summary>
public sealed partial class SessionRevocationTests(GongzhiApp app)
{
    [Fact]
    public async Task BearerToken_AfterSigningOut_IsRefused_TheAccountsOtherTokenStands_AndANewSignInWorks()
    {
        var userName = await CreateAccountAsync(app, "tkout", "420103001002", "Resident");
        using var client = WithToken(app, await TokenAsync(app, userName));
        using var otherDevice = WithToken(app, await TokenAsync(app, userName));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null, Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        using var again = WithToken(app, await TokenAsync(app, userName));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task SigningOutEverywhere_EndsEveryTokenAndCookieOfTheAccount()
    {
        var userName = await CreateAccountAsync(app, "tkall", "420103001002", "Resident");
        using var client = WithToken(app, await TokenAsync(app, userName));
        using var otherDevice = WithToken(app, await TokenAsync(app, userName));
        var cookie = await SignInWithFormAsync(userName);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout?everywhere=true", null, Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(cookie));
    }

    [Fact]
    public async Task Cookie_AfterSigningOutWithTheForm_IsRefusedEvenAsACopy_TheAccountsOtherComputerStaysSignedIn()
    {
        var userName = await CreateAccountAsync(app, "ckout", "420103001002", "StreetDispatcher");
        var cookie = await SignInWithFormAsync(userName);
        var otherComputer = await SignInWithFormAsync(userName);
        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(cookie));

        // The sign-out button of the page's header, with the page's antiforgery token.
        using var browser = NoCookies();
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", Jar(cookie));
        var page = await browser.SendAsync(home, Cancel);
        Keep(page);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value),
            }),
        };
        signOut.Headers.Add("Cookie", Jar(cookie));
        var signedOut = await browser.SendAsync(signOut, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // The browser forgot the cookie; a copy someone kept is refused all the same.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(cookie));
        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(otherComputer));
    }

    [Fact]
    public void Session_OlderThanTheLongestAllowed_OrWithoutAnId_DoesNotStand()
    {
        var started = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var session = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(SessionClaims.Id, "abc"), new Claim(SessionClaims.Started, started.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], "test"));
        var maxAge = TimeSpan.FromDays(7);

        Assert.True(SessionClaims.IsYoungEnough(session, started.AddDays(7).AddSeconds(-1), maxAge));
        Assert.False(SessionClaims.IsYoungEnough(session, started.AddDays(7), maxAge));
        var withoutId = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(SessionClaims.Started, started.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], "test"));
        Assert.False(SessionClaims.IsYoungEnough(withoutId, started.AddMinutes(1), maxAge));
    }

    [Fact]
    public async Task TokenAndCookie_AfterAnAdministratorLocksTheAccount_AreRefused_AndItCannotSignIn()
    {
        var userName = await CreateAccountAsync(app, "tklock", "420103001002", "Resident");
        var token = await TokenAsync(app, userName);
        var cookie = await SignInWithFormAsync(userName);
        using var client = WithToken(app, token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        var id = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));

        using var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/accounts/{id}/lock", null, Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(cookie));
        using var anonymous = app.Anonymous();
        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Password }, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/accounts/{id}/unlock", null, Cancel)).StatusCode);
        using var unlocked = WithToken(app, await TokenAsync(app, userName));
        Assert.Equal(HttpStatusCode.OK, (await unlocked.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Lock_ByAnotherDistrictsAdministrator_IsForbidden()
    {
        var userName = await CreateAccountAsync(app, "tklk2", "420103001002", "Resident");
        var token = await TokenAsync(app, userName);
        var id = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));
        using var other = WithToken(app, await TokenAsync(app, await CreateAccountAsync(app, "adm", "420104", "Admin")));

        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/v1/accounts/{id}/lock", null, Cancel)).StatusCode);

        using var client = WithToken(app, token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task TokenAndCookie_AfterAPasswordChange_AreRefused_TheNewPasswordSignsIn()
    {
        var userName = await CreateAccountAsync(app, "tkpwd", "420103001002", "Resident");
        var token = await TokenAsync(app, userName);
        var cookie = await SignInWithFormAsync(userName);
        using var client = WithToken(app, token);

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "not-it-2026x", newPassword = "Changed-pass-2027" }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "Changed-pass-2027" }, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(cookie));
        using var renewed = WithToken(app, await TokenAsync(app, userName, "Changed-pass-2027"));
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
    }

    /// <summary>The antiforgery cookies the pages set, by name, as a browser keeps them.</summary>
    private readonly Dictionary<string, string> jar = [];

    private void Keep(HttpResponseMessage response)
    {
        foreach (var pair in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
        {
            var nameValue = pair.Split(';')[0];
            var name = nameValue.Split('=')[0];
            if (name != "gongzhi.auth")
            {
                jar[name] = nameValue;
            }
        }
    }

    private string Jar(string? auth) => string.Join("; ", jar.Values.Append(auth ?? "").Where(c => c.Length > 0));

    private HttpClient NoCookies() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<HttpStatusCode> MeWithCookieAsync(string cookie)
    {
        using var client = NoCookies();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request, Cancel)).StatusCode;
    }

    /// <summary>Signs in through the web form and returns the sign-in cookie as a Cookie header value.</summary>
    private async Task<string> SignInWithFormAsync(string userName)
    {
        using var client = NoCookies();
        var page = await client.GetAsync("/account/login", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Keep(page);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value),
                ["Input.UserName"] = userName,
                ["Input.Password"] = Password,
                ["Input.ReturnUrl"] = "/",
            }),
        };
        post.Headers.Add("Cookie", Jar(null));
        var signedIn = await client.SendAsync(post, Cancel);
        var auth = signedIn.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("gongzhi.auth=", StringComparison.Ordinal))
            : null;
        Assert.True(auth is not null, $"The sign-in form set no cookie: {(int)signedIn.StatusCode}");
        return auth;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
