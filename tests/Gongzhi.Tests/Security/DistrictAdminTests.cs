using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Tests.Cases.Api;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Security;

/// <summary>
/// An administrator is bounded by its scope like every other role: a district's administrator runs its district, not the
/// city. City-wide settings (the working calendar, Open311 keys, the category catalogue) need the city's administrator.
/// </summary>
public sealed class DistrictAdminTests(GongzhiApp app)
{
    // 江汉区 (420103) holds the demo's cases and organisations; 硚口区 (420104) and 江岸区 (420102) are other districts.
    private const string Jiangan = "420102";
    private const string Jianghan = "420103";

    [Fact]
    public async Task DistrictAdmin_CannotReadOrRevealAnotherDistrictsCase_ButCanItsOwn()
    {
        using var resident = await app.ClientForAsync("resident1");
        var submitted = await CaseApiKit.SubmitAsync(app, resident);
        using var other = await AdminOfAsync("420104");
        using var own = await AdminOfAsync(Jianghan);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{submitted.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.GetAsync($"/api/v1/cases/{submitted.Id}/reporter?purpose=verification", Cancel)).StatusCode);
        var list = await other.GetStringAsync("/api/v1/cases", Cancel);
        Assert.DoesNotContain(submitted.Id.ToString(), list, StringComparison.OrdinalIgnoreCase);
        // The district's own administrator still reads and reveals its cases.
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/v1/cases/{submitted.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/v1/cases/{submitted.Id}/reporter?purpose=verification", Cancel)).StatusCode);
    }

    [Fact]
    public async Task DistrictAdmin_CannotChangeCityWideSettings_TheCityAdminCan()
    {
        using var district = await AdminOfAsync(Jianghan);

        var calendar = await district.PutAsJsonAsync("/api/v1/calendar/days/2097-03-04", new { kind = "holiday", name = "区里自定的假日" }, Cancel);
        var key = await district.PostAsJsonAsync("/api/v1/open311/keys", new { name = "区里发的钥匙" }, Cancel);
        var category = await district.PostAsJsonAsync("/api/v1/case-categories", new
        {
            code = "0198", parentCode = "01", nameZh = "区里加的分类", nameEn = "A district's category", keywords = Array.Empty<string>(),
        }, Cancel);
        var deactivate = await district.PostAsJsonAsync("/api/v1/case-categories/0103/deactivate", new { version = 1 }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, calendar.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, category.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        using var city = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/api/v1/open311/keys", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await district.GetAsync("/api/v1/open311/keys", Cancel)).StatusCode);
    }

    [Fact]
    public async Task DistrictAdmin_CannotSeeEditOrDeleteAnotherDistrictsRoutingRule_NorRouteToItsOrganisations()
    {
        var rule = await app.WithDbAsync(db => db.Set<RoutingRule>().AsNoTracking()
            .FirstAsync(r => r.JurisdictionPrefix.StartsWith(Jianghan), Cancel));
        using var other = await AdminOfAsync("420104");

        var listed = await other.GetStringAsync("/api/v1/routing-rules", Cancel);
        var disabled = await other.PutAsJsonAsync($"/api/v1/routing-rules/{rule.Id}", new
        {
            categoryCode = rule.CategoryCode, jurisdictionPrefix = rule.JurisdictionPrefix, leadOrganisationId = rule.LeadOrganisationId,
            assistingOrganisationIds = rule.AssistingOrganisationIds, active = false, version = rule.Version,
        }, Cancel);
        var deleted = await other.DeleteAsync($"/api/v1/routing-rules/{rule.Id}", Cancel);
        var routedAcross = await other.PostAsJsonAsync("/api/v1/routing-rules", new
        {
            categoryCode = "0103", jurisdictionPrefix = "420104", leadOrganisationId = rule.LeadOrganisationId, active = true,
        }, Cancel);
        var ruleForOtherDistrict = await other.PostAsJsonAsync("/api/v1/routing-rules", new
        {
            categoryCode = "0103", jurisdictionPrefix = Jianghan, leadOrganisationId = rule.LeadOrganisationId, active = true,
        }, Cancel);

        Assert.DoesNotContain(rule.Id.ToString(), listed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, routedAcross.StatusCode);
        Assert.Contains("leadOrganisationId", await routedAcross.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, ruleForOtherDistrict.StatusCode);
        Assert.Contains("jurisdictionPrefix", await ruleForOtherDistrict.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Set<RoutingRule>().AsNoTracking().FirstAsync(r => r.Id == rule.Id, Cancel));
        Assert.Equal(rule.Version, after.Version);
        Assert.Equal(rule.Active, after.Active);
    }

    [Fact]
    public async Task DistrictAdmin_CannotCreateAccountsOutsideItsScope_NorBindOneToAnotherDistrictsOrganisation()
    {
        var department = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "dept.420103.cgj").Select(u => u.OrganisationId).FirstAsync(Cancel));
        using var other = await AdminOfAsync("420104");
        object Account(string scopeCode, Guid? organisationId, string role) => new
        {
            userName = $"x.{Guid.NewGuid():N}"[..20], displayName = "越权账号", password = Password, scopeCode, organisationId, roles = new[] { role },
        };

        var outside = await other.PostAsJsonAsync("/api/v1/accounts", Account(Jianghan, null, "StreetDispatcher"), Cancel);
        var cityWide = await other.PostAsJsonAsync("/api/v1/accounts", Account("420100", null, "Admin"), Cancel);
        var boundAcross = await other.PostAsJsonAsync("/api/v1/accounts", Account("420104", department, "DepartmentStaff"), Cancel);
        var inside = await other.PostAsJsonAsync("/api/v1/accounts", Account("420104001", null, "StreetDispatcher"), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cityWide.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, boundAcross.StatusCode);
        Assert.Contains("organisationId", await boundAcross.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, inside.StatusCode);
    }

    [Fact]
    public async Task DistrictAdmin_CannotListAnotherDistrictsAccounts()
    {
        using var other = await AdminOfAsync("420104");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/accounts?scope={Jianghan}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/accounts?scope={Jiangan}", Cancel)).StatusCode);
    }

    private async Task<HttpClient> AdminOfAsync(string scopeCode)
    {
        var userName = await CreateAccountAsync(app, "adm", scopeCode, "Admin");
        return WithToken(app, await TokenAsync(app, userName));
    }
}
