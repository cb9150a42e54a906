using Gongzhi.Components.Layout;
using Gongzhi.Modules.Participation.Account;
using Gongzhi.Modules.Participation.Ballots;
using Gongzhi.Modules.Participation.Notices;
using Gongzhi.Modules.Participation.Proposals;
using Gongzhi.Modules.Participation.Publicities;
using Gongzhi.Modules.Participation.Registration;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Modules.Participation.Surveys;
using Gongzhi.Platform.Startup;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Participation;

public static class ParticipationSetup
{
    public static void AddParticipation(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(65, "participation", _ => SharedResource.Text("Nav.Participation"), _ => true, "participation");
        builder.Services.Configure<ParticipationOptions>(builder.Configuration.GetSection(ParticipationOptions.Section));
        builder.Services.AddScoped<ResidenceService>();
        builder.Services.AddScoped<BallotService>();
        builder.Services.AddScoped<ProposalService>();
        builder.Services.AddScoped<NoticeService>();
        builder.Services.AddScoped<PublicityService>();
        builder.Services.AddScoped<SurveyService>();
        builder.Services.AddScoped<RegistrationService>();
        builder.Services.AddScoped<AccountOverview>();
        builder.Services.AddSingleton<Gongzhi.Platform.Identity.IAccountErasure, ParticipationErasure>();
        builder.Services.AddNavEntry(66, "account", _ => ParticipationText.Get("Nav.Account"), user => user.Identity?.IsAuthenticated == true, "account",
            path => path == "account");
        builder.Services.AddSingleton<ISeeder, ParticipationSeeder>();
        builder.Services.AddSingleton<ISeeder, HouseholdKeyBackfill>();
        builder.Services.AddSingleton<ISeeder, ProposalSearchIndex>();
    }

    public static void MapParticipation(this WebApplication app)
    {
        // Anyone signed in reads; each write checks the caller's residence or office in the service.
        var group = app.MapGroup("/api/v1/participation").WithTags("Participation").RequireAuthorization();
        group.MapResidenceApi();
        group.MapBallotsApi();
        group.MapProposalsApi();
        group.MapNoticesApi();
        group.MapPublicityApi();
        group.MapSurveysApi();
        group.MapAccountApi();
        app.MapRegistrationApi();
    }
}
