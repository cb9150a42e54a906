using Gongzhi.Components.Kit;
using Gongzhi.Modules.Jurisdictions.Calendar;
using Gongzhi.Platform.Startup;
using Microsoft.Extensions.Options;

// In the module's namespace so that JurisdictionsSetup calls these without a using of its own.
namespace Gongzhi.Modules.Jurisdictions;

public static class CalendarSetup
{
    public static void AddWorkingCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkingTimeOptions>().BindConfiguration(WorkingTimeOptions.Section)
            .Validate(o =>
            {
                o.ParsePeriods();
                return true;
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<WorkingCalendar>();
        // The pages show times in the zone the working day is kept in.
        builder.Services.AddSingleton(sp => new ShownTime(sp.GetRequiredService<IOptions<WorkingTimeOptions>>().Value.ResolveTimeZone()));
        builder.Services.AddSingleton<ISeeder, CalendarSeeder>();
    }

    public static void MapWorkingCalendar(this IEndpointRouteBuilder app) => app.MapCalendarApi();
}
