using System.CommandLine;
using Mentoring.Data;
using Mentoring.Features.Calendar;
using Mentoring.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Cli;

/// <summary><c>mentoring calendar export --person ID --out FILE</c>: one person's sessions as an .ics file.</summary>
internal static class CalendarVerbs
{
    public static Command Create()
    {
        var person = new Option<string>("--person") { Description = "The person's HR id (as imported).", Required = true };
        var output = new Option<string>("--out") { Description = "The .ics file to write, or - for standard output.", DefaultValueFactory = _ => "-" };
        var export = new Command("export", "Write a person's sessions as iCalendar (RFC 5545).") { person, output };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction((parse, cancellationToken) =>
            ExportAsync(parse.GetValue(person)!, parse.GetValue(output)!, CliConfiguration.SettingsArgs(parse), cancellationToken));
        return new Command("calendar", "Calendars of sessions.") { export };
    }

    private static async Task<int> ExportAsync(string externalId, string outPath, string[] settings, CancellationToken cancellationToken)
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
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.ExternalId == externalId, cancellationToken);
        if (person is null)
        {
            await Console.Error.WriteLineAsync($"--person: no person has the HR id \"{externalId}\"");
            return 2;
        }
        var sessions = await SessionQueries.SessionsOfAsync(db, person.Id, cancellationToken);
        var ics = SessionCalendar.Write(sessions, $"Mentoring: {person.Name}", scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant());
        if (outPath == "-")
        {
            Console.Write(ics);
        }
        else
        {
            await File.WriteAllTextAsync(outPath, ics, cancellationToken);
            await Console.Error.WriteLineAsync($"{sessions.Count} session{(sessions.Count == 1 ? "" : "s")} written to {Path.GetFullPath(outPath)}");
        }
        return 0;
    }
}
