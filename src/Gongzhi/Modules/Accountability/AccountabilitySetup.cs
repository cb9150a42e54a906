using Gongzhi.Components.Layout;
using Gongzhi.Modules.Accountability.Duties;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Accountability;

/// <summary>
/// 整体性问责: the duty lists (权责清单) of departments and street offices, read against each other, the case catalogue and the
/// routing rules. It stands above Cases and Services (a duty names their categories and items), so neither knows of it.
/// </summary>
public static class AccountabilitySetup
{
    public static void AddAccountability(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavEntry(33, "duties", _ => AccountabilityText.Get("Nav.Duties"), NavEntries.IsStaff, "duties",
            path => path == "duties" || (path.StartsWith("duties/", StringComparison.Ordinal) && !path.StartsWith("duties/review", StringComparison.Ordinal)));
        builder.Services.AddNavEntry(34, "duties/review", _ => AccountabilityText.Get("Nav.Review"),
            NavEntries.ForRoles(Roles.Admin, Roles.CommandCenter, Roles.Leader, Roles.StreetStaff), "duty-review");
        builder.Services.AddScoped<DutyService>();
        builder.Services.AddScoped<DutyQueries>();
        builder.Services.AddSingleton<ISeeder, DutySeeder>();
    }

    public static void MapAccountability(this IEndpointRouteBuilder app) => app.MapDutiesApi();
}
