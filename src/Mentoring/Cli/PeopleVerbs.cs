using System.CommandLine;
using Mentoring.Data;
using Mentoring.Features.People;
using Spectre.Console;

namespace Mentoring.Cli;

/// <summary><c>mentoring import people FILE [--dry-run]</c> and <c>mentoring export people FILE</c>.</summary>
internal static class PeopleVerbs
{
    public static Command CreateImport()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The roster CSV (an HR export: UTF-8, comma or semicolon separated, header on line 1)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and print what would change, without writing." };
        var people = new Command("people", "Import or update people from a roster CSV, keyed by their HR id. All or nothing.")
        {
            file, dryRun,
        };
        people.TreatUnmatchedTokensAsErrors = false;
        people.SetAction((parse, cancellationToken) =>
            ImportAsync(parse.GetValue(file)!, parse.GetValue(dryRun), CliConfiguration.SettingsArgs(parse), cancellationToken));
        return new Command("import", "Import data into the store.") { people };
    }

    public static Command CreateExport()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the roster CSV (- for standard output)." };
        var people = new Command("people", "Write every person as CSV, in the form import reads.") { file };
        people.TreatUnmatchedTokensAsErrors = false;
        people.SetAction((parse, cancellationToken) =>
            ExportAsync(parse.GetValue(file)!, CliConfiguration.SettingsArgs(parse), cancellationToken));
        return new Command("export", "Export data from the store.") { people };
    }

    private static async Task<int> ImportAsync(FileInfo file, bool dryRun, string[] settings, CancellationToken cancellationToken)
    {
        if (CliConfiguration.CheckSettings(settings) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"FILE: \"{file.FullName}\" does not exist");
            return 2;
        }
        using var host = CliConfiguration.BuildHost(settings);
        await using var scope = host.Services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<MentoringDbContext>(), cancellationToken);
        var importer = scope.ServiceProvider.GetRequiredService<RosterImporter>();

        ImportResult result = null!;
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{(dryRun ? "Checking" : "Importing")} {file.Name}");
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.Description = $"{p.Phase} {file.Name}";
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                await using var stream = file.OpenRead();
                result = await importer.ImportAsync(stream, dryRun, progress, cancellationToken);
                task.Value = task.MaxValue;
            });

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.ToString());
            }
            await Console.Error.WriteLineAsync($"Nothing was imported: {result.Errors.Count} error{(result.Errors.Count == 1 ? "" : "s")}" +
                (result.Errors.Count >= RosterImporter.MaxErrors ? $" (the first {RosterImporter.MaxErrors} are listed)" : "") + ".");
            return 2;
        }
        // What a thin file prevents, before the closing line that scripts read.
        foreach (var warning in result.Gaps?.Warnings ?? [])
        {
            Console.WriteLine(warning);
        }
        Console.WriteLine(dryRun ? $"{result.Summary} (dry run: nothing written)" : result.Summary);
        return 0;
    }

    private static async Task<int> ExportAsync(FileInfo file, string[] settings, CancellationToken cancellationToken)
    {
        if (CliConfiguration.CheckSettings(settings) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }
        using var host = CliConfiguration.BuildHost(settings);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        await DatabaseSetup.MigrateAsync(db, cancellationToken);
        if (file.Name == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await RosterExporter.WriteAsync(db, stdout, cancellationToken);
            return 0;
        }
        // Write beside the target and move into place, so a failed export never leaves half a file.
        var temporary = file.FullName + ".tmp";
        int count;
        await using (var output = File.Create(temporary))
        {
            count = await RosterExporter.WriteAsync(db, output, cancellationToken);
        }
        File.Move(temporary, file.FullName, overwrite: true);
        await Console.Error.WriteLineAsync($"{count} people written to {file.FullName}");
        return 0;
    }
}
