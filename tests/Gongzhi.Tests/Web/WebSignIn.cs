using System.Net;
using System.Text.RegularExpressions;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Web;

/// <summary>Signs a demo account in through the web form, as a browser does, for tests that read the pages' HTML.</summary>
internal static partial class WebSignIn
{
    public static async Task<HttpClient> WithFormAsync(GongzhiApp app, string userName, string? password = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        var browser = app.Anonymous();
        var form = await browser.GetStringAsync("/account/login", cancel);
        using var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password ?? GongzhiApp.Password,
            ["Input.ReturnUrl"] = "/",
        }), cancel);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
