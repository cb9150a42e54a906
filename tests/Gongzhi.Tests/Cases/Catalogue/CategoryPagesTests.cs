using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Cases.Catalogue;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Catalogue;

/// <summary>The admin pages over HTTP, as a browser posts them (antiforgery cookie and field).</summary>
public sealed partial class CategoryPagesTests(CatalogueApp fixture) : IClassFixture<CatalogueApp>
{
    private GongzhiApp App => fixture.App;

    [Fact]
    public async Task List_ShowsTheTree_AndIsForAdminsOnly()
    {
        using var admin = await App.ClientForAsync("admin");
        var html = await admin.GetStringAsync("/admin/categories", Cancel);
        Assert.True(html.IndexOf("id=\"c01\"", StringComparison.Ordinal) < html.IndexOf("id=\"c0101\"", StringComparison.Ordinal));
        Assert.Contains("href=\"/admin/categories/0101\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/categories/new?parent=01\"", html, StringComparison.Ordinal);

        using var street = await App.ClientForAsync("street.420103001");
        Assert.NotEqual(HttpStatusCode.OK, (await street.GetAsync("/admin/categories", Cancel)).StatusCode);
    }

    [Fact]
    public async Task EditForm_SavesLimitsAndFields_ShowsFieldMessages_AndRefusesAStaleVersion()
    {
        using var admin = await App.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/case-categories", new
        {
            code = "94",
            nameZh = "页面大类",
            nameEn = "Page category",
            duplicateRadiusMeters = 50,
            duplicateWindowHours = 72,
            limits = new TimeLimitsBody(),
        }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var form = await FormAsync(admin, "/admin/categories/94");
        var fields = Fields(form, version: "0", nameZh: "页面大类改名", resolveNormal: "30");
        var saved = await PostAsync(admin, "/admin/categories/94", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var category = (await admin.GetFromJsonAsync<CaseCategoryResponse>("/api/v1/case-categories/94", Json, Cancel))!;
        Assert.Equal(("页面大类改名", 30d, 1L), (category.NameZh, category.Limits.Resolve.Normal, category.Version));
        var field = Assert.Single(category.Attributes);
        Assert.Equal("poleNumber", field.Name);
        Assert.Equal(["甲", "乙"], field.Choices);

        // The same form again, still at version 0: someone else's change (the save above) came in between.
        var stale = await (await PostAsync(admin, "/admin/categories/94", Fields(form, version: "0", nameZh: "再改名", resolveNormal: "30")))
            .Content.ReadAsStringAsync(Cancel);
        Assert.Contains("已被他人修改", stale, StringComparison.Ordinal);
        Assert.Equal("页面大类改名", (await admin.GetFromJsonAsync<CaseCategoryResponse>("/api/v1/case-categories/94", Json, Cancel))!.NameZh);

        var invalid = await (await PostAsync(admin, "/admin/categories/94", Fields(await FormAsync(admin, "/admin/categories/94"), version: "1",
            nameZh: "", resolveNormal: "0"))).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("中文名称必填", invalid, StringComparison.Ordinal);
        Assert.Contains("时限须为正的工作小时数", invalid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewMinorForm_StartsFromItsMajor_AndCreatesTheMinor()
    {
        using var admin = await App.ClientForAsync("admin");
        var form = await FormAsync(admin, "/admin/categories/new?parent=01");
        Assert.Matches("<option value=\"01\" selected", form);
        Assert.Matches("name=\"Form.Code\"[^>]*value=\"01\"|value=\"01\"[^>]*name=\"Form.Code\"", form);

        var fields = Fields(form, version: "0", nameZh: "页面新小类", resolveNormal: "12");
        fields["_handler"] = "category";
        fields["Form.Code"] = "0193";
        fields["Form.ParentCode"] = "01";
        var created = await PostAsync(admin, "/admin/categories/new?parent=01", fields);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var category = (await admin.GetFromJsonAsync<CaseCategoryResponse>("/api/v1/case-categories/0193", Json, Cancel))!;
        Assert.Equal(("01", "页面新小类", 12d, true), (category.ParentCode, category.NameZh, category.Limits.Resolve.Normal, category.Active));
    }

    private sealed record TimeLimitsBody
    {
        public object Register { get; } = new { normal = 4, urgent = 2, critical = 1 };
        public object Dispatch { get; } = new { normal = 2, urgent = 1, critical = 0.5 };
        public object Accept { get; } = new { normal = 2, urgent = 1, critical = 0.5 };
        public object Resolve { get; } = new { normal = 24, urgent = 8, critical = 4 };
        public object Verify { get; } = new { normal = 8, urgent = 4, critical = 2 };
    }

    private static async Task<string> FormAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync(Cancel);
    }

    private static Dictionary<string, string> Fields(string form, string version, string nameZh, string resolveNormal)
    {
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "category",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value),
            ["Form.Version"] = version,
            ["Form.NameZh"] = nameZh,
            ["Form.NameEn"] = "Page category",
            ["Form.Keywords"] = "页面、测试",
            ["Form.AllowAnonymous"] = "True",
            ["Form.DuplicateRadiusMeters"] = "50",
            ["Form.DuplicateWindowHours"] = "72",
            ["Form.SortOrder"] = "0",
            ["Form.Attributes[0].Name"] = "poleNumber",
            ["Form.Attributes[0].LabelZh"] = "灯杆编号",
            ["Form.Attributes[0].LabelEn"] = "Pole number",
            ["Form.Attributes[0].Type"] = "Choice",
            ["Form.Attributes[0].Choices"] = "甲，乙",
            ["Form.Attributes[1].Name"] = "",
            ["Form.Attributes[1].Type"] = "Text",
        };
        string[][] limits = [["4", "2", "1"], ["2", "1", "0.5"], ["2", "1", "0.5"], [resolveNormal, "8", "4"], ["8", "4", "2"]];
        for (var i = 0; i < limits.Length; i++)
        {
            fields[$"Form.Limits[{i}].Normal"] = limits[i][0];
            fields[$"Form.Limits[{i}].Urgent"] = limits[i][1];
            fields[$"Form.Limits[{i}].Critical"] = limits[i][2];
        }
        return fields;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields), Cancel);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
