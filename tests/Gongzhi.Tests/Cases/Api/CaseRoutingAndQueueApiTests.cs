using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

public sealed class CaseRoutingAndQueueApiTests(GongzhiApp app)
{
    private async Task<Guid> OrgAsync(string code) => (await app.WithDbAsync(db => db.FindByCodeAsync(code, Cancel)))!.Id;

    [Fact]
    public async Task Suggestion_MostSpecificRuleWins_ElseTheStreetOffice()
    {
        using var admin = await app.ClientForAsync("admin");
        var yllyj = await OrgAsync("420103.yllyj");
        var created = await admin.PostAsJsonAsync("/api/v1/routing-rules/",
            new { categoryCode = "0405", jurisdictionPrefix = "420103001", leadOrganisationId = yllyj }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var resident = await app.ClientForAsync("resident1");
        using var street = await app.ClientForAsync("street.420103001");
        var here = await SubmitAsync(app, resident, category: "0405", title: "长椅坏了");
        var there = await SubmitAsync(app, resident, HuaLouJieStreet, category: "0405", title: "长椅坏了");
        var dispute = await SubmitAsync(app, resident, category: "1001", title: "楼上漏水邻里纠纷");

        var specific = await street.GetFromJsonAsync<RoutingSuggestion>($"/api/v1/cases/{here.Id}/routing-suggestion", Json, Cancel);
        Assert.Equal((RoutingSource.Rule, yllyj), (specific!.Source, specific.LeadOrganisationId!.Value));
        using var hualou = await app.ClientForAsync("street.420103002");
        var general = await hualou.GetFromJsonAsync<RoutingSuggestion>($"/api/v1/cases/{there.Id}/routing-suggestion", Json, Cancel);
        Assert.Equal("420103.cgj", general!.Lead!.Code);
        var territorial = await street.GetFromJsonAsync<RoutingSuggestion>($"/api/v1/cases/{dispute.Id}/routing-suggestion", Json, Cancel);
        Assert.Equal((RoutingSource.Territorial, "420103001.office"), (territorial!.Source, territorial.Lead!.Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/cases/{here.Id}/routing-suggestion", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Dispatch_ToAnotherLeadThanSuggested_IsRecordedAsAnOverride()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "registered");
        var zjj = await OrgAsync("420103.zjj");
        var dispatched = await DoAsync(a.Street, id, "dispatch", new() { ["leadOrganisationId"] = zjj, ["note"] = "油污来自工地" });
        Assert.Equal(zjj, dispatched.LeadOrganisationId);

        var overrides = await a.Street.GetFromJsonAsync<List<RoutingOverrideResponse>>("/api/v1/routing-rules/overrides?scope=420103001", Json, Cancel);
        var recorded = Assert.Single(overrides!, o => o.CaseId == id);
        Assert.Equal((await OrgAsync("420103.cgj"), zjj), (recorded.SuggestedOrganisationId!.Value, recorded.ChosenOrganisationId));
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Street.GetAsync("/api/v1/routing-rules/overrides?scope=420103002", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Queue_SearchesChineseWords_FiltersAndPagesWithoutGapsOrRepeats()
    {
        using var resident = await app.ClientForAsync("resident1");
        using var street = await app.ClientForAsync("street.420103001");
        var marker = Guid.NewGuid().ToString("N")[..6];
        var noisy = await SubmitAsync(app, resident, category: "0801", title: $"楼上噪音扰民{marker}", description: "每晚装修到十一点",
            attributes: new { timeOfDay = "夜间" });
        var dances = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            dances.Add((await SubmitAsync(app, resident, category: "0801", title: $"广场舞{marker}-{i}", description: "音响太响，噪音很大",
                attributes: new { timeOfDay = "白天" })).Id);
        }

        var found = await street.GetFromJsonAsync<CasePage>($"/api/v1/cases/?q=噪音扰民{marker}", Json, Cancel);
        Assert.Equal(noisy.Id, Assert.Single(found!.Items).Id);
        // The same words in the next street: its own dispatcher finds it, this street's does not, the district finds both
        // (PostgreSQL narrows by the area inside the pair index).
        var nextStreet = await SubmitAsync(app, resident, prefix: HuaLouJieStreet, category: "0801", title: $"楼上噪音扰民{marker}",
            description: "每晚装修到十一点", attributes: new { timeOfDay = "夜间" });
        using var hualou = await app.ClientForAsync("street.420103002");
        using var district = await app.ClientForAsync("command.420103");
        Assert.Equal(nextStreet.Id, Assert.Single((await hualou.GetFromJsonAsync<CasePage>($"/api/v1/cases/?q=噪音扰民{marker}", Json, Cancel))!.Items).Id);
        Assert.Equal(new[] { noisy.Id, nextStreet.Id }.Order(), (await district.GetFromJsonAsync<CasePage>($"/api/v1/cases/?q=噪音扰民{marker}", Json, Cancel))!
            .Items.Select(c => c.Id).Order());
        Assert.Equal(nextStreet.Id, Assert.Single((await district.GetFromJsonAsync<CasePage>(
            $"/api/v1/cases/?scope={HuaLouJieStreet}&q=噪音扰民{marker}", Json, Cancel))!.Items).Id);
        // A character outside the BMP is one character, not two halves (PostgreSQL's pair index counts characters).
        var other = Guid.NewGuid().ToString("N")[..6];
        var emoji = await SubmitAsync(app, resident, category: "0801", title: $"音响😀太吵{other}", description: "每晚都很吵", attributes: new { timeOfDay = "夜间" });
        var byEmoji = await street.GetFromJsonAsync<CasePage>($"/api/v1/cases/?q={Uri.EscapeDataString($"响😀太吵{other}")}", Json, Cancel);
        Assert.Equal(emoji.Id, Assert.Single(byEmoji!.Items).Id);
        var byDescription = await street.GetFromJsonAsync<CasePage>($"/api/v1/cases/?q=噪音&category=08&state=submitted&take=200", Json, Cancel);
        Assert.True(byDescription!.Items.Count(c => c.Title.Contains(marker, StringComparison.Ordinal)) == 5);
        // A rejected case has no deadline left: it must come after every case with one.
        await DoAsync(street, dances[0], "reject", new() { ["kind"] = "invalid", ["reason"] = "无效" });

        foreach (var sort in new[] { "deadline", "created" })
        {
            var seen = new List<CaseSummary>();
            string? cursor = null;
            do
            {
                var page = await street.GetFromJsonAsync<CasePage>(
                    $"/api/v1/cases/?scope=420103001&category=0801&take=2&sort={sort}" + (cursor is null ? "" : $"&cursor={cursor}"), Json, Cancel);
                Assert.True(page!.Items.Count <= 2);
                seen.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            Assert.Equal(seen.Count, seen.Select(c => c.Id).Distinct().Count());
            Assert.True(seen.Count(c => c.Title.Contains(marker, StringComparison.Ordinal)) == 5, sort);
            // Two at a time or all at once, the same queue: nothing lost or repeated where the cases without a deadline begin.
            var whole = await street.GetFromJsonAsync<CasePage>($"/api/v1/cases/?scope=420103001&category=0801&take=200&sort={sort}", Json, Cancel);
            Assert.Equal(whole!.Items.Select(c => c.Id), seen.Select(c => c.Id));
            if (sort == "deadline")
            {
                var deadlines = seen.Where(c => c.Deadline is not null).Select(c => c.Deadline!.Value).ToList();
                Assert.Equal(deadlines.Order(), deadlines);
                Assert.Contains(seen, c => c.Id == dances[0] && c.Deadline is null);
                Assert.Equal(seen.Count(c => c.Deadline is not null), seen.FindIndex(c => c.Deadline is null));
                // Past the open cases, the closed ones come newest first.
                var withoutDeadline = seen.Where(c => c.Deadline is null).ToList();
                Assert.Equal(withoutDeadline.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Reference, StringComparer.Ordinal), withoutDeadline);
            }
            else
            {
                Assert.Equal(seen.Select(c => c.CreatedAt).OrderDescending(), seen.Select(c => c.CreatedAt));
            }
        }
        // States without a deadline, and a mix, by deadline: the rejected case is found either way.
        foreach (var states in new[] { "state=rejected", "state=submitted&state=rejected" })
        {
            var page = await street.GetFromJsonAsync<CasePage>($"/api/v1/cases/?scope=420103001&q={marker}&take=200&{states}", Json, Cancel);
            Assert.Contains(page!.Items, c => c.Id == dances[0]);
            Assert.Equal(states.Contains("submitted", StringComparison.Ordinal) ? 5 : 1, page.Items.Count);
        }
    }

    [Fact]
    public async Task Queue_Search_TakesPercentUnderscoreAndBackslashLiterally_ForEveryCallerAndSort()
    {
        using var resident = await app.ClientForAsync("resident1");
        var marker = Guid.NewGuid().ToString("N")[..6];
        // Each word, were it a LIKE pattern or a tsquery, would also match the case beside it.
        (string Word, string Holding, string Beside)[] words =
        [
            ($"费50%{marker}", $"收费50%{marker}", $"收费50元{marker}"),
            ($"灯_坏{marker}", $"路灯_坏{marker}", $"路灯都坏{marker}"),
            ($"路\\灯{marker}", $"路\\灯{marker}", $"路灯{marker}"),
            ($"'噪&音'{marker}", $"'噪&音'{marker}", $"噪音{marker}"),
        ];
        var holding = new Dictionary<string, Guid>();
        foreach (var (_, title, beside) in words)
        {
            holding[title] = (await SubmitAsync(app, resident, title: title)).Id;
            await SubmitAsync(app, resident, title: beside);
        }

        foreach (var user in new[] { "street.420103001", "command.420103", "admin" })
        {
            using var client = await app.ClientForAsync(user);
            foreach (var (word, title, _) in words)
            {
                foreach (var sort in new[] { "deadline", "created" })
                {
                    var page = await client.GetFromJsonAsync<CasePage>($"/api/v1/cases/?q={Uri.EscapeDataString(word)}&sort={sort}", Json, Cancel);
                    Assert.Equal(holding[title], Assert.Single(page!.Items).Id);
                }
            }
        }
    }

    [Fact]
    public async Task Queue_ScopeOutsideTheCaller_Returns403_ResidentsSeeTheirOwn_DepartmentsTheirOrganisation()
    {
        using var a = await ActorsAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Street.GetAsync("/api/v1/cases/?scope=420103002", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await a.Street.GetAsync("/api/v1/cases/?state=nonsense", Cancel)).StatusCode);

        var dispatched = await CaseInStateAsync(app, a, "dispatched");
        var queue = await a.Department.GetFromJsonAsync<CasePage>("/api/v1/cases/?take=200&state=dispatched", Json, Cancel);
        var cgj = await OrgAsync("420103.cgj");
        Assert.Contains(queue!.Items, c => c.Id == dispatched);
        Assert.All(queue.Items, c => Assert.Equal(cgj, c.LeadOrganisationId));

        using var neighbour = await app.ClientForAsync("resident2");
        var theirs = await SubmitAsync(app, neighbour, HuaLouJieStreet);
        var mine = await neighbour.GetFromJsonAsync<CasePage>("/api/v1/cases/?take=200&sort=created", Json, Cancel);
        Assert.Contains(mine!.Items, c => c.Id == theirs.Id);
        Assert.DoesNotContain(mine.Items, c => c.Id == dispatched);

        var overdue = await a.Street.GetFromJsonAsync<CasePage>("/api/v1/cases/?overdue=true&take=200", Json, Cancel);
        Assert.All(overdue!.Items, c => Assert.True(c.Overdue));
    }
}
