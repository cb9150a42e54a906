using Gongzhi.Components.Layout;
using Gongzhi.Modules.Services.Analytics;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Appointments;
using Gongzhi.Modules.Services.Catalogue;
using Gongzhi.Modules.Services.Queue;
using Gongzhi.Modules.Services.Training;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Services;

/// <summary>The street service centre (一网通办): the item catalogue, applications and their ratings.</summary>
public static class ServicesSetup
{
    public static void AddServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(60, "services", _ => ServicesText.Get("Nav.Services"), _ => true, "services",
            path => path == "services" || path.StartsWith("services/items", StringComparison.Ordinal) || path == "services/mine");
        builder.Services.AddNavEntry(61, "services/centre", _ => ServicesText.Get("Nav.Centre"), NavEntries.ForRoles(Roles.StreetStaff, Roles.CommunityStaff),
            "centre", path => path.StartsWith("services/centre", StringComparison.Ordinal) && !path.StartsWith("services/centre/window", StringComparison.Ordinal));
        builder.Services.AddNavEntry(61, "services/centre/window", _ => ServicesText.Get("Nav.Window"), NavEntries.ForRoles(Roles.StreetStaff),
            "window");
        builder.Services.AddNavEntry(61, "services/analytics", _ => ServicesText.Get("Nav.Analytics"),
            NavEntries.ForRoles(Roles.Admin, Roles.CommandCenter, Roles.StreetStaff, Roles.CommunityStaff, Roles.Leader), "analytics");
        builder.Services.Configure<ServicesOptions>(builder.Configuration.GetSection(ServicesOptions.Section));
        builder.Services.AddSingleton<ISeeder, ServiceItemSeeder>();
        builder.Services.AddSingleton<Gongzhi.Platform.Identity.IAccountErasure, Applications.ApplicantErasure>();
        builder.Services.AddSingleton<ISeeder, DemoApplicationSeeder>();
        builder.Services.AddScoped<ServiceCatalogue>();
        builder.Services.AddScoped<IServiceItems, ServiceItemNames>();
        builder.Services.AddScoped<ApplicationWorkflow>();
        builder.Services.AddScoped<ApplicationQueries>();
        builder.Services.AddSingleton<ApplicationDeadlines>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ApplicationDeadlines>());
        builder.Services.AddAttachmentAccess<ServiceAttachmentAccess>();
        builder.Services.AddSingleton<ISeeder, QueueSeeder>();
        builder.Services.AddScoped<QueueService>();
        builder.Services.AddScoped<QueueQueries>();
        builder.Services.AddScoped<AppointmentService>();
        builder.Services.AddScoped<AppointmentQueries>();
        builder.Services.AddScoped<ProcessAnalytics>();
        builder.Services.AddSingleton<ISeeder, StoredMeasuresBackfill>();
        builder.Services.AddSingleton<Platform.Data.ISaveHook, MeasureDaySaveHook>();
        builder.Services.AddSingleton<ISeeder, MeasureDayRebuild>();
        MeasureDayRebuild.Register(builder);
        builder.Services.AddSingleton(new Insights.DashboardSection(30, typeof(ServicesDashboardSection)));
        builder.AddTraining();
    }

    public static void MapServices(this IEndpointRouteBuilder app)
    {
        app.MapItemsApi();
        app.MapApplicationsApi();
        app.MapQueueApi();
        app.MapAppointmentsApi();
        app.MapAnalyticsApi();
        app.MapTrainingApi();
    }
}
