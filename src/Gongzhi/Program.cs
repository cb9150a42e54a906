// The composition lives in GongzhiHost, so that the benchmarks' host (bench/Gongzhi.BenchHost) runs the same application.
return await Gongzhi.GongzhiHost.RunAsync(args);

public partial class Program;
