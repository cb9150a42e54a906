namespace Gongzhi.Modules.Insights.Screen;

/// <summary>One organisation's place on the leaders' screen.</summary>
public sealed record RankedDepartment(int Rank, string Key, string Name, long Registered, long Open, long Overdue, Ratio OnTimeClosure,
    Ratio Satisfaction);

/// <summary>
/// Orders the organisations that led cases in a period for the leaders' screen: the on-time closure rate first (what a
/// department is held to), then the share closed, then fewer overdue cases. An organisation with nothing closed yet has
/// no rate to be judged by and comes after those that have one, instead of heading the list with a blank.
/// </summary>
public static class DepartmentRanking
{
    public static IReadOnlyList<RankedDepartment> Rank(IEnumerable<BreakdownRow> rows, int top) =>
        rows.Where(r => r.Indicators.Registered > 0)
            .OrderBy(r => r.Indicators.OnTimeClosureRate.Value is null)
            .ThenByDescending(r => r.Indicators.OnTimeClosureRate.Value ?? 0)
            .ThenByDescending(r => r.Indicators.ClosureRate.Value ?? 0)
            .ThenBy(r => r.Indicators.Overdue)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(top)
            .Select((r, i) => new RankedDepartment(i + 1, r.Key, r.Name, r.Indicators.Registered, r.Indicators.Open, r.Indicators.Overdue,
                r.Indicators.OnTimeClosureRate, r.Indicators.SatisfactionRate))
            .ToList();
}
