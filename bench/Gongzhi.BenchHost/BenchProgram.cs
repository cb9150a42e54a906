namespace Gongzhi.BenchHost;

/// <summary>
/// The product's composition plus the benchmarks' extras (<see cref="BenchExtras"/>):
/// <c>dotnet bench/Gongzhi.BenchHost/bin/Release/net10.0/Gongzhi.BenchHost.dll generate cases --count N …</c>, or with no
/// command the server, as bench/Gongzhi.LoadTest starts it.
/// </summary>
internal static class BenchProgram
{
    // A named entry point, not top-level statements: the tests see this assembly's internals beside the product's Program.
    public static Task<int> Main(string[] args) => GongzhiHost.RunAsync(args, BenchExtras.Add, BenchExtras.Map);
}
