using Gongzhi.Components;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Accountability;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Insights;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Modules.Participation;
using Gongzhi.Modules.Registry;
using Gongzhi.Modules.Services;
using Gongzhi.Modules.SocialForces;
using Gongzhi.Modules.Webhooks;
using Gongzhi.Modules.Whistles;
using Gongzhi.Platform;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Startup;

namespace Gongzhi;

/// <summary>
/// The application as the product composes it: every module's services, middleware and endpoints, in order,
/// then a command or the server. <c>Program</c> runs it as it is. A host outside the product (the benchmarks'
/// bench/Gongzhi.BenchHost) runs the same composition with extras of its own, so that what it measures is the
/// product and nothing it adds ships.
/// </summary>
public static class GongzhiHost
{
    /// <param name="args">The command line: a command (<see cref="CommandLine"/>) or the server's settings.</param>
    /// <param name="addExtras">Further services and commands, registered after the modules'.</param>
    /// <param name="mapExtras">Further endpoints, mapped after the modules'.</param>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? addExtras = null,
        Action<WebApplication>? mapExtras = null)
    {
        // The product's name whichever assembly starts it: static assets, user secrets and the content are the product's.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GongzhiHost).Assembly.GetName().Name,
        });

        builder.AddPlatform();
        builder.AddAccess();
        builder.AddNotifications();
        builder.AddJurisdictions();
        builder.AddOrganisations();
        builder.AddCases();
        builder.AddWhistles();
        builder.AddInsights();
        builder.AddConferences();
        builder.AddRegistry();
        builder.AddServices();
        builder.AddParticipation();
        builder.AddSocialForces();
        builder.AddWebhooks();
        builder.AddAccountability();
        builder.AddWebUi();
        addExtras?.Invoke(builder);

        var app = builder.Build();

        if (CommandLine.IsCommand(args))
        {
            return await app.Services.GetRequiredService<CommandLine>().RunAsync(app.Services, args, app.Lifetime.ApplicationStopping);
        }

        await app.PrepareAsync();

        app.UsePlatform();
        app.UseAccess();
        app.UseWebUi();

        app.MapPlatform();
        app.MapAccess();
        app.MapNotifications();
        app.MapJurisdictions();
        app.MapOrganisations();
        app.MapCases();
        app.MapWhistles();
        app.MapInsights();
        app.MapConferences();
        app.MapRegistry();
        app.MapServices();
        app.MapParticipation();
        app.MapSocialForces();
        app.MapWebhooks();
        app.MapAccountability();
        app.MapWebUi();
        mapExtras?.Invoke(app);

        await app.RunAsync();
        return 0;
    }
}
