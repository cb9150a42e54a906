using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Catalogue;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Catalogue;

/// <summary>An instance of its own: these tests add, change and turn off categories, which other tests count and report under.</summary>
public sealed class CatalogueApp : IAsyncLifetime
{
    public GongzhiApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = new GongzhiApp();
        await App.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class CategoryCatalogueApiTests(CatalogueApp fixture) : IClassFixture<CatalogueApp>
{
    private const string Root = "/api/v1/case-categories";

    private GongzhiApp App => fixture.App;

    [Fact]
    public async Task Admin_CreatesUpdatesAndTurnsOffAndOn_EveryChangeIsAudited()
    {
        using var admin = await App.ClientForAsync("admin");
        var major = await CreateAsync(admin, Category("97", null, "测试大类"));
        var minor = await CreateAsync(admin, Category("9701", "97", "测试小类", attributes:
            [new { name = "size", labelZh = "面积", labelEn = "Area", type = "choice", required = true, choices = new[] { "小", "大" } }]));
        Assert.True(major.Active);
        Assert.Equal(AttributeType.Choice, Assert.Single(minor.Attributes).Type);
        Assert.Equal(["小", "大"], minor.Attributes[0].Choices);

        var children = await admin.GetFromJsonAsync<List<CaseCategoryResponse>>($"{Root}?parent=97", Json, Cancel);
        Assert.Equal(["9701"], children!.Select(c => c.Code));
        var tree = await admin.GetFromJsonAsync<List<CaseCategoryResponse>>(Root, Json, Cancel);
        var at = tree!.FindIndex(c => c.Code == "97");
        Assert.Equal("9701", tree[at + 1].Code);

        var updated = await PutAsync(admin, "9701", Category("9701", "97", "改名小类", version: minor.Version, resolve: 48, sortOrder: 3));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var changed = (await updated.Content.ReadFromJsonAsync<CaseCategoryResponse>(Json, Cancel))!;
        Assert.Equal(("改名小类", 48d, 3, minor.Version + 1), (changed.NameZh, changed.Limits.Resolve.Normal, changed.SortOrder, changed.Version));
        Assert.Empty(changed.Attributes);

        var stale = await PutAsync(admin, "9701", Category("9701", "97", "又改名", version: minor.Version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(409, (await stale.Content.ReadFromJsonAsync<ProblemDetails>(Json, Cancel))!.Status);
        Assert.Equal("改名小类", (await GetAsync(admin, "9701")).NameZh);

        // Off with its 大类; not on again while the 大类 is off; then both on, one by one.
        var off = await admin.PostAsJsonAsync($"{Root}/97/deactivate", new { version = major.Version }, Json, Cancel);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await GetAsync(admin, "97")).Active);
        var offMinor = await GetAsync(admin, "9701");
        Assert.False(offMinor.Active);
        var refused = await admin.PostAsJsonAsync($"{Root}/9701/activate", new { version = offMinor.Version }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("97", (await refused.Content.ReadFromJsonAsync<ProblemDetails>(Json, Cancel))!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"{Root}/97/activate", new { version = (await GetAsync(admin, "97")).Version }, Json, Cancel)).StatusCode);
        Assert.False((await GetAsync(admin, "9701")).Active);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{Root}/9701/activate", new { version = offMinor.Version }, Json, Cancel)).StatusCode);
        Assert.True((await GetAsync(admin, "9701")).Active);

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Subject == nameof(CaseCategory) && e.SubjectKey == "9701").OrderBy(e => e.Id).Select(e => new { e.Action, e.Actor }).ToListAsync(Cancel));
        Assert.Equal(["created", "updated", "updated", "updated"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal("admin", e.Actor));
    }

    [Fact]
    public async Task IntakeSuggestionsAndOpen311_SeeEveryEditAtOnce()
    {
        using var admin = await App.ClientForAsync("admin");
        using var resident = await App.ClientForAsync("resident1");
        await CreateAsync(admin, Category("96", null, "即时大类"));
        // Intake reads the catalogue before the 小类 exists, so that a cached snapshot is there to go stale.
        await AssertRefusedAsync(resident, "9601", "categoryCode");

        var created = await CreateAsync(admin, Category("9601", "96", "独角兽路灯"));
        Assert.Equal(HttpStatusCode.Created, (await ReportAsync(resident, "9601")).StatusCode);
        Assert.Contains(await ServiceCodesAsync(), c => c == "9601");

        var withField = await PutAsync(admin, "9601", Category("9601", "96", "独角兽路灯", version: created.Version, keywords: ["彩虹灯杆"],
            attributes: [new { name = "poleNumber", labelZh = "灯杆编号", labelEn = "Pole number", type = "text", required = true }]));
        Assert.Equal(HttpStatusCode.OK, withField.StatusCode);
        await AssertRefusedAsync(resident, "9601", "attributes.poleNumber");
        var suggested = await resident.PostAsJsonAsync("/api/v1/cases/suggest-category", new { description = "小区门口的彩虹灯杆不亮了" }, Json, Cancel);
        Assert.Equal("9601", (await suggested.Content.ReadFromJsonAsync<List<CategorySuggestion>>(Json, Cancel))![0].Code);

        var version = (await GetAsync(admin, "9601")).Version;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{Root}/9601/deactivate", new { version }, Json, Cancel)).StatusCode);
        var refused = await AssertRefusedAsync(resident, "9601", "categoryCode");
        Assert.Contains("不是启用的小类", refused.Errors["categoryCode"][0], StringComparison.Ordinal);
        Assert.DoesNotContain(await ServiceCodesAsync(), c => c == "9601");
    }

    [Fact]
    public async Task BadFields_AreAnsweredAsAValidationProblemKeyedByField()
    {
        using var admin = await App.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync(Root, new
        {
            code = "951",
            parentCode = "95",
            nameZh = " ",
            nameEn = "Bad",
            duplicateRadiusMeters = -1,
            duplicateWindowHours = 24,
            limits = Limits(resolve: 0),
            attributes = new object[]
            {
                new { name = "kind", labelZh = "种类", labelEn = "Kind", type = "choice", required = false, choices = Array.Empty<string>() },
                new { name = "kind", labelZh = "", labelEn = "Kind", type = "text", required = false },
            },
        }, Json, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, Cancel);
        Assert.Equal(["attributes[0].choices", "attributes[1].labelZh", "attributes[1].name", "code", "duplicateRadiusMeters", "limits.resolve", "nameZh", "parentCode"],
            problem!.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0101", "01", "code")] // taken
    [InlineData("0199", "0101", "parentCode")] // a 小类 is no parent
    [InlineData("1", null, "code")]
    public async Task Create_WithABadCode_NamesTheField(string code, string? parent, string field)
    {
        using var admin = await App.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync(Root, Category(code, parent, "编码有误"), Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, Cancel))!.Errors.Keys);
    }

    [Fact]
    public async Task Update_WithoutAVersion_NamesTheVersion_AndAnUnknownCodeIs404()
    {
        using var admin = await App.ClientForAsync("admin");
        var response = await PutAsync(admin, "0103", Category("0103", "01", "道路不洁"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["version"], (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, Cancel))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(admin, "0999", Category("0999", "09", "无此类", version: 0))).StatusCode);
    }

    [Fact]
    public async Task StaffRead_OnlyAdminsChange_ResidentsNeither()
    {
        using var street = await App.ClientForAsync("street.420103001");
        using var resident = await App.ClientForAsync("resident1");
        var seeded = (await street.GetFromJsonAsync<CaseCategoryResponse>($"{Root}/0103", Json, Cancel))!;

        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync(Root, Category("9801", "98", "越权"), Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(street, "0103", Category("0103", "01", "越权", version: seeded.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await street.PostAsJsonAsync($"{Root}/0103/deactivate", new { version = seeded.Version }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync(Root, Cancel)).StatusCode);
        using var admin = await App.ClientForAsync("admin");
        var after = await GetAsync(admin, "0103");
        Assert.Equal((seeded.NameZh, seeded.Version, true), (after.NameZh, after.Version, after.Active));
    }

    private static object Category(string code, string? parent, string nameZh, long? version = null, double resolve = 24, int sortOrder = 0,
        string[]? keywords = null, object[]? attributes = null) => new
    {
        code,
        parentCode = parent,
        nameZh,
        nameEn = "Test category",
        keywords = keywords ?? [],
        allowAnonymous = true,
        duplicateRadiusMeters = 50,
        duplicateWindowHours = 72,
        limits = Limits(resolve),
        attributes = attributes ?? [],
        sortOrder,
        version,
    };

    private static object Limits(double resolve) => new
    {
        register = Step(4, 2, 1),
        dispatch = Step(2, 1, 0.5),
        accept = Step(2, 1, 0.5),
        resolve = Step(resolve, Math.Min(resolve, 8), Math.Min(resolve, 4)),
        verify = Step(8, 4, 2),
    };

    private static object Step(double normal, double urgent, double critical) => new { normal, urgent, critical };

    private static async Task<CaseCategoryResponse> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync(Root, body, Json, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<CaseCategoryResponse>(Json, Cancel))!;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string code, object body) =>
        client.PutAsJsonAsync($"{Root}/{code}", body, Json, Cancel);

    private static async Task<CaseCategoryResponse> GetAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<CaseCategoryResponse>($"{Root}/{code}", Json, Cancel))!;

    private async Task<HttpResponseMessage> ReportAsync(HttpClient resident, string category)
    {
        var (lat, lon, _) = await PointInAsync(App, WanNianGrid);
        return await PostCaseAsync(resident, new { categoryCode = category, title = "路灯不亮", description = "小区门口路灯整晚不亮。", lat, lon });
    }

    private async Task<HttpValidationProblemDetails> AssertRefusedAsync(HttpClient resident, string category, string field)
    {
        var response = await ReportAsync(resident, category);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, Cancel))!;
        Assert.Contains(field, problem.Errors.Keys);
        return problem;
    }

    private async Task<List<string>> ServiceCodesAsync()
    {
        using var anonymous = App.Anonymous();
        var services = await anonymous.GetFromJsonAsync<JsonElement>("/open311/v2/services.json", Cancel);
        return services.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()!).ToList();
    }
}
