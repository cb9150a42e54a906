using Gongzhi.Modules.Cases.Open311;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Cases;

public static class CasesSetup
{
    public static void AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISeeder, CaseCategorySeeder>();
    }

    public static void MapCases(this WebApplication app)
    {
        app.MapOpen311();
    }
}
