using BenchmarkDotNet.Running;

namespace Mentoring.Benchmarks;

// `dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*'` runs every benchmark;
// see bench/README.md for the side-by-side runs against the reference tools.
internal static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
