namespace Gongzhi.Modules.Insights;

public static class InsightsSetup
{
    public static void AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IndicatorService>();
    }

    public static void MapInsights(this WebApplication app)
    {
        app.MapInsightsApi();
    }
}
