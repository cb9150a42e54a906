using System.Net;
using System.Text.RegularExpressions;
using Gongzhi.Components;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Hostile;

/// <summary>
/// Return addresses an attacker puts in a link (the sign-in form's ReturnUrl, the culture switch's redirectUri):
/// after a correct password or a language switch the browser must land on a page of this site, whatever the address.
/// </summary>
public sealed partial class OpenRedirectTests(GongzhiApp app)
{
    public static readonly TheoryData<string> Hostile =
    [
        "~//evil.example", "~/\\evil.example", "~%2F%2Fevil.example", "//evil.example", "///evil.example", "/\\evil.example",
        "\\\\evil.example", "\\/evil.example", "/%2Fevil.example", "/%2F%2Fevil.example", "%2F%2Fevil.example", "/%5Cevil.example",
        "/%5C%5Cevil.example", "https://evil.example", "http:evil.example", "https:/\\evil.example",
        "javascript:alert(1)", "data:text/html,x", " //evil.example", "/\t/evil.example", "/\r\n/evil.example", "/%09/evil.example",
        "/%0D%0A/evil.example", "/\u3000/evil.example", "\u202e//evil.example", "evil.example", "@evil.example", "/ /evil.example",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void LocalUrl_RefusesAnAddressThatLeavesTheSite(string url) => Assert.False(LocalUrl.IsLocal(url), url);

    [Theory]
    [InlineData("/")]
    [InlineData("/cases")]
    [InlineData("/cases/2026-0001?tab=events#top")]
    [InlineData("/search?q=%E5%99%AA%E9%9F%B3")]
    public void LocalUrl_KeepsAPageOfThisSite(string url) => Assert.Equal(url, LocalUrl.OrHome(url));

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SignIn_WithAHostileReturnAddress_LandsOnALocalPage(string returnUrl)
    {
        var location = await SignInAsync(returnUrl);

        AssertLocal(location);
    }

    [Fact]
    public async Task SignIn_WithALocalReturnAddress_GoesThere()
    {
        var location = await SignInAsync("/cases?x=1");

        Assert.Equal("/cases?x=1", new Uri(new Uri("http://localhost/"), location).PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task CultureSwitch_WithAHostileReturnAddress_LandsOnALocalPage(string redirectUri)
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync($"/culture/set?culture=en&redirectUri={Uri.EscapeDataString(redirectUri)}",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertLocal(response.Headers.Location!.OriginalString);
    }

    private async Task<string> SignInAsync(string returnUrl)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var client = app.Anonymous();
        var form = await client.GetStringAsync("/account/login", cancel);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value);
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "resident1", ["Input.Password"] = GongzhiApp.Password, ["Input.ReturnUrl"] = returnUrl,
        }), cancel);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"the sign-in answered {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Where a browser goes: on this host, with nothing in the address a browser would drop or read as another host.</summary>
    private static void AssertLocal(string location)
    {
        Assert.DoesNotContain(location, c => char.IsControl(c) || c == '\\');
        var target = new Uri(new Uri("http://localhost/"), location);
        Assert.Equal("localhost", target.Host);
        Assert.False(target.AbsolutePath.StartsWith("//", StringComparison.Ordinal), location);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
