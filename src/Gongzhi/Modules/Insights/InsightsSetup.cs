using Gongzhi.Components.Layout;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Insights.Counters;
using Gongzhi.Platform.Data;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Insights;

public static class InsightsSetup
{
    public static void AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(20, "dashboard", _ => SharedResource.Text("Nav.Dashboard"), NavEntries.IsStaff);
        // The indicators, the dashboard and the exports are the heavy reads: from the read replica when there is one.
        builder.Services.AddScoped(services => new IndicatorService(services.GetRequiredService<ReadOnlyDb>().Context));
        builder.Services.AddScoped<IndicatorBreakdowns>();
        builder.Services.AddScoped<FragmentationIndex>();
        builder.Services.AddScoped<Screen.LeaderScreenReader>();
        builder.Services.AddSingleton<ICaseFiguresListener, CaseCounterListener>();
        CounterRebuild.Register(builder);
    }

    public static void MapInsights(this WebApplication app)
    {
        app.MapInsightsApi();
    }
}
