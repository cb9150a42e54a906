using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Accountability.Duties;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Security.SecurityKit;

namespace Gongzhi.Tests.Accountability;

/// <summary>An instance of its own: deciding an overlap changes the demo's duty lists and a routing rule, which other tests read.</summary>
public sealed class DutyApp : IAsyncLifetime
{
    public GongzhiApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = new GongzhiApp();
        await App.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The duty lists over HTTP, on the demo's 江汉区 lists: what they show, who may change them, and a decision on an overlap.</summary>
public sealed class DutyApiTests(DutyApp fixture) : IClassFixture<DutyApp>
{
    private const string Jianghan = "420103";
    private const string Minzu = "420103001";
    private const string Hualou = "420103002";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private GongzhiApp App => fixture.App;

    [Fact]
    public async Task TheDemoLists_ShowTheTreeOverlap_TheStreetEnforcementOverlap_AGap_AndAContradictingRule()
    {
        using var admin = await AdminOfAsync(Jianghan);

        var overlaps = (await admin.GetFromJsonAsync<List<OverlapResponse>>($"/api/v1/duties/overlaps?scope={Jianghan}", Json, Cancel))!;
        var gaps = (await admin.GetFromJsonAsync<List<GapResponse>>($"/api/v1/duties/gaps?scope={Jianghan}", Json, Cancel))!;
        var contradictions = (await admin.GetFromJsonAsync<List<ContradictionResponse>>($"/api/v1/duties/contradictions?scope={Jianghan}", Json, Cancel))!;

        var trees = Assert.Single(overlaps, o => o.CategoryCode == "0502");
        Assert.Equal(Jianghan, trees.JurisdictionCode);
        Assert.Equal(new[] { "江汉区园林和林业局", "江汉区城市管理执法局" }.Order(), trees.Claimants.Select(c => c.OrganisationName!).Order());
        Assert.Contains(overlaps, o => o.CategoryCode == "0201" && o.JurisdictionCode == Minzu);
        Assert.DoesNotContain(overlaps, o => o.CategoryCode == "0201" && o.JurisdictionCode == Hualou);
        Assert.Contains(gaps, g => g.CategoryCode == "0605" && g.JurisdictionCode == Jianghan);
        var noise = Assert.Single(contradictions, c => c.CategoryCode == "0802");
        Assert.Equal("武汉市生态环境局江汉区分局", noise.OrganisationName);
    }

    [Fact]
    public async Task DecidingAnOverlap_SetsTheRoutingRule_ChangesTheYieldingList_AndIsRecorded()
    {
        using var admin = await AdminOfAsync(Jianghan);
        var yllyj = (await App.WithDbAsync(db => db.FindByCodeAsync("420103.yllyj", Cancel)))!.Id;
        var cgj = (await App.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel)))!.Id;

        var missingReason = await admin.PostAsJsonAsync("/api/v1/duties/resolutions",
            new { categoryCode = "0504", jurisdictionCode = Jianghan, leadOrganisationId = yllyj, outcome = "Assist", reason = "" }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Contains("reason", await missingReason.Content.ReadAsStringAsync(Cancel));

        var decided = await admin.PostAsJsonAsync("/api/v1/duties/resolutions",
            new { categoryCode = "0504", jurisdictionCode = Jianghan, leadOrganisationId = yllyj, outcome = "Assist", reason = "区编办协调会：树木修剪由园林部门统一负责" },
            Cancel);
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var decision = (await decided.Content.ReadFromJsonAsync<DecisionResponse>(Json, Cancel))!;
        Assert.Equal(new[] { cgj }, decision.YieldingOrganisationIds);

        // The rule of the category and area now names the decided lead, with the yielding department assisting.
        var rule = await App.WithDbAsync(db => db.Set<RoutingRule>().AsNoTracking().SingleAsync(r => r.CategoryCode == "0504" && r.JurisdictionPrefix == Jianghan, Cancel));
        Assert.Equal(yllyj, rule.LeadOrganisationId);
        Assert.Equal(new[] { cgj }, rule.AssistingOrganisationIds);
        Assert.Equal(rule.Id, decision.RoutingRuleId);
        // 城管 no longer leads 0504 but assists on it; 0502 is still its to argue about.
        var cgjList = (await admin.GetFromJsonAsync<List<DutyResponse>>($"/api/v1/duties?organisation={cgj}", Json, Cancel))!;
        Assert.DoesNotContain(cgjList, d => d.Kind == DutyKind.Lead && d.Categories.Any(c => c.Code == "0504"));
        Assert.Contains(cgjList, d => d.Kind == DutyKind.Assist && d.Categories.Any(c => c.Code == "0504"));
        Assert.Contains(cgjList, d => d.Kind == DutyKind.Lead && d.Categories.Any(c => c.Code == "0502"));
        var overlaps = (await admin.GetFromJsonAsync<List<OverlapResponse>>($"/api/v1/duties/overlaps?scope={Jianghan}", Json, Cancel))!;
        Assert.DoesNotContain(overlaps, o => o.CategoryCode == "0504");
        Assert.Contains(overlaps, o => o.CategoryCode == "0502");
        // Recorded: the decision with who and why, and the audit lines of the rule and the decision.
        var recorded = Assert.Single((await admin.GetFromJsonAsync<List<DecisionResponse>>($"/api/v1/duties/resolutions?scope={Jianghan}", Json, Cancel))!);
        Assert.Equal("区编办协调会：树木修剪由园林部门统一负责", recorded.Reason);
        Assert.False(string.IsNullOrEmpty(recorded.DecidedBy));
        var audited = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.SubjectKey == "0504@420103").Select(a => a.Subject).ToListAsync(Cancel));
        Assert.Contains(nameof(RoutingRule), audited);
        Assert.Contains(nameof(DutyDecision), audited);

        // Decided once, the overlap is gone: deciding it again is a 409.
        var again = await admin.PostAsJsonAsync("/api/v1/duties/resolutions",
            new { categoryCode = "0504", jurisdictionCode = Jianghan, leadOrganisationId = cgj, outcome = "Remove", reason = "再议" }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task AStreetAdministrator_SeesItsStreet_AnotherStreetsLinesAndOverlapsAreNotFound()
    {
        using var hualou = await AdminOfAsync(Hualou);
        var minzuOffice = (await App.WithDbAsync(db => db.FindByCodeAsync($"{Minzu}.office", Cancel)))!.Id;
        var minzuDuty = await App.WithDbAsync(db => db.Set<Duty>().AsNoTracking().Where(d => d.OrganisationId == minzuOffice).Select(d => d.Id).FirstAsync(Cancel));

        Assert.Equal(HttpStatusCode.NotFound, (await hualou.GetAsync($"/api/v1/duties/{minzuDuty}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hualou.GetAsync($"/api/v1/duties/overlaps?scope={Jianghan}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hualou.GetAsync($"/api/v1/duties/overlaps?scope={Minzu}", Cancel)).StatusCode);
        var resolve = await hualou.PostAsJsonAsync("/api/v1/duties/resolutions",
            new { categoryCode = "0201", jurisdictionCode = Minzu, leadOrganisationId = minzuOffice, outcome = "Remove", reason = "越界" }, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, resolve.StatusCode);
        var change = await hualou.PutAsJsonAsync($"/api/v1/duties/{minzuDuty}",
            new { title = "越界修改", kind = "Lead", legalBasis = "无", categoryCodes = new[] { "1001" }, version = 0 }, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);

        // Its own street: the district's lines that bind it are there, and the street enforcement overlap of 民族街 is not.
        var own = (await hualou.GetFromJsonAsync<List<DutyResponse>>("/api/v1/duties", Json, Cancel))!;
        Assert.Contains(own, d => d.JurisdictionCode == Jianghan);
        Assert.DoesNotContain(own, d => d.OrganisationId == minzuOffice);
        var overlaps = (await hualou.GetFromJsonAsync<List<OverlapResponse>>("/api/v1/duties/overlaps", Json, Cancel))!;
        Assert.DoesNotContain(overlaps, o => o.CategoryCode == "0201");
    }

    [Fact]
    public async Task AnAdministratorAddsAndEditsALine_BadCodesAre400_AStaleVersionIs409_OthersAre403()
    {
        using var admin = await AdminOfAsync(Jianghan);
        var swj = (await App.WithDbAsync(db => db.FindByCodeAsync("420103.swj", Cancel)))!.Id;

        var unknown = await admin.PostAsJsonAsync("/api/v1/duties",
            new { organisationId = swj, title = "排水设施管理", kind = "Lead", legalBasis = "《城镇排水与污水处理条例》第五条", categoryCodes = new[] { "0999" } }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("categoryCodes", await unknown.Content.ReadAsStringAsync(Cancel));

        var created = await admin.PostAsJsonAsync("/api/v1/duties",
            new { organisationId = swj, title = "排水设施管理", kind = "Lead", legalBasis = "《城镇排水与污水处理条例》第五条", categoryCodes = new[] { "0905" } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var duty = (await created.Content.ReadFromJsonAsync<DutyResponse>(Json, Cancel))!;
        Assert.Equal(Jianghan, duty.JurisdictionCode);

        var edited = await admin.PutAsJsonAsync($"/api/v1/duties/{duty.Id}",
            new { title = "排水与防汛设施管理", kind = "Lead", legalBasis = duty.LegalBasis, categoryCodes = new[] { "0905" }, version = duty.Version }, Cancel);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var stale = await admin.PutAsJsonAsync($"/api/v1/duties/{duty.Id}",
            new { title = "再改", kind = "Lead", legalBasis = duty.LegalBasis, categoryCodes = new[] { "0905" }, version = duty.Version }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var department = await App.ClientForAsync("dept.420103.cgj");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsJsonAsync("/api/v1/duties",
            new { organisationId = swj, title = "越权", kind = "Lead", legalBasis = "无", categoryCodes = new[] { "0905" } }, Cancel)).StatusCode);
    }

    private async Task<HttpClient> AdminOfAsync(string scopeCode)
    {
        var userName = await CreateAccountAsync(App, "duty", scopeCode, "Admin");
        return WithToken(App, await TokenAsync(App, userName));
    }
}
