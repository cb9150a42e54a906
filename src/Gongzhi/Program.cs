using Gongzhi.Components;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Insights;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Modules.Registry;
using Gongzhi.Modules.Services;
using Gongzhi.Modules.Participation;
using Gongzhi.Modules.SocialForces;
using Gongzhi.Modules.Webhooks;
using Gongzhi.Modules.Whistles;
using Gongzhi.Platform;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Startup;

var builder = WebApplication.CreateBuilder(args);

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
builder.AddWebUi();

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
app.MapWebUi();

await app.RunAsync();
return 0;

public partial class Program;
