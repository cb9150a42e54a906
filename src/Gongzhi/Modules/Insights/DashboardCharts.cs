using System.Globalization;
using System.Text.Json;

namespace Gongzhi.Modules.Insights;

/// <summary>The JSON the dashboard's and the leaders' screen's charts are drawn from (wwwroot/js/dashboard.js reads it).</summary>
public static class DashboardCharts
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // The JSON sits inside a script element: escape '<' so no value can close it.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
    };

    public static string Json(IEnumerable<TrendPoint> trend, IEnumerable<BreakdownRow> categories) => JsonSerializer.Serialize(new
    {
        trend = trend.Select(p => new { start = p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.New, p.Closed, p.Overdue }),
        categories = categories.Select(c => new { name = c.Name, registered = c.Indicators.Registered }),
    }, Options);
}
