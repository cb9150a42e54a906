using Gongzhi.Components.Layout;
using Gongzhi.Modules.Services.Applications;
using Gongzhi.Modules.Services.Catalogue;
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
            "centre");
        builder.Services.Configure<ServicesOptions>(builder.Configuration.GetSection(ServicesOptions.Section));
        builder.Services.AddSingleton<ISeeder, ServiceItemSeeder>();
        builder.Services.AddSingleton<ISeeder, DemoApplicationSeeder>();
        builder.Services.AddScoped<ServiceCatalogue>();
        builder.Services.AddScoped<ApplicationWorkflow>();
        builder.Services.AddScoped<ApplicationQueries>();
        builder.Services.AddAttachmentAccess<ServiceAttachmentAccess>();
    }

    public static void MapServices(this IEndpointRouteBuilder app)
    {
        app.MapItemsApi();
        app.MapApplicationsApi();
    }
}
