using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Conferences;

public static class ConferencesSetup
{
    public static void AddConferences(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISeeder, ConferenceSeeder>();
    }

    public static void MapConferences(this WebApplication app)
    {
        var group = app.MapConferencesApi();
        group.MapResolutionsApi();
        group.MapDirectivesApi();
        group.MapVenuesApi();
    }
}
