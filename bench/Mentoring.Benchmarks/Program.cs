using BenchmarkDotNet.Running;

namespace Mentoring.Benchmarks;

// `dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*'` runs every benchmark;
// `… -- gen-roster ROWS FILE` writes a synthetic roster for bench/import.sh.
// See bench/README.md for the side-by-side runs against the reference tools.
internal static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["gen-roster", var rows, var file])
        {
            File.WriteAllText(file, RosterGenerator.Generate(int.Parse(rows, System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
