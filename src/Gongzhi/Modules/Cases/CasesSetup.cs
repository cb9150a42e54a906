using Gongzhi.Components.Layout;
using Gongzhi.Modules.Cases.Catalogue;
using Gongzhi.Modules.Cases.Generation;
using Gongzhi.Modules.Cases.Import;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Open311;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Cases.Reminders;
using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Cases;

public static class CasesSetup
{
    public static void AddCases(this WebApplicationBuilder builder)
    {
        // The catalogue holds city-wide: only an administrator of the city changes it.
        builder.Services.AddNavEntry(31, "admin/categories", _ => SharedResource.Text("Nav.Categories"),
            user => user.IsInRole(Roles.Admin) && user.HasClaim(HttpCallerAccessor.ScopeClaim, JurisdictionCode.City));
        builder.Services.AddNavEntry(32, "admin/routing-rules", _ => SharedResource.Text("Nav.RoutingRules"), NavEntries.ForRoles(Roles.Admin));
        // Residents report and follow their own cases; staff work their queues.
        builder.Services.AddNavEntry(40, "cases", user => SharedResource.Text(NavEntries.IsStaff(user) ? "Nav.Cases" : "Nav.MyReports"), _ => true);
        builder.Services.AddNavEntry(41, "report", _ => SharedResource.Text("Nav.Report"), _ => true);
        builder.Services.AddSingleton<ISeeder, CaseCategorySeeder>();
        builder.Services.AddSingleton<ISeeder, RoutingRuleSeeder>();
        builder.Services.AddSingleton<ISeeder, LegacyReporterProtection>();
        builder.Services.AddSingleton<CategoryCatalogue>();
        builder.Services.AddSingleton<ICaseCategories, CatalogueCategories>();
        builder.Services.AddSingleton<CaseReferenceBlocks>();
        builder.Services.AddScoped<CategoryEdits>();
        builder.Services.AddSingleton<CaseDeadlines>();
        builder.Services.AddScoped<CaseAudience>();
        builder.Services.AddScoped<CaseRouter>();
        builder.Services.AddScoped<CaseIntakeService>();
        builder.Services.AddScoped<Guests.GuestReports>();
        builder.Services.AddScoped<Guests.CaseSupport>();
        builder.Services.AddScoped<CaseQueries>();
        builder.Services.AddScoped<CaseExport>();
        builder.Services.AddSingleton<Gongzhi.Platform.Identity.IAccountErasure, CaseReporterErasure>();
        builder.Services.AddScoped<CaseChangeFeed>();
        builder.Services.AddScoped<CaseViewQueries>();
        builder.Services.AddScoped<Pages.CaseActionPosts>();
        builder.Services.AddSingleton<NewestMatches>();
        builder.Services.AddOptions<CaseSearchOptions>().BindConfiguration(CaseSearchOptions.Section)
            .Validate(o => o.Windows.Concat(o.CityWindows).Append(o.MaxExtraWindow).All(size => size > 0) && o.MatchCost >= 0,
                "Cases:Search: the windows must be positive case counts, and MatchCost not negative.")
            .ValidateOnStart();
        builder.Services.AddScoped<CaseWorkflow>();
        builder.Services.AddSingleton<Platform.Data.ISaveHook, CaseEventSaveHook>();
        builder.Services.AddSingleton<Platform.Data.ISaveHook, CaseFiguresSaveHook>();
        builder.Services.AddScoped<ICaseHandlingFacts, CaseHandlingFacts>();
        builder.Services.AddScoped<RoutingEdits>();
        builder.Services.AddScoped<IRoutingDirectory, RoutingDirectory>();
        builder.Services.AddAttachmentAccess<CaseAttachmentAccess>();
        builder.Services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section)
            .Validate(o => o.DeadlineScanBatch > 0, "Cases:DeadlineScanBatch must be a positive case count.").ValidateOnStart();
        builder.Services.AddSingleton<DeadlineMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeadlineMonitor>());
        IntakeRateLimit.Add(builder);
        builder.Services.AddScoped<CaseImportService>();
        builder.Services.AddSingleton<Platform.Jobs.JobSignal<CaseImportRunner>>();
        builder.Services.AddSingleton<CaseImportRunner>();
        builder.Services.AddHostedService<CaseImportWorker>();
        ImportCommands.Register(builder);
        builder.Services.AddSingleton<CaseGeneration>();
        builder.Services.AddHostedService<DemoCases>();
    }

    public static void MapCases(this WebApplication app)
    {
        app.MapOpen311();
        app.MapCaseIntakeApi();
        Guests.GuestApi.MapGuestReportApi(app);
        app.MapCaseQueriesApi();
        app.MapCaseWorkflowApi();
        app.MapRoutingApi();
        app.MapCategoryCatalogueApi();
        app.MapCaseImportApi();
    }
}
