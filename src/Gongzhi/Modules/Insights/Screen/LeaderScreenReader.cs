using Gongzhi.Components;
using Gongzhi.Components.Kit;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Insights.Screen;

/// <summary>What the leaders' screen shows for one area and period.</summary>
public sealed record ScreenView(JurisdictionNode Node, IndicatorFilter Filter, IndicatorSet Set, IReadOnlyList<RankedDepartment> Ranking,
    bool HasChildren, string ChartJson, string UpdatedAt);

/// <summary>
/// Reads the leaders' screen: the headline figures, the department ranking and the daily trend, all from the same
/// indicator services as the dashboard and the API, so that the wall shows what a report of the same period shows.
/// </summary>
internal sealed class LeaderScreenReader(IndicatorService indicators, IndicatorBreakdowns breakdowns, IJurisdictionBrowser jurisdictions,
    ShownTime shown, TimeProvider clock)
{
    /// <summary>How many organisations the ranking lists: what a room can read from the back.</summary>
    public const int RankingLength = 10;

    /// <summary>The screen, or null when the area does not exist or the caller may not see it.</summary>
    public async Task<ScreenView?> ReadAsync(IndicatorFilter filter, CancellationToken cancellationToken)
    {
        var node = await jurisdictions.GetAsync(filter.Scope, cancellationToken);
        if (node is null)
        {
            return null;
        }
        var set = await indicators.ComputeAsync(filter, cancellationToken);
        var ranking = DepartmentRanking.Rank(await breakdowns.RowsAsync(filter, BreakdownDimension.Organisation, cancellationToken), RankingLength);
        var trend = await indicators.TrendAsync(filter, TrendInterval.Day, cancellationToken);
        return new ScreenView(node, filter, set, ranking, node.Level != JurisdictionLevel.Grid, DashboardCharts.Json(trend, []),
            shown.Text(clock.GetUtcNow(), "HH:mm:ss"));
    }
}
