using Gongzhi.Platform.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.Startup;

/// <summary>
/// A module's contribution to a fresh database: reference data always, demo data in demo mode.
/// Seeders run in <see cref="Order"/> and must do nothing when their data is already there.
/// </summary>
public interface ISeeder
{
    int Order { get; }

    Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken);
}

public sealed record SeedContext(bool Demo, string DemoPassword, ILogger Log);

/// <summary>Lines a module wants printed under the address at start-up (the demo accounts, for instance).</summary>
public sealed class StartupBanner
{
    public List<string> Lines { get; } = [];
}

public sealed class GongzhiOptions
{
    /// <summary>Demo mode seeds the Wuhan demo organisations and accounts on first start.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Migrate and seed at start (the default); tests and the CLI can turn it off.</summary>
    public bool PrepareDatabaseAtStart { get; set; } = true;
}

public static class StartupPreparation
{
    public const string DefaultDemoPassword = "Gongzhi-Demo-2026";

    public static string DemoPassword(IConfiguration configuration) =>
        configuration["GONGZHI_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DefaultDemoPassword;

    public static async Task PrepareAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GongzhiOptions>>().Value;
        if (options.PrepareDatabaseAtStart)
        {
            await PrepareDatabaseAsync(app.Services, app.Configuration, app.Lifetime.ApplicationStopping);
        }
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
    }

    public static async Task PrepareDatabaseAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Gongzhi.Startup");
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GongzhiOptions>>().Value;
        await DatabaseSetup.MigrateAsync(services, cancellationToken);
        var context = new SeedContext(options.Demo, DemoPassword(configuration), log);
        foreach (var seeder in services.GetServices<ISeeder>().OrderBy(s => s.Order))
        {
            // A fresh context per seeder keeps the change tracker small on the big reference sets.
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Scoping.Caller.System;
            db.Database.SetCommandTimeout(DatabaseSetup.StartupCommandTimeout);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await seeder.SeedAsync(db, context, cancellationToken);
        }
    }

    private static void PrintBanner(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var banner = app.Services.GetRequiredService<StartupBanner>();
        var lines = new List<string> { "", "Gongzhi 共治 is running:" };
        lines.AddRange(addresses.Select(a => "  " + a));
        lines.AddRange(banner.Lines);
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    public static void AddStartup(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<GongzhiOptions>(builder.Configuration.GetSection("Gongzhi"));
        builder.Services.AddSingleton<StartupBanner>();
        builder.Services.AddSingleton<Action<Commands.CommandLine>>(commands => commands.Add("migrate",
            "apply pending migrations and seed reference data", static async (services, _, cancellationToken) =>
            {
                await PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
                Console.WriteLine("Database is up to date.");
                return 0;
            }));
        builder.Services.AddSingleton(services =>
        {
            var commandLine = new Commands.CommandLine();
            foreach (var register in services.GetServices<Action<Commands.CommandLine>>())
            {
                register(commandLine);
            }
            return commandLine;
        });
    }
}
