using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Organisations;

public static class OrganisationsSetup
{
    public static void AddOrganisations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISeeder, OrganisationSeeder>();
    }

    public static void MapOrganisations(this WebApplication app)
    {
        app.MapOrganisationsApi();
    }
}
