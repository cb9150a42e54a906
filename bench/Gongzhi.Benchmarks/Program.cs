using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Gongzhi.Benchmarks.LocateBenchmarks).Assembly).Run(args);
