namespace Gongzhi.Modules.Organisations;

public static class OrganisationsSetup
{
    public static void AddOrganisations(this WebApplicationBuilder builder)
    {
    }

    public static void MapOrganisations(this WebApplication app)
    {
    }
}
