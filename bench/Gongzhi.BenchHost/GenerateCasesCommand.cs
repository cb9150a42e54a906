using System.Globalization;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Generation;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.BenchHost;

/// <summary>
/// <c>generate cases --count N</c>: realistic cases in bulk, for load tests and benchmarks (the product itself only
/// fills an empty demo, <see cref="DemoCases"/>).
/// </summary>
internal static class GenerateCasesCommand
{
    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("generate cases",
            "--count N [--seed S] [--scope CODE] [--from yyyy-MM-dd --to yyyy-MM-dd]  add N generated cases filed in the period up to now and handled up to now (default: the city, the last 365 days)",
            GenerateAsync));

    private static async Task<int> GenerateAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var today = CaseReference.Day(services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (!long.TryParse(CommandLine.Option(args, "--count"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
            || !TryDay(CommandLine.Option(args, "--from"), today.AddDays(-365), out var from)
            || !TryDay(CommandLine.Option(args, "--to"), today.AddDays(1), out var to) || to <= from
            || !int.TryParse(CommandLine.Option(args, "--seed") ?? "1", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            || CommandLine.Option(args, "--scope") is { } given && !JurisdictionCode.IsWellFormed(given))
        {
            await Console.Error.WriteLineAsync("usage: generate cases --count N [--seed S] [--scope CODE] [--from yyyy-MM-dd --to yyyy-MM-dd] (to exclusive, after from)");
            return 2;
        }
        if (Start(from) >= services.GetRequiredService<TimeProvider>().GetUtcNow())
        {
            await Console.Error.WriteLineAsync($"generate cases: the period from {from:yyyy-MM-dd} has not begun; cases are filed up to now.");
            return 2;
        }
        await StartupPreparation.PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
        // Cases are placed in grids: their positions come with the boundaries, prepared in the foreground here.
        await services.GetRequiredService<Gongzhi.Modules.Jurisdictions.BoundaryPreparation>().RunAsync(cancellationToken);
        var request = new GenerationRequest(count, seed, CommandLine.Option(args, "--scope") ?? JurisdictionCode.City,
            Start(from), Start(to));
        var step = Math.Max(CaseGeneration.BatchSize, count / 20);
        var progress = new Progress<long>(done =>
        {
            if (done % step < CaseGeneration.BatchSize || done == count)
            {
                Console.Error.WriteLine($"{done:N0} / {count:N0} cases");
            }
        });
        var written = await services.GetRequiredService<CaseGeneration>().GenerateAsync(request, [], progress, cancellationToken);
        Console.WriteLine($"Generated {written:N0} cases under {request.Scope}, {from:yyyy-MM-dd} to {to:yyyy-MM-dd} (seed {seed}).");
        return 0;
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        day = fallback;
        return text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>Midnight of the day in China Standard Time, where case days are counted.</summary>
    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), CaseReference.ChinaOffset);
}
