using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Routing;

/// <summary>
/// The routing rule pages over HTTP, as a browser posts them (antiforgery cookie and field). On an instance of their own:
/// the rules they make would change other tests' routing suggestions.
/// </summary>
public sealed partial class RoutingRulePagesTests : IAsyncLifetime
{
    private readonly GongzhiApp app = new();

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task NewRule_FromTheForm_WithAssistingOrganisations_IsListedByName_AndFilteredByCategoryAndArea()
    {
        using var admin = await app.ClientForAsync("admin");
        var (lead, firstHelper, secondHelper) = (await OrgAsync("420103.cgj"), await OrgAsync("420103.zjj"), await OrgAsync("420103.yllyj"));
        var form = await FormAsync(admin, "/admin/routing-rules/new");
        Assert.Contains($"<option value=\"{lead}\"", form, StringComparison.Ordinal);

        var saved = await PostAsync(admin, "/admin/routing-rules/new", Fields(form, "0405", "420103001", lead, version: 0),
            ("assisting", firstHelper.ToString()), ("assisting", secondHelper.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rule = Assert.Single((await admin.GetFromJsonAsync<List<RoutingRuleResponse>>("/api/v1/routing-rules/?category=0405", Json, Cancel))!);
        Assert.EndsWith($"/admin/routing-rules#r{rule.Id}", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(("420103001", lead, true), (rule.JurisdictionPrefix, rule.LeadOrganisationId, rule.Active));
        Assert.Equal(new[] { firstHelper, secondHelper }.Order(), rule.AssistingOrganisationIds.Order());

        var list = await admin.GetStringAsync("/admin/routing-rules?category=04&area=420103001002", Cancel);
        var row = Regex.Match(list, $"<tr id=\"r{rule.Id}\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("民族街街道", row, StringComparison.Ordinal);
        Assert.Contains("江汉区城市管理执法局", row, StringComparison.Ordinal);
        Assert.Contains("江汉区园林和林业局", row, StringComparison.Ordinal);
        Assert.Contains("、", row, StringComparison.Ordinal);
        // Another district's area, and another category, leave the rule out.
        Assert.DoesNotContain($"r{rule.Id}", await admin.GetStringAsync("/admin/routing-rules?area=420102", Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain($"r{rule.Id}", await admin.GetStringAsync("/admin/routing-rules?category=01", Cancel), StringComparison.Ordinal);

        // The edit page shows the rule's assisting organisations selected.
        var edit = await FormAsync(admin, $"/admin/routing-rules/{rule.Id}");
        Assert.Matches($"<option value=\"{firstHelper}\" selected", edit);
    }

    [Fact]
    public async Task EditForm_ShowsFieldMessages_RefusesADuplicateAndAStaleVersion_AndDeletes()
    {
        using var admin = await app.ClientForAsync("admin");
        var lead = await OrgAsync("420103.cgj");
        var first = await CreateAsync(admin, "0404", "420103001", lead);
        var second = await CreateAsync(admin, "0404", "420103002", lead);
        var path = $"/admin/routing-rules/{second.Id}";

        var invalid = await (await PostAsync(admin, path, Fields(await FormAsync(admin, path), "0404", "420199", Guid.Empty, version: 0)))
            .Content.ReadAsStringAsync(Cancel);
        Assert.Contains("不是已有的辖区编码", invalid, StringComparison.Ordinal);
        Assert.Contains("请选择主办单位", invalid, StringComparison.Ordinal);

        // Moved onto the first rule's category and area: refused with the field named, not a server error.
        var duplicate = await (await PostAsync(admin, path, Fields(await FormAsync(admin, path), "0404", "420103001", lead, version: 0)))
            .Content.ReadAsStringAsync(Cancel);
        Assert.Contains("已有同一分类和辖区的规则", duplicate, StringComparison.Ordinal);
        var throughApi = await admin.PutAsJsonAsync($"/api/v1/routing-rules/{second.Id}",
            new { categoryCode = "0404", jurisdictionPrefix = "420103001", leadOrganisationId = lead, version = 0 }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, throughApi.StatusCode);

        var form = await FormAsync(admin, path);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, path, Fields(form, "0404", "420103002001", lead, version: 0))).StatusCode);
        var stale = await (await PostAsync(admin, path, Fields(form, "0404", "420103002", lead, version: 0))).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("已被他人修改", stale, StringComparison.Ordinal);

        var deleteForm = await FormAsync(admin, $"/admin/routing-rules/{first.Id}");
        var deleted = await admin.PostAsync($"/admin/routing-rules/{first.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "routing-rule-delete",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(deleteForm).Groups[1].Value),
            ["DeleteVersion"] = "0",
        }), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var left = (await admin.GetFromJsonAsync<List<RoutingRuleResponse>>("/api/v1/routing-rules/?category=0404", Json, Cancel))!;
        Assert.Equal(("420103002001", 1L), (Assert.Single(left).JurisdictionPrefix, left[0].Version));
    }

    private async Task<Guid> OrgAsync(string code) => (await app.WithDbAsync(db => db.FindByCodeAsync(code, Cancel)))!.Id;

    private static async Task<RoutingRuleResponse> CreateAsync(HttpClient admin, string category, string area, Guid lead)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/routing-rules/",
            new { categoryCode = category, jurisdictionPrefix = area, leadOrganisationId = lead }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<RoutingRuleResponse>(Json, Cancel))!;
    }

    private static async Task<string> FormAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync(Cancel);
    }

    private static List<KeyValuePair<string, string>> Fields(string form, string category, string area, Guid lead, long version) =>
    [
        new("_handler", "routing-rule"),
        new("__RequestVerificationToken", WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value)),
        new("Form.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Form.CategoryCode", category),
        new("Form.JurisdictionPrefix", area),
        new("Form.LeadOrganisationId", lead == Guid.Empty ? "" : lead.ToString()),
        new("Form.Active", "True"),
    ];

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, List<KeyValuePair<string, string>> fields,
        params (string Name, string Value)[] more) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Concat(more.Select(m => new KeyValuePair<string, string>(m.Name, m.Value)))), Cancel);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
