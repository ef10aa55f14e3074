using BenchmarkDotNet.Running;

namespace Mentoring.Benchmarks;

// `dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*'` runs every benchmark;
// `… -- gen-roster ROWS FILE` writes a synthetic roster for bench/import.sh;
// `… -- report-store FILE` and `… -- report-time FILE` generate and time the program report (bench/report.sh);
// `… -- report-phases FILE`, `… -- report-probe FILE` and `… -- report-first FILE` show where its time goes.
// `… -- gen-org sqlite FILE|postgres CONNSTRING` makes the 100,000-person organisation for bench/pages.sh;
// `… -- plain-sql …` times plain SQL queries of the pages' data (bench/pages.sh).
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
        if (args is ["report-store", var store])
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ReportStoreGenerator.GenerateAsync(store).GetAwaiter().GetResult();
            Console.WriteLine($"generated {store} in {watch.Elapsed.TotalSeconds:0} s");
            return;
        }
        if (args is ["report-phases", var phased])
        {
            ReportStoreGenerator.PhasesAsync(phased).GetAwaiter().GetResult();
            return;
        }
        if (args is ["report-first", var first])
        {
            ReportStoreGenerator.FirstAsync(first).GetAwaiter().GetResult();
            return;
        }
        if (args is ["report-probe", var probed])
        {
            ReportStoreGenerator.ProbeAsync(probed).GetAwaiter().GetResult();
            return;
        }
        if (args is ["report-json", var source, var output])
        {
            // The whole report as the API writes it, to compare two builds figure by figure.
            var report = ReportStoreGenerator.ReportAsync(source).GetAwaiter().GetResult();
            // The hosts and the weeks of check-ins (on the page and in the CSV, not in the JSON) too.
            File.WriteAllText(output, System.Text.Json.JsonSerializer.Serialize(new { report, report.Hosts, report.CheckInsByWeek }, Mentoring.Features.Reports.ReportService.Json));
            return;
        }
        if (args is ["report-time", var timed, ..] && args.Length <= 5)
        {
            // Optional: the count of warm-up reports (the first one timed on its own), of timed runs (5), and
            // `serve`: first the warm-up the served app runs when it has started.
            var warmups = args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
            var runs = args.Length >= 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5;
            ReportStoreGenerator.TimeAsync(timed, runs, warmups, args is [.., "serve"] && args.Length == 5).GetAwaiter().GetResult();
            return;
        }
        if (args is ["gen-org", var provider, var connection])
        {
            var named = OrganisationGenerator.GenerateAsync(provider, connection).GetAwaiter().GetResult();
            Console.WriteLine($"admin {named.Admin}\nmentor {named.Mentor}\nmentee {named.Mentee}");
            return;
        }
        if (args is ["plain-sql", var sqlProvider, var sqlConnection, var person, var search])
        {
            PlainSql.RunAsync(sqlProvider, sqlConnection, person, search).GetAwaiter().GetResult();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
