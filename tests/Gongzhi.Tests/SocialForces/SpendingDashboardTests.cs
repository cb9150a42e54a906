using System.Net;
using System.Text.RegularExpressions;
using Gongzhi.Tests.Infrastructure;
using Gongzhi.Tests.Web;
using static Gongzhi.Tests.Security.SecurityKit;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

/// <summary>Budget execution of purchased services per area on the dashboard: the district's page adds up its streets.</summary>
public sealed partial class SpendingDashboardTests(GongzhiApp app)
{
    // 硚口区荣华街道: no demo project and no other test publishes there.
    private const string District = "420104";
    private const string Street = "420104002";

    [Fact]
    public async Task Dashboard_ShowsEachStreetsBudgetAndPaid_AndTheDistrictsTotal_InTheCallersScopeOnly()
    {
        var keeper = await CreateAccountAsync(app, "spend", Street, "StreetStaff");
        using var street = WithToken(app, await TokenAsync(app, keeper));
        await ReadAsync(await street.PostAsync("/api/v1/social/projects", new { title = "长者助餐服务项目", jurisdictionCode = Street, budget = 120000m }),
            HttpStatusCode.Created);
        await ReadAsync(await street.PostAsync("/api/v1/social/projects", new { title = "儿童托管服务项目", jurisdictionCode = Street, budget = 30000.5m }),
            HttpStatusCode.Created);
        using var districtBrowser = await WebSignIn.WithFormAsync(app, await CreateAccountAsync(app, "spendd", District, "CommandCenter"), Password);
        using var foreignBrowser = await WebSignIn.WithFormAsync(app, "command.420103");

        var html = await districtBrowser.GetStringAsync($"/dashboard/{District}", TestContext.Current.CancellationToken);
        var foreign = await foreignBrowser.GetStringAsync("/dashboard/420103", TestContext.Current.CancellationToken);

        Assert.Contains("data-section=\"social-spending\"", html, StringComparison.Ordinal);
        Assert.Equal(["2", "¥150,000.50", "¥0.00", "¥0.00"], Cells(html, Street));
        // The district's own row adds up every street below it; only this street has projects in 硚口区.
        Assert.Equal(["2", "¥150,000.50", "¥0.00", "¥0.00"], Cells(html, District));
        Assert.DoesNotContain($"data-area=\"{Street}\"", foreign, StringComparison.Ordinal);
    }

    /// <summary>Projects, budget, contracted and paid of the area's row.</summary>
    private static string[] Cells(string html, string area)
    {
        var row = Regex.Match(html, $"<tr data-area=\"{area}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for {area}");
        return [.. Cell().Matches(row.Groups[1].Value).Take(4).Select(m => m.Groups[1].Value.Trim())];
    }

    [GeneratedRegex("<td[^>]*>([^<]*)</td>")]
    private static partial Regex Cell();
}
