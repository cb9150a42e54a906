using Gongzhi.Components.Layout;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Services.Training;

internal static class TrainingSetup
{
    public static void AddTraining(this WebApplicationBuilder builder)
    {
        // Staff look for their training beside the service centre; supervisors reach compliance from there.
        builder.Services.AddNavEntry(62, "services/training/mine", _ => ServicesText.Get("Nav.Training"),
            NavEntries.ForRoles([Roles.Admin, .. TrainingCourse.StaffRoles]), "training",
            path => path.StartsWith("services/training", StringComparison.Ordinal));
        builder.Services.AddScoped<StaffDirectory>();
        builder.Services.AddScoped<TrainingIdempotency>();
        builder.Services.AddScoped<CourseService>();
        builder.Services.AddScoped<SessionService>();
        builder.Services.AddScoped<EnrolmentService>();
        builder.Services.AddScoped<CertificateService>();
        builder.Services.AddScoped<TrainingQueries>();
        builder.Services.AddScoped<TrainingCompliance>();
        builder.Services.AddSingleton(new Insights.DashboardSection(40, typeof(TrainingDashboardSection)));
        builder.Services.AddSingleton<ISeeder, TrainingSeeder>();
    }
}
