using System.Net;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Insights;
using Gongzhi.Modules.Insights.Screen;
using Gongzhi.Tests.Infrastructure;
using Gongzhi.Tests.Web;
using static Gongzhi.Tests.Insights.InsightsScenario;

namespace Gongzhi.Tests.Insights;

/// <summary>The leaders' screen: the same figures as the indicators, and organisations ranked by what they are held to.</summary>
public sealed partial class LeaderScreenTests(GongzhiApp app)
{
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Screen_OnTheScriptedScenario_ShowsTheHandCountedFigures_AndRanksBAheadOfA()
    {
        await EnsureAsync(app);
        using var browser = await WebSignIn.WithFormAsync(app, "admin");

        var html = await browser.GetStringAsync($"/screen/{Community}?from={From}&to={To}", Cancel);

        // As IndicatorTests counts them: cases 1–8 registered, 6, 7 and 8 open, 7 overdue.
        Assert.Equal("8", Tile(html, "registered"));
        Assert.Equal("3", Tile(html, "open"));
        Assert.Equal("1", Tile(html, "overdue"));
        // B closed its one case on time (2); A closed four, one of them (3) after going overdue.
        var departments = DepartmentRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([B, A], departments);
        Assert.Contains("data-live-scope=\"" + Community + "\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_OfAnAreaOutsideTheCallersScope_IsRefused_AndAnUnknownAreaIsNotFound()
    {
        using var street = await WebSignIn.WithFormAsync(app, "street.420103001");

        var foreign = await street.GetAsync($"/screen/{Community}", Cancel);
        var unknown = await street.GetAsync("/screen/420103001999", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.DoesNotContain("data-ranking", await foreign.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public void Ranking_PutsTheBestOnTimeRateFirst_ThoseWithNothingClosedLast_AndLeavesOutIdleOnes()
    {
        BreakdownRow[] rows =
        [
            Row("slow", registered: 10, closed: 8, closedOnTime: 4, overdue: 3),
            Row("nothing-closed", registered: 5, closed: 0, closedOnTime: 0, overdue: 0),
            Row("idle", registered: 0, closed: 0, closedOnTime: 0, overdue: 0),
            Row("fast", registered: 4, closed: 2, closedOnTime: 2, overdue: 0),
            Row("fast-but-fewer-closed", registered: 8, closed: 2, closedOnTime: 2, overdue: 0),
        ];

        var ranked = DepartmentRanking.Rank(rows, top: 10);

        Assert.Equal(["fast", "fast-but-fewer-closed", "slow", "nothing-closed"], ranked.Select(r => r.Key));
        Assert.Equal([1, 2, 3, 4], ranked.Select(r => r.Rank));
        Assert.Equal(["fast", "fast-but-fewer-closed"], DepartmentRanking.Rank(rows, top: 2).Select(r => r.Key));
    }

    private static BreakdownRow Row(string key, long registered, long closed, long closedOnTime, long overdue) =>
        new(key, key, IndicatorSet.Empty with
        {
            Registered = registered,
            Overdue = overdue,
            ClosureRate = new Ratio(closed, registered),
            OnTimeClosureRate = new Ratio(closedOnTime, closed),
        });

    private static string Tile(string html, string name) =>
        Regex.Match(html, $"data-screen-tile=\"{name}\"[^>]*><span>[^<]*</span><strong>([^<]*)</strong>").Groups[1].Value;

    [GeneratedRegex("<tr data-department=\"([0-9a-f-]{36})\"")]
    private static partial Regex DepartmentRow();
}
