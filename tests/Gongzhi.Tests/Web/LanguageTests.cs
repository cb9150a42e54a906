using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Tests.Infrastructure;

namespace Gongzhi.Tests.Web;

/// <summary>
/// One language per answer, the user's: the culture cookie (the site's language switch) first, else Accept-Language,
/// else Chinese; pages and API problem details alike.
/// </summary>
public sealed class LanguageTests(GongzhiApp app)
{
    private const string ChineseCookie = ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("en-US,en;q=0.9", null, "en")]
    [InlineData("fr-FR,fr;q=0.9", null, "zh-CN")]
    [InlineData(null, null, "zh-CN")]
    [InlineData("en-GB", ChineseCookie, "zh-CN")]
    public async Task Page_SpeaksTheCookiesLanguage_ElseAcceptLanguage_ElseChinese(string? acceptLanguage, string? cookie, string expected)
    {
        using var client = app.Anonymous();
        using var request = Request(HttpMethod.Get, "/account/login", acceptLanguage, cookie);

        var html = await (await client.SendAsync(request, Cancel)).Content.ReadAsStringAsync(Cancel);

        Assert.Contains($"<html lang=\"{expected}\"", html, StringComparison.Ordinal);
        Assert.Contains(expected == "en" ? "Sign in" : "登录", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiProblem_WithAcceptLanguageEnglish_IsInEnglishOnly_TitleAndFieldMessage()
    {
        using var admin = await app.ClientForAsync("admin");
        using var english = Request(HttpMethod.Get, "/api/v1/accounts?role=Emperor", "en-US,en;q=0.8", null);
        using var chinese = Request(HttpMethod.Get, "/api/v1/accounts?role=Emperor", null, null);

        var en = await (await admin.SendAsync(english, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var zh = await (await admin.SendAsync(chinese, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal("Bad request", en.GetProperty("title").GetString());
        Assert.Equal("There is no such role: Emperor.", en.GetProperty("errors").GetProperty("role")[0].GetString());
        Assert.Equal("请求有误", zh.GetProperty("title").GetString());
        Assert.Equal("没有这个角色：Emperor。", zh.GetProperty("errors").GetProperty("role")[0].GetString());
    }

    [Fact]
    public async Task ApiProblem_OfTheFrameworkItself_FollowsAcceptLanguage_AndTheCookieWins()
    {
        using var client = app.Anonymous();
        using var english = Request(HttpMethod.Get, "/api/v1/no-such-resource", "en", null);
        using var cookieFirst = Request(HttpMethod.Get, "/api/v1/no-such-resource", "en", ChineseCookie);

        var en = await client.SendAsync(english, Cancel);
        var zh = await client.SendAsync(cookieFirst, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, en.StatusCode);
        Assert.Equal("Not found", (await en.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("title").GetString());
        Assert.Equal("没有找到", (await zh.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/v1/indicators/?scope=abc", "scope", "Not a jurisdiction code.", "不是有效的辖区编码。")]
    [InlineData("/api/v1/indicators/trend?interval=hourly", "interval", "One of day, week, month.", "取 day、week 或 month 之一。")]
    [InlineData("/api/v1/jurisdictions/locate?lat=abc&lon=114.3", "lat", "'abc' is not a number (use a decimal point, e.g. 30.58).", "“abc”不是数字（请用小数点，如 30.58）。")]
    [InlineData("/api/v1/organisations?take=0", "take", "Between 1 and 500.", "取 1 到 500 之间。")]
    public async Task FieldMessages_OfTheOlderModules_AreInTheCallersLanguageOnly(string path, string field, string english, string chinese)
    {
        using var admin = await app.ClientForAsync("admin");
        using var inEnglish = Request(HttpMethod.Get, path, "en", null);
        using var inChinese = Request(HttpMethod.Get, path, null, null);

        var en = await admin.SendAsync(inEnglish, Cancel);
        var zh = await admin.SendAsync(inChinese, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
        Assert.Equal(english, (await en.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(chinese, (await zh.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").GetProperty(field)[0].GetString());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? acceptLanguage, string? cookie)
    {
        var request = new HttpRequestMessage(method, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return request;
    }
}
