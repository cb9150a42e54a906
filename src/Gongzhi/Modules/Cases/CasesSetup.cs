using Gongzhi.Modules.Cases.Deadlines;
using Gongzhi.Modules.Cases.Whistles;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Cases;

public static class CasesSetup
{
    public static void AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISeeder, CaseCategorySeeder>();
        builder.Services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section);
        builder.Services.AddOptions<WhistleOptions>().BindConfiguration(WhistleOptions.Section)
            .Validate(o => o.WhistleReportInMinutes > 0, "Cases:WhistleReportInMinutes must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<DeadlineMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeadlineMonitor>());
    }

    public static void MapCases(this WebApplication app)
    {
        app.MapWhistlesApi();
    }
}
