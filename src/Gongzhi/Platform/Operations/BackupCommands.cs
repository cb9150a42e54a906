using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Platform.Operations;

internal static class BackupCommands
{
    public static void AddBackup(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Backup>();
        builder.Services.AddSingleton<Action<CommandLine>>(commands =>
        {
            commands.Add("backup", "FILE.zip  write the database, the stored files and a manifest to one archive", BackupAsync);
            commands.Add("restore", "FILE.zip  replace the database and the stored files with an archive's (stop the app first)", RestoreAsync);
        });
    }

    private static async Task<int> BackupAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: backup FILE.zip");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<GongzhiDbContext>().Caller = Caller.System;
        var manifest = await scope.ServiceProvider.GetRequiredService<Backup>().CreateAsync(Path.GetFullPath(args[0]), cancellationToken);
        Console.WriteLine($"Backup written to {args[0]} ({manifest.Provider}, migration {manifest.LastMigration}).");
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync("usage: restore FILE.zip (an archive written by the backup command)");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<GongzhiDbContext>().Caller = Caller.System;
        try
        {
            var manifest = await scope.ServiceProvider.GetRequiredService<Backup>().RestoreAsync(Path.GetFullPath(args[0]), cancellationToken);
            Console.WriteLine($"Restored the backup of {manifest.CreatedAt:u}.");
            return 0;
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
