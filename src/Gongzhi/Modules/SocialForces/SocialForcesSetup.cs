using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Modules.SocialForces.Volunteers;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.SocialForces;

/// <summary>五社联动: activities, social organisations, purchase of services, volunteers and their points.</summary>
public static class SocialForcesSetup
{
    public static void AddSocialForces(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SocialForcesOptions>(builder.Configuration.GetSection(SocialForcesOptions.Section));
        builder.Services.AddSingleton<CheckInCodes>();
        builder.Services.AddScoped<ActivityService>();
        builder.Services.AddScoped<PointsLedger>();
        builder.Services.AddScoped<OrganisationRegistry>();
        builder.Services.AddScoped<ProjectService>();
        builder.Services.AddSingleton<ISeeder, SocialSeeder>();
    }

    public static void MapSocialForces(this IEndpointRouteBuilder app)
    {
        app.MapActivitiesApi();
        var social = app.MapGroup("/api/v1/social").RequireAuthorization().WithTags("SocialForces");
        social.MapOrganisationsApi();
        social.MapProjectsApi();
        social.MapVolunteersApi();
        app.MapDisclosureApi();
    }
}
