using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Open311;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Cases;

public static class CasesSetup
{
    public static void AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISeeder, CaseCategorySeeder>();
        builder.Services.AddSingleton<ISeeder, RoutingRuleSeeder>();
        builder.Services.AddSingleton<CaseDeadlines>();
        builder.Services.AddScoped<CaseAudience>();
        builder.Services.AddScoped<CaseRouter>();
        builder.Services.AddScoped<CaseIntakeService>();
        builder.Services.AddScoped<CaseQueries>();
        builder.Services.AddScoped<CaseWorkflow>();
    }

    public static void MapCases(this WebApplication app)
    {
        app.MapOpen311();
        app.MapCaseIntakeApi();
        app.MapCaseQueriesApi();
        app.MapCaseWorkflowApi();
        app.MapRoutingApi();
    }
}
