using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Organisations;

public sealed class OrganisationsApiTests(GongzhiApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Key() => "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task List_AsStreetStaff_SeesOwnStreetAndItsDistrict_ButNotTheNeighbouringStreet()
    {
        using var client = await app.ClientForAsync("street.420103001");
        var page = await client.GetFromJsonAsync<OrganisationPage>("/api/v1/organisations/?scope=420103&take=500", Json, Cancel);

        var codes = page!.Items.Select(o => o.Code).ToList();
        Assert.Contains("420103.cgj", codes);
        Assert.Contains("420103001.office", codes);
        Assert.Contains("420103001002.committee", codes);
        Assert.DoesNotContain("420103002.office", codes);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task List_FiltersByKindAndText_AndPages()
    {
        using var client = await app.ClientForAsync("admin");
        var departments = await client.GetFromJsonAsync<OrganisationPage>("/api/v1/organisations/?scope=420103&kind=department", Json, Cancel);
        // Other tests add departments of their own; the ten seeded ones are always there.
        Assert.Superset(DemoOrganisations.Departments.Select(d => $"420103.{d.Key}").ToHashSet(), departments!.Items.Select(o => o.Code).ToHashSet());
        Assert.All(departments.Items, o => Assert.Equal(OrganisationKind.Department, o.Kind));

        var found = await client.GetFromJsonAsync<OrganisationPage>("/api/v1/organisations/?q=万年社区", Json, Cancel);
        Assert.Contains(found!.Items, o => o.Code == "420103001002.committee");

        var second = await client.GetFromJsonAsync<OrganisationPage>("/api/v1/organisations/?scope=420103&kind=department&skip=2&take=2", Json, Cancel);
        Assert.Equal(departments.Items.Skip(2).Take(2).Select(o => o.Code), second!.Items.Select(o => o.Code));
    }

    [Fact]
    public async Task List_WithBadParameters_ReturnsValidationProblemNamingThem()
    {
        using var client = await app.ClientForAsync("admin");
        var response = await client.GetAsync("/api/v1/organisations/?scope=abc&kind=ministry&skip=-1&take=0", Cancel);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "scope", "skip", "take"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task Get_OfAnotherStreetsOrganisation_Returns404()
    {
        var foreign = await app.WithDbAsync(db => db.Set<Organisation>().SingleAsync(o => o.Code == "420103002.office"));
        using var client = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/organisations/{foreign.Id}", Cancel)).StatusCode);

        using var admin = await app.ClientForAsync("admin");
        var seen = await admin.GetFromJsonAsync<OrganisationResponse>($"/api/v1/organisations/{foreign.Id}", Json, Cancel);
        Assert.Equal("花楼街街道办事处", seen!.Name);
    }

    [Fact]
    public async Task Create_AsAdmin_Returns201_AndTheSameCodeAgainReturns409()
    {
        using var client = await app.ClientForAsync("admin");
        var body = new { code = $"420103.{Key()}", name = "江汉区应急管理局", nameEn = "Emergency Management Bureau", kind = "department",
            jurisdictionCode = "420103" };
        var created = await client.PostAsJsonAsync("/api/v1/organisations/", body, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisation = await created.Content.ReadFromJsonAsync<OrganisationResponse>(Json, Cancel);
        Assert.Equal(body.code, organisation!.Code);
        Assert.Equal($"/api/v1/organisations/{organisation.Id}", created.Headers.Location!.OriginalString);

        var again = await client.PostAsJsonAsync("/api/v1/organisations/", body with { name = "重复" }, Cancel);
        await ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_WithBadInput_ReturnsValidationProblemNamingTheFields()
    {
        using var client = await app.ClientForAsync("admin");
        var response = await client.PostAsJsonAsync("/api/v1/organisations/",
            new { code = "CGJ", name = " ", jurisdictionCode = "4201", phone = "call me" }, Cancel);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["code", "jurisdictionCode", "kind", "name", "phone"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task Create_AsStreetStaff_RegistersUnitsOfOwnStreetOnly()
    {
        using var client = await app.ClientForAsync("street.420103001");
        var own = await client.PostAsJsonAsync("/api/v1/organisations/",
            new { code = $"420103001.{Key()}", name = "武汉市第六中学", kind = "residentUnit", jurisdictionCode = "420103001" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);

        var department = await client.PostAsJsonAsync("/api/v1/organisations/",
            new { code = $"420103001.{Key()}", name = "街道自设部门", kind = "department", jurisdictionCode = "420103001" }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);

        var neighbour = await client.PostAsJsonAsync("/api/v1/organisations/",
            new { code = $"420103002.{Key()}", name = "隔壁街道的单位", kind = "enterprise", jurisdictionCode = "420103002" }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, neighbour.StatusCode);
    }

    [Theory]
    [InlineData("dept.420103.cgj")]
    [InlineData("community.420103001002")]
    [InlineData("resident1")]
    public async Task Create_ByOtherRoles_Returns403(string account)
    {
        using var client = await app.ClientForAsync(account);
        var response = await client.PostAsJsonAsync("/api/v1/organisations/",
            new { code = $"420103001002.{Key()}", name = "某单位", kind = "enterprise", jurisdictionCode = "420103001002" }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Update_WithTheVersionRead_Succeeds_AndAStaleVersionReturns409()
    {
        using var client = await app.ClientForAsync("admin");
        var created = await CreateAsync(client, "420103001", "residentUnit", "更新测试单位");
        var update = new { name = "更新后的单位", kind = "residentUnit", jurisdictionCode = "420103001", phone = "027-8283 0000", version = created.Version };

        var first = await client.PutAsJsonAsync($"/api/v1/organisations/{created.Id}", update, Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var updated = await first.Content.ReadFromJsonAsync<OrganisationResponse>(Json, Cancel);
        Assert.Equal("更新后的单位", updated!.Name);
        Assert.Equal(created.Version + 1, updated.Version);

        // A second editor still holding the first version loses, even when their change is otherwise identical.
        var stale = await client.PutAsJsonAsync($"/api/v1/organisations/{created.Id}", update with { name = "另一人的修改" }, Cancel);
        await ProblemAsync(stale, HttpStatusCode.Conflict);
        var unchanged = await client.PutAsJsonAsync($"/api/v1/organisations/{created.Id}", update, Cancel);
        await ProblemAsync(unchanged, HttpStatusCode.Conflict);

        var current = await client.GetFromJsonAsync<OrganisationResponse>($"/api/v1/organisations/{created.Id}", Json, Cancel);
        Assert.Equal("更新后的单位", current!.Name);
    }

    [Fact]
    public async Task Update_WithoutVersion_ReturnsValidationProblem()
    {
        using var client = await app.ClientForAsync("admin");
        var created = await CreateAsync(client, "420103001", "enterprise", "无版本更新");
        var response = await client.PutAsJsonAsync($"/api/v1/organisations/{created.Id}",
            new { name = "x", kind = "enterprise", jurisdictionCode = "420103001" }, Cancel);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["version"], problem.Errors.Keys);
    }

    [Fact]
    public async Task Update_OfADistrictDepartment_ByStreetStaff_Returns403()
    {
        var department = await app.WithDbAsync(db => db.Set<Organisation>().SingleAsync(o => o.Code == "420103.cgj"));
        using var client = await app.ClientForAsync("street.420103001");
        var response = await client.PutAsJsonAsync($"/api/v1/organisations/{department.Id}",
            new { name = "改名", kind = "department", jurisdictionCode = "420103", version = department.Version }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deactivate_KeepsTheRecordInactive_AndIsAudited()
    {
        using var client = await app.ClientForAsync("street.420103001");
        var created = await CreateAsync(client, "420103001", "socialOrganisation", "待停用的社会组织");

        var response = await client.PostAsync($"/api/v1/organisations/{created.Id}/deactivate", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<OrganisationResponse>(Json, Cancel))!.Active);

        var inactive = await client.GetFromJsonAsync<OrganisationPage>($"/api/v1/organisations/?q={created.Code}&active=false", Json, Cancel);
        Assert.Single(inactive!.Items);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectKey == created.Code).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["created", "updated"], audit);
    }

    private static async Task<OrganisationResponse> CreateAsync(HttpClient client, string jurisdiction, string kind, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/organisations/",
            new { code = $"{jurisdiction}.{Key()}", name, kind, jurisdictionCode = jurisdiction }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrganisationResponse>(Json, Cancel))!;
    }

    private static async Task<HttpValidationProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, Cancel))!;
    }
}
