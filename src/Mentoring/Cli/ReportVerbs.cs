using System.CommandLine;
using System.Text.Json;
using Mentoring.Data;
using Mentoring.Features.Reports;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Cli;

/// <summary><c>mentoring report program ID [--format json|csv] [--section S] [--out FILE]</c>: the program report, as the API answers it.</summary>
internal static class ReportVerbs
{
    public static Command Create()
    {
        var id = new Argument<int>("ID") { Description = "The program's id." };
        var format = new Option<string>("--format") { Description = "json (the default) or csv.", DefaultValueFactory = _ => "json" };
        var section = new Option<string?>("--section") { Description = "coverage, equity, officeDays, engagement or retention (csv needs one)." };
        var asOf = new Option<string?>("--as-of") { Description = "The report as of this date (yyyy-MM-dd); today when left out." };
        var output = new Option<string>("--out") { Description = "The file to write, or - for standard output.", DefaultValueFactory = _ => "-" };
        var program = new Command("program", "Write a program's report: coverage, equity, office days, engagement and retention.") { id, format, section, asOf, output };
        program.TreatUnmatchedTokensAsErrors = false;
        program.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(id), parse.GetValue(format)!, parse.GetValue(section),
            parse.GetValue(asOf), parse.GetValue(output)!, CliConfiguration.SettingsArgs(parse), cancellationToken));
        return new Command("report", "Reports.") { program };
    }

    private static async Task<int> RunAsync(int id, string format, string? sectionName, string? asOfText, string outPath, string[] settings, CancellationToken cancellationToken)
    {
        if (CliConfiguration.CheckSettings(settings) is { } problem)
        {
            return await FailAsync(problem);
        }
        format = format.Trim().ToLowerInvariant();
        if (format is not ("json" or "csv"))
        {
            return await FailAsync("--format: json or csv");
        }
        var section = sectionName is null ? null : ReportCsv.SectionOf(sectionName);
        if (sectionName is not null && section is null || format == "csv" && section is null)
        {
            return await FailAsync("--section: one of " + string.Join(", ", ReportCsv.Sections));
        }
        if (!ReportsApi.TryParseAsOf(asOfText, out var asOf))
        {
            return await FailAsync("--as-of: give a date as yyyy-MM-dd");
        }
        using var host = CliConfiguration.BuildHost(settings);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        await DatabaseSetup.MigrateAsync(db, cancellationToken);
        var options = new ReportOptions();
        scope.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(ReportOptions.Section).Bind(options);
        var reports = new ReportService(db, scope.ServiceProvider.GetRequiredService<IClock>(), Options.Create(options));
        var report = await reports.BuildAsync(id, asOf, cancellationToken);
        if (!report.Succeeded)
        {
            return await FailAsync($"no program has the id {id}");
        }
        var text = format == "csv"
            ? ReportCsv.Write(report.Value!, section!)
            : JsonSerializer.Serialize(section is null ? report.Value! : SectionOf(report.Value!, section), ReportService.Json) + "\n";
        if (outPath == "-")
        {
            await Console.Out.WriteAsync(text);
        }
        else
        {
            await File.WriteAllTextAsync(outPath, text, cancellationToken);
            await Console.Error.WriteLineAsync($"Report of program {id} as of {report.Value!.AsOf} written to {Path.GetFullPath(outPath)}");
        }
        return 0;
    }

    private static object SectionOf(ProgramReport report, string section) => section switch
    {
        "coverage" => report.Coverage,
        "equity" => report.Equity,
        "officeDays" => report.OfficeDays,
        "engagement" => report.Engagement,
        _ => report.Retention,
    };

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
