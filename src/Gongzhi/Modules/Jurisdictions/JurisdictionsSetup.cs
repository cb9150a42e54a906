using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Jurisdictions;

public static class JurisdictionsSetup
{
    public static void AddJurisdictions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISeeder, JurisdictionSeeder>();
        builder.Services.AddSingleton<JurisdictionIndex>();
        builder.Services.AddSingleton<BoundaryPreparation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BoundaryPreparation>());
        builder.Services.AddScoped<BoundaryImporter>();
        builder.Services.AddScoped<Components.IJurisdictionBrowser, DatabaseJurisdictionBrowser>();
        builder.Services.AddScoped<IJurisdictionDirectory, JurisdictionDirectoryService>();
        BoundaryCommands.Register(builder);
        builder.AddWorkingCalendar();
    }

    public static void MapJurisdictions(this WebApplication app)
    {
        app.MapJurisdictionsApi();
        app.MapWorkingCalendar();
    }
}
