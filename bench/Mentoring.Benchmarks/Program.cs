using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*'` runs every benchmark;
// see bench/README.md for the side-by-side runs against the reference tools.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
