using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gongzhi.Platform.Files;

public static class FilesSetup
{
    public static void AddFiles(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Files");
        builder.Services.Configure<FilesOptions>(section);
        var environment = builder.Environment;
        // The same setting as the backup's, so every stored file is in every backup.
        builder.Services.AddSingleton(services =>
        {
            var configured = services.GetRequiredService<IOptions<FilesOptions>>().Value.Directory;
            return new FileStore(configured is { Length: > 0 } ? configured : Path.Combine(environment.ContentRootPath, "data", "files"));
        });
        builder.Services.AddSingleton<PhotoProcessor>();
        builder.Services.AddScoped<PhotoLibrary>();
        builder.Services.AddSingleton<AbandonedUploads>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AbandonedUploads>());
        var perMinute = section.GetValue<int?>(nameof(FilesOptions.UploadsPerMinute)) ?? new FilesOptions().UploadsPerMinute;
        builder.Services.Configure<RateLimiterOptions>(limiter => FilesApi.AddUploadRateLimit(limiter, perMinute));
    }

    public static void MapFiles(this IEndpointRouteBuilder app) => app.MapFilesApi();

    /// <summary>Lets the module owning records with owner keys <c>{Owner}:{id}</c> decide who sees the files attached to them.</summary>
    public static IServiceCollection AddAttachmentAccess<T>(this IServiceCollection services)
        where T : class, IAttachmentAccess => services.AddScoped<IAttachmentAccess, T>();
}
