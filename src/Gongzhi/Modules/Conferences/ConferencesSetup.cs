using Gongzhi.Components.Layout;
using Gongzhi.Modules.Conferences.Calendar;
using Gongzhi.Modules.Conferences.Feed;
using Gongzhi.Modules.Conferences.Indicators;
using Gongzhi.Modules.Conferences.Meetings;
using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Modules.Insights;
using Gongzhi.Platform.Startup;
using Gongzhi.Resources;

namespace Gongzhi.Modules.Conferences;

public static class ConferencesSetup
{
    public static void AddConferences(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(50, "conferences", _ => SharedResource.Text("Nav.Conferences"), NavEntries.ForRoles(ConferencePermissions.Readers));
        builder.Services.AddSingleton<ISeeder, ConferenceSeeder>();
        builder.Services.AddSingleton<ISeeder, LegacyLiaisonPhoneProtection>();
        // A dashboard's read: from the read replica when there is one.
        builder.Services.AddScoped(services => new ConferenceIndicatorService(
            services.GetRequiredService<Gongzhi.Platform.Data.ReadOnlyDb>().Context, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(new DashboardSection(10, typeof(ConferenceDashboardSection)));
        builder.Services.AddScoped<BodyService>();
        builder.Services.AddScoped<BodyQueries>();
        builder.Services.AddScoped<TaskQueries>();
        builder.Services.AddScoped<MeetingWorkflow>();
        builder.Services.AddScoped<ResolutionWorkflow>();
        builder.Services.AddScoped<DirectiveService>();
        builder.Services.AddScoped<VenueBookings>();
        builder.Services.AddScoped<MeetingInvitations>();
        builder.Services.AddScoped<BodyFeed>();
        builder.Services.AddScoped<MeetingCadences>();
        builder.Services.Configure<ConferenceReminderOptions>(builder.Configuration.GetSection(ConferenceReminderOptions.Section));
        builder.Services.AddSingleton<ConferenceReminderMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConferenceReminderMonitor>());
    }

    public static void MapConferences(this WebApplication app)
    {
        var group = app.MapConferencesApi();
        group.MapResolutionsApi();
        group.MapDirectivesApi();
        group.MapVenuesApi();
        group.MapCalendarApi();
        group.MapConferenceIndicatorsApi();
        group.MapBodyFeedApi();
        group.MapInvitationsApi();
        group.MapCadenceApi();
    }
}
