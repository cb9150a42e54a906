using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry.Imports;

/// <summary>
/// <c>import persons FILE.csv --as USER</c> runs an import in the foreground, as an upload would; <c>bench person-import --rows N --as USER</c>
/// generates N rows of the user's area (one in fifty refused on purpose) and measures rows per second of the same run.
/// </summary>
internal static class ImportCommands
{
    public static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("import persons",
            "FILE.csv --as USER  import persons of the registry (progress on stderr; exit 1 if any row was refused)", ImportAsync));
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("bench person-import",
            "--rows N --as USER [--grid CODE]  generate N persons and time their import", BenchAsync));
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

    private static async Task<int> BenchAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var userName = CommandLine.Option(args, "--as") ?? "community.420103001002";
        if (!int.TryParse(CommandLine.Option(args, "--rows") ?? "100000", NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows < 1)
        {
            await Console.Error.WriteLineAsync("usage: bench person-import --rows N --as USER [--grid CODE]");
            return 2;
        }
        var grid = CommandLine.Option(args, "--grid") ?? "420103001002001";
        var content = Generate(rows, grid);
        var clock = Stopwatch.StartNew();
        var done = await RunAsync(services, userName, $"bench-{rows}.csv", content, cancellationToken);
        clock.Stop();
        if (done is null)
        {
            return 2;
        }
        var provider = services.GetRequiredService<IConfiguration>()["Database:Provider"] ?? "Sqlite";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {done.Processed} rows ({done.Accepted} stored, {done.Failed} refused) in {clock.Elapsed.TotalSeconds:F1} s = {done.Processed / clock.Elapsed.TotalSeconds:F0} rows/s"));
        return 0;
    }

    /// <summary>Rows with real-shaped, distinct ID numbers (a random start, so runs do not collide); every fiftieth has a bad check digit.</summary>
    private static byte[] Generate(int rows, string grid)
    {
        var csv = new StringBuilder("name,id_number,phone,jurisdiction_code,care_tags,residence_status,household,relation\r\n");
        var birth = new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(0, 20_000));
        var region = 110101 + Random.Shared.Next(0, 100) * 100;
        for (var i = 0; i < rows; i++)
        {
            var day = birth.AddDays(i / 999);
            var body = string.Create(CultureInfo.InvariantCulture, $"{region:D6}{day:yyyyMMdd}{i % 999 + 1:D3}");
            var check = IdNumbers.CheckCharacter(body);
            var id = body + (i % 50 == 49 ? (check == '0' ? '1' : '0') : check);
            csv.Append(CultureInfo.InvariantCulture, $"测试{i % 1000:D3},{id},1{30 + i % 60}{i % 100_000_000:D8},{grid},{(i % 20 == 0 ? "独居老人" : "")},户籍,H{i / 3:D7},{(i % 3 == 0 ? "户主" : "子女")}\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<PersonImportStatus?> RunAsync(IServiceProvider services, string userName, string fileName, byte[] content,
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
