using Gongzhi.Components.Layout;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Coverage;
using Gongzhi.Modules.Registry.Imports;
using Gongzhi.Modules.Registry.Retention;
using Gongzhi.Modules.Registry.Devices;
using Gongzhi.Modules.Registry.Housing;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Modules.Registry.Visits;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Registry;

public static class RegistrySetup
{
    public static void AddRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(63, "registry", _ => SharedResource.Text("Nav.Registry"), NavEntries.ForRoles(RegistryPermissions.Readers));
        builder.Services.Configure<RegistryOptions>(builder.Configuration.GetSection(RegistryOptions.Section));
        builder.Services.AddSingleton<RegistryDemo>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RegistryDemo>());
        builder.Services.AddScoped<AddressService>();
        builder.Services.AddScoped<PersonService>();
        builder.Services.AddScoped<HousingService>();
        builder.Services.AddScoped<VisitService>();
        builder.Services.AddScoped<Worklists>();
        builder.Services.AddScoped<DeviceService>();
        builder.Services.AddScoped<GridCoverage>();
        builder.Services.AddScoped<Grants.GrantService>();
        builder.Services.AddScoped<PersonImportService>();
        builder.Services.AddSingleton<Platform.Jobs.JobSignal<PersonImportRunner>>();
        builder.Services.AddSingleton<PersonImportRunner>();
        builder.Services.AddHostedService<PersonImportWorker>();
        builder.Services.AddSingleton<PersonRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PersonRetention>());
        ImportCommands.Register(builder);
    }

    public static void MapRegistry(this IEndpointRouteBuilder app)
    {
        app.MapRegistryApi();
        app.MapDevicesApi();
        app.MapPersonImportApi();
    }
}
