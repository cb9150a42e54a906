using Gongzhi.Components.Layout;
using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Modules.SocialForces.Calls;
using Gongzhi.Modules.SocialForces.Funds;
using Gongzhi.Modules.SocialForces.Incubation;
using Gongzhi.Modules.SocialForces.Pages;
using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Modules.SocialForces.Volunteers;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.SocialForces;

/// <summary>五社联动: activities, social organisations and their incubation, purchase of services, volunteers and their points.</summary>
public static class SocialForcesSetup
{
    public static void AddSocialForces(this WebApplicationBuilder builder)
    {
        // 五社联动: everyone joins activities; staff of the area and social organisations keep the registry and the purchases.
        var keepers = NavEntries.ForRoles([Roles.Admin, .. SocialUi.ReaderRoles.Split(',')]);
        builder.Services.AddNavEntry(66, "social/activities", _ => SocialText.Get("Nav.Activities"), _ => true, "activities",
            path => path.StartsWith("social/activities", StringComparison.Ordinal) || path == "social/checkin" || path == "social/volunteer");
        builder.Services.AddNavEntry(67, "social/organisations", _ => SocialText.Get("Nav.Organisations"), keepers);
        builder.Services.AddNavEntry(68, "social/projects", _ => SocialText.Get("Nav.Projects"), keepers);
        builder.Services.AddNavEntry(69, "social/calls", _ => SocialText.Get("Nav.Calls"), _ => true);
        builder.Services.AddNavEntry(70, "social/funds", _ => SocialText.Get("Nav.Funds"), _ => true);
        builder.Services.AddNavEntry(71, "social/incubation", _ => SocialText.Get("Nav.Incubation"), keepers);
        builder.Services.Configure<SocialForcesOptions>(builder.Configuration.GetSection(SocialForcesOptions.Section));
        builder.Services.AddSingleton<CheckInCodes>();
        builder.Services.AddScoped<ActivityService>();
        builder.Services.AddScoped<PointsLedger>();
        builder.Services.AddScoped<OrganisationRegistry>();
        builder.Services.AddScoped<OrganisationMembers>();
        builder.Services.AddScoped<ProjectService>();
        builder.Services.AddScoped<CallService>();
        builder.Services.AddScoped<FundService>();
        builder.Services.AddScoped<IncubationService>();
        builder.Services.AddScoped<Dashboard.SocialSpending>();
        builder.Services.AddSingleton(new Insights.DashboardSection(20, typeof(Dashboard.SocialDashboardSection)));
        builder.Services.AddSingleton<ISeeder, SocialSeeder>();
        builder.Services.AddSingleton<Gongzhi.Platform.Identity.IAccountErasure, Volunteers.VolunteerErasure>();
        builder.Services.AddSingleton<ISeeder, SocialMemberSeeder>();
        builder.Services.AddSingleton<ISeeder, IncubationSeeder>();
    }

    public static void MapSocialForces(this IEndpointRouteBuilder app)
    {
        app.MapActivitiesApi();
        var social = app.MapGroup("/api/v1/social").RequireAuthorization().WithTags("SocialForces");
        social.MapOrganisationsApi();
        social.MapProjectsApi();
        social.MapCallsApi();
        social.MapFundsApi();
        social.MapIncubationApi();
        social.MapVolunteersApi();
        app.MapDisclosureApi();
        app.MapPublicCallsApi();
        app.MapPublicFundsApi();
    }
}
