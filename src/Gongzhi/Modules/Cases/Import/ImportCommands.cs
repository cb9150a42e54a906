using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Import;

/// <summary><c>import cases FILE.csv --as USER</c>: the same job and the same row-by-row intake as an upload, run in the foreground.</summary>
internal static class ImportCommands
{
    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("import cases",
            "FILE.csv --as USER  file the rows of a CSV as cases (progress and refused rows on stderr; exit 1 if any row failed)", ImportAsync));

    private static async Task<int> ImportAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var userName = CommandLine.Option(args, "--as");
        if (args.Length == 0 || args[0].StartsWith('-') || userName is null)
        {
            await Console.Error.WriteLineAsync("usage: import cases FILE.csv --as USER");
            return 2;
        }
        if (!File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync($"No file '{args[0]}'.");
            return 2;
        }
        await StartupPreparation.PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
        // The host is not started here, so the grid index that locates each row is built in the foreground.
        await services.GetRequiredService<Jurisdictions.BoundaryPreparation>().RunAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        db.Caller = Platform.Scoping.Caller.System;
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var importer = userId is null ? null : await CaseImportRunner.CallerOfAsync(db, userId, cancellationToken);
        if (importer is null)
        {
            await Console.Error.WriteLineAsync($"No account '{userName}'.");
            return 2;
        }
        db.Caller = importer;
        CaseImportStatus job;
        try
        {
            // The file's content as key: running the same command again resumes (or reports) the same job.
            var content = await File.ReadAllBytesAsync(args[0], cancellationToken);
            var key = "cli:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            (job, _) = await scope.ServiceProvider.GetRequiredService<CaseImportService>()
                .CreateAsync(importer, Path.GetFileName(args[0]), content, key, cancellationToken);
        }
        catch (CsvFileException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Workflow.CaseAccessException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        var runner = services.GetRequiredService<CaseImportRunner>();
        if (!await runner.TryClaimAsync(job.Id, cancellationToken) && job.State != CaseImportState.Completed)
        {
            await Console.Error.WriteLineAsync($"Job {job.Id} is being run by the application; follow it at /api/v1/cases/imports/{job.Id}.");
            return 1;
        }
        var progress = new SynchronousProgress(p =>
        {
            foreach (var e in p.RowErrors)
            {
                Console.Error.WriteLine($"row {e.RowNumber} {e.Field}: {e.Message}");
            }
            if (p.Status.Processed % 100 == 0 || p.Status.Processed == p.Status.Total)
            {
                Console.Error.WriteLine($"{p.Status.Processed}/{p.Status.Total} rows, {p.Status.Accepted} accepted, {p.Status.Failed} failed");
            }
        });
        var done = await runner.RunAsync(job.Id, progress, cancellationToken);
        Console.WriteLine($"Import {done.Id}: {done.Accepted} accepted, {done.Failed} failed of {done.Total}.");
        return done.Failed > 0 ? 1 : 0;
    }

    /// <summary>Reports on the calling thread, so the lines come out in row order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<(CaseImportStatus Status, IReadOnlyList<CaseImportError> RowErrors)> report)
        : IProgress<(CaseImportStatus Status, IReadOnlyList<CaseImportError> RowErrors)>
    {
        public void Report((CaseImportStatus Status, IReadOnlyList<CaseImportError> RowErrors) value) => report(value);
    }
}
