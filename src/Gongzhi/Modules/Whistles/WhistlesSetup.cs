using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Whistles.Pages;

namespace Gongzhi.Modules.Whistles;

/// <summary>
/// 吹哨报到 as a module of its own: it depends on the public contract of Cases (a whistle is about a case) and adds
/// its sections to the case page and the queue, its check to the deadline scan; Cases knows nothing of it.
/// </summary>
public static class WhistlesSetup
{
    public static void AddWhistles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhistleOptions>().BindConfiguration(WhistleOptions.Section)
            .Validate(o => o.WhistleReportInMinutes > 0, "Cases:WhistleReportInMinutes must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<WhistleRules>();
        builder.Services.AddScoped<WhistleService>();
        builder.Services.AddSingleton<IDeadlineCheck, MissedReportIns>();
        builder.Services.AddSingleton(new CaseSection(10, typeof(WhistleCaseSection)));
        builder.Services.AddSingleton(new QueueSection(10, typeof(WhistleQueueSection)));
    }

    public static void MapWhistles(this IEndpointRouteBuilder app) => app.MapWhistlesApi();
}
