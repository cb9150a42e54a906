using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;

namespace Gongzhi.Modules.Jurisdictions;

internal static class BoundaryCommands
{
    private const string Usage = "import boundaries FILE.geojson --level street|community|grid";

    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("import boundaries",
            "FILE.geojson --level street|community|grid  replace boundaries with surveyed ones (features carry properties.code)", ImportAsync));

    /// <summary>Exit code 0 when every feature was imported, 1 when some were rejected (the valid ones are still imported), 2 for usage errors.</summary>
    private static async Task<int> ImportAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var levelName = CommandLine.Option(args, "--level");
        if (args.Length == 0 || args[0].StartsWith('-') || levelName is null)
        {
            await Console.Error.WriteLineAsync($"usage: {Usage}");
            return 2;
        }
        // Enum.TryParse would also take "2"; only the names are part of the command.
        if (int.TryParse(levelName, out _) || !Enum.TryParse<JurisdictionLevel>(levelName, ignoreCase: true, out var level)
            || !BoundaryValidator.IsImportable(level))
        {
            await Console.Error.WriteLineAsync($"--level must be street, community or grid, not '{levelName}'.");
            return 2;
        }
        var path = args[0];
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"There is no file '{path}'.");
            return 2;
        }

        await StartupPreparation.PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
        // Children are checked against their parents' boundaries, so the derived ones must be there first.
        await services.GetRequiredService<BoundaryPreparation>().RunAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<GongzhiDbContext>().Caller = Caller.System;
        var importer = scope.ServiceProvider.GetRequiredService<BoundaryImporter>();
        var json = await File.ReadAllTextAsync(path, cancellationToken);
        var result = await importer.ImportAsync(json, level, (outcome, total) =>
        {
            var width = total.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            var line = $"[{outcome.Number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)}/{total}] {outcome}";
            if (outcome.Accepted)
            {
                Console.WriteLine(line);
            }
            else
            {
                Console.Error.WriteLine(line);
            }
        }, cancellationToken);

        if (result.Validation.FileError is { } fileError)
        {
            await Console.Error.WriteLineAsync($"{path}: {fileError} Nothing was imported.");
            return 1;
        }
        Console.WriteLine($"{result.Imported} of {result.Total} {BoundaryValidator.Describe(level)} boundaries imported"
            + (result.Complete ? "." : $", {result.Validation.Rejected} rejected (see above)."));
        return result.Complete ? 0 : 1;
    }
}
