using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Access;

/// <summary>
/// Account administration through the API and its pages: an administrator works inside its scope only (a district's
/// administrator never sees nor changes another district's accounts), and every change ends the account's sign-ins.
/// </summary>
public sealed partial class AccountAdministrationTests(GongzhiApp app)
{
    // 硚口区: a district without the demo's accounts; 江汉区 (420103) holds them.
    private const string Qiaokou = "420104";

    [Fact]
    public async Task DistrictAdmin_ListsOnlyItsDistrictsAccounts_AndCannotChangeAnotherDistricts()
    {
        var own = await CreateAccountAsync(app, "qk", Qiaokou + "001", "StreetStaff");
        using var district = WithToken(app, await TokenAsync(app, await CreateAccountAsync(app, "adm", Qiaokou, "Admin")));
        using var city = await app.ClientForAsync("admin");
        var foreignId = await IdOfAsync(city, "street.420103001");

        var listed = await district.GetFromJsonAsync<List<JsonElement>>("/api/v1/accounts", Cancel);
        var searched = await district.GetFromJsonAsync<List<JsonElement>>("/api/v1/accounts?q=street.420103001", Cancel);

        Assert.Contains(listed!, a => a.GetProperty("userName").GetString() == own);
        Assert.All(listed!, a => Assert.StartsWith(Qiaokou, a.GetProperty("scopeCode").GetString()));
        Assert.Empty(searched!);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/v1/accounts/{foreignId}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PostAsync($"/api/v1/accounts/{foreignId}/reset-password", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PostAsync($"/api/v1/accounts/{foreignId}/deactivate", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await district.PutAsJsonAsync($"/api/v1/accounts/{foreignId}/roles", new { roles = new[] { "Resident" } }, Cancel)).StatusCode);
        // The street's account is unchanged: still the street's staff, still signing in.
        var still = await city.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{foreignId}", Cancel);
        Assert.False(still.GetProperty("deactivated").GetBoolean());
    }

    [Fact]
    public async Task ResetPassword_AnswersAPasswordThatSignsIn_AndTheOldOneNoLonger()
    {
        var userName = await CreateAccountAsync(app, "reset", "420103001", "StreetStaff");
        var oldToken = await TokenAsync(app, userName);
        using var admin = await app.ClientForAsync("admin");

        var reset = await admin.PostAsync($"/api/v1/accounts/{await IdOfAsync(admin, userName)}/reset-password", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var password = (await reset.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("password").GetString()!;
        Assert.Matches("^[a-z2-9]{12}$", password);
        await TokenAsync(app, userName, password);
        using var anonymous = app.Anonymous();
        var old = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Password }, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var before = WithToken(app, oldToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task AfterAReset_TheAccountCanOnlyChooseANewPassword_PagesSendItToTheForm_TheApiRefuses()
    {
        var userName = await CreateAccountAsync(app, "forced", "420103001", "StreetStaff");
        using var admin = await app.ClientForAsync("admin");
        var reset = await admin.PostAsync($"/api/v1/accounts/{await IdOfAsync(admin, userName)}/reset-password", null, Cancel);
        var temporary = (await reset.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("password").GetString()!;

        using var browser = await Gongzhi.Tests.Web.WebSignIn.WithFormAsync(app, userName, temporary);
        var queue = await browser.GetAsync("/cases", Cancel);
        var form = await browser.GetAsync("/account?must=password", Cancel);
        using var api = WithToken(app, await TokenAsync(app, userName, temporary));
        var refused = await api.GetAsync("/api/v1/cases", Cancel);
        var export = await api.GetAsync("/api/v1/exports/cases.csv", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Equal("/account?must=password", queue.Headers.Location?.OriginalString);
        Assert.Contains("data-password-form", await form.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal("管理员重置了您的密码。请先设置您自己的新密码，再继续使用。",
            (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString());

        var changed = await api.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = temporary, newPassword = "Own-choice-2026" }, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var after = WithToken(app, await TokenAsync(app, userName, "Own-choice-2026"));
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/v1/cases", Cancel)).StatusCode);
        // An account whose password nobody reset is never stopped.
        using var untouched = WithToken(app, await TokenAsync(app, await CreateAccountAsync(app, "fresh", "420103001", "StreetStaff")));
        Assert.Equal(HttpStatusCode.OK, (await untouched.GetAsync("/api/v1/cases", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Deactivate_EndsSignIn_TakesEveryRole_AndCannotBeUndone()
    {
        var userName = await CreateAccountAsync(app, "leaver", "420103001", "StreetDispatcher");
        using var admin = await app.ClientForAsync("admin");
        var id = await IdOfAsync(admin, userName);

        var deactivated = await admin.PostAsync($"/api/v1/accounts/{id}/deactivate", null, Cancel);
        var unlock = await admin.PostAsync($"/api/v1/accounts/{id}/unlock", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        var body = await deactivated.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(body.GetProperty("deactivated").GetBoolean());
        Assert.Equal(0, body.GetProperty("roles").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, unlock.StatusCode);
        using var anonymous = app.Anonymous();
        var signIn = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = Password }, Cancel);
        Assert.NotEqual(HttpStatusCode.OK, signIn.StatusCode);
        var listed = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/v1/accounts?q={userName}&state=deactivated", Cancel);
        Assert.Single(listed!);
    }

    [Fact]
    public async Task SetRoles_ReplacesTheRoles_AndAnUnknownRoleIsA400NamingTheField()
    {
        var userName = await CreateAccountAsync(app, "roles", "420103001", "StreetStaff");
        using var admin = await app.ClientForAsync("admin");
        var id = await IdOfAsync(admin, userName);

        var bad = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "Emperor" } }, Cancel);
        var none = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = Array.Empty<string>() }, Cancel);
        var changed = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "StreetDispatcher", "StreetStaff" } }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Contains("Emperor", problem.GetProperty("errors").GetProperty("roles")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var roles = (await changed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("roles").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["StreetStaff", "StreetDispatcher"], roles);
        var dispatchers = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/v1/accounts?q={userName}&role=StreetDispatcher", Cancel);
        Assert.Single(dispatchers!);
    }

    [Fact]
    public async Task SetRoles_TakingTheAdministratorRoleFromOneself_Returns409()
    {
        var userName = await CreateAccountAsync(app, "self", Qiaokou, "Admin");
        using var self = WithToken(app, await TokenAsync(app, userName));
        var id = await IdOfAsync(self, userName);

        var response = await self.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "StreetStaff" } }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Create_WithoutScopeOrWithATakenName_Returns400NamingTheFieldsInChinese()
    {
        using var admin = await app.ClientForAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "street.420103001", displayName = "重名", password = Password, scopeCode = "", roles = new[] { "StreetStaff" },
        }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.Equal("这个登录名已被使用，请换一个。", errors.GetProperty("userName")[0].GetString());
        Assert.Equal("请选择一个辖区。", errors.GetProperty("scopeCode")[0].GetString());
    }

    [Fact]
    public async Task AccountsPage_OfADistrictAdmin_ListsItsDistrictOnly_AndAnotherDistrictsAccountIsNotFound()
    {
        var own = await CreateAccountAsync(app, "qkp", Qiaokou + "002", "CommunityStaff");
        var admin = await CreateAccountAsync(app, "admp", Qiaokou, "Admin");
        using var city = await app.ClientForAsync("admin");
        var foreignId = await IdOfAsync(city, "street.420103001");
        using var browser = await SignInAsync(admin);

        var list = await browser.GetStringAsync("/admin/accounts", Cancel);
        var foreign = await browser.GetAsync($"/admin/accounts/{foreignId}", Cancel);

        Assert.Contains($"data-account=\"{own}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("street.420103001", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task JurisdictionPicker_FindsByName_WithinTheAdministratorsScopeOnly()
    {
        using var city = await Web.WebSignIn.WithFormAsync(app, "admin");
        using var district = await SignInAsync(await CreateAccountAsync(app, "admj", Qiaokou, "Admin"));

        var found = Options(await city.GetStringAsync("/admin/accounts?scopeq=" + Uri.EscapeDataString("民族街"), Cancel));
        var outside = Options(await district.GetStringAsync("/admin/accounts?scopeq=" + Uri.EscapeDataString("民族街"), Cancel));
        var districtTop = Options(await district.GetStringAsync("/admin/accounts", Cancel));

        Assert.Contains(found, o => o.Value == "420103001" && o.Text == "江汉区 › 民族街街道");
        Assert.Empty(outside);
        Assert.Contains(districtTop, o => o.Value == Qiaokou);
        Assert.All(districtTop, o => Assert.StartsWith(Qiaokou, o.Value));
    }

    private async Task<HttpClient> SignInAsync(string userName)
    {
        var browser = app.Anonymous();
        var form = await browser.GetStringAsync("/account/login", Cancel);
        using var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
            ["Input.ReturnUrl"] = "/",
        }), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private static async Task<string> IdOfAsync(HttpClient admin, string userName)
    {
        var found = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/v1/accounts?q={Uri.EscapeDataString(userName)}", Cancel);
        return found!.Single(a => a.GetProperty("userName").GetString() == userName).GetProperty("id").GetString()!;
    }

    // The choices of the scope picker (its empty "all" option left out).
    private static List<(string Value, string Text)> Options(string page)
    {
        var select = ScopeSelect().Match(page);
        Assert.True(select.Success, "The page has no scope picker.");
        return [.. OptionTag().Matches(select.Groups[1].Value).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Where(o => o.Item1.Length > 0)];
    }

    [GeneratedRegex("<select id=\"scope\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex ScopeSelect();

    [GeneratedRegex("<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>")]
    private static partial Regex OptionTag();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
