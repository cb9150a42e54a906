using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry.Imports;

/// <summary>
/// <c>import persons FILE.csv --as USER</c> runs an import in the foreground, as an upload would (the benchmarks' host times the
/// same run on generated rows: <c>bench person-import</c>).
/// </summary>
internal static class ImportCommands
{
    public static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("import persons",
            "FILE.csv --as USER  import persons of the registry (progress on stderr; exit 1 if any row was refused)", ImportAsync));
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var userName = CommandLine.Option(args, "--as");
        if (args.Length == 0 || args[0].StartsWith('-') || userName is null || !File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync("usage: import persons FILE.csv --as USER");
            return 2;
        }
        var content = await File.ReadAllBytesAsync(args[0], cancellationToken);
        return await RunAsync(services, userName, Path.GetFileName(args[0]), content, cancellationToken) is { } done
            ? done.Failed > 0 ? 1 : 0
            : 2;
    }

    /// <summary>Imports <paramref name="content"/> as <paramref name="userName"/> in the foreground; null when it cannot start.</summary>
    internal static async Task<PersonImportStatus?> RunAsync(IServiceProvider services, string userName, string fileName, byte[] content,
        CancellationToken cancellationToken)
    {
        await StartupPreparation.PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
        var runner = services.GetRequiredService<PersonImportRunner>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Caller.System;
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var importer = userId is null ? null : await runner.CallerOfAsync(userId, cancellationToken);
        if (importer is null)
        {
            await Console.Error.WriteLineAsync($"No account '{userName}'.");
            return null;
        }
        PersonImportStatus job;
        try
        {
            // The file's content as key: running the same command again resumes (or reports) the same job.
            var key = "cli:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            (job, _) = await scope.ServiceProvider.GetRequiredService<PersonImportService>().CreateAsync(importer, fileName, content, key, cancellationToken);
        }
        catch (Exception e) when (e is ImportFileException or Platform.Actions.ActionForbiddenException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return null;
        }
        if (!await runner.TryClaimAsync(job.Id, cancellationToken) && job.State != PersonImportState.Completed)
        {
            await Console.Error.WriteLineAsync($"Job {job.Id} is being run by the application; follow it at /api/v1/registry/imports/{job.Id}.");
            return null;
        }
        var progress = new SynchronousProgress(s => Console.Error.WriteLine($"{s.Processed}/{s.Total} rows, {s.Accepted} stored, {s.Failed} refused"));
        return await runner.RunAsync(job.Id, progress, cancellationToken);
    }

    /// <summary>Reports on the calling thread, so the lines come out in order.</summary>
    private sealed class SynchronousProgress(Action<PersonImportStatus> report) : IProgress<PersonImportStatus>
    {
        public void Report(PersonImportStatus value) => report(value);
    }
}
