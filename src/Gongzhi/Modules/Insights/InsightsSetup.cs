using Gongzhi.Components.Layout;
using Gongzhi.Modules.Insights.Counters;
using Gongzhi.Platform.Data;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Insights;

public static class InsightsSetup
{
    public static void AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(20, "dashboard", _ => SharedResource.Text("Nav.Dashboard"), NavEntries.IsStaff);
        builder.Services.AddScoped<IndicatorService>();
        builder.Services.AddScoped<IndicatorBreakdowns>();
        builder.Services.AddSingleton<ISaveHook, CaseCounterSaveHook>();
        CounterRebuild.Register(builder);
    }

    public static void MapInsights(this WebApplication app)
    {
        app.MapInsightsApi();
    }
}
