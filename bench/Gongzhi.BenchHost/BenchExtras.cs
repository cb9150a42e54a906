using Microsoft.AspNetCore.Builder;

namespace Gongzhi.BenchHost;

/// <summary>What the benchmarks' host adds to the product.</summary>
internal static class BenchExtras
{
    public static void Add(WebApplicationBuilder builder)
    {
        GenerateCasesCommand.Register(builder);
        PersonImportBenchCommand.Register(builder);
    }

    public static void Map(WebApplication app) => app.MapBaselineIntake();
}
