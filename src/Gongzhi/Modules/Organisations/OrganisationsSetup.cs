using Gongzhi.Components.Layout;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Organisations;

public static class OrganisationsSetup
{
    public static void AddOrganisations(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(30, "admin/organisations", _ => SharedResource.Text("Nav.Organisations"), NavEntries.ForRoles(Roles.Admin));
        builder.Services.AddSingleton<ISeeder, OrganisationSeeder>();
        builder.Services.AddScoped<IOrganisationDirectory, OrganisationDirectoryService>();
    }

    public static void MapOrganisations(this WebApplication app)
    {
        app.MapOrganisationsApi();
    }
}
