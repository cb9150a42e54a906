namespace Gongzhi.Modules.Jurisdictions;

public static class JurisdictionsSetup
{
    public static void AddJurisdictions(this WebApplicationBuilder builder)
    {
        builder.AddWorkingCalendar();
    }

    public static void MapJurisdictions(this WebApplication app)
    {
        app.MapWorkingCalendar();
    }
}
