using Gongzhi.Modules.Insights.Counters;

namespace Gongzhi.Modules.Insights;

public static class InsightsSetup
{
    public static void AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IndicatorService>();
        CounterRebuild.Register(builder);
    }

    public static void MapInsights(this WebApplication app)
    {
        app.MapInsightsApi();
    }
}
