using System.CommandLine;
using Mentoring.Cli;

// One executable: `mentoring` serves the web app by default and runs the command-line verbs.
var root = new RootCommand("Mentoring: run hybrid mentoring programs. With no verb, serves the web app on " + Mentoring.MentoringWebApp.DefaultUrl + ".")
{
    TreatUnmatchedTokensAsErrors = false,
};
root.Subcommands.Add(ServeVerb.Create());
root.Subcommands.Add(PeopleVerbs.CreateImport());
root.Subcommands.Add(PeopleVerbs.CreateExport());
root.Subcommands.Add(UserVerbs.Create());
root.Subcommands.Add(CalendarVerbs.Create());
root.Subcommands.Add(EngineVerbs.Create());
root.Subcommands.Add(ReportVerbs.Create());
root.SetAction((parse, cancellationToken) => ServeVerb.RunAsync(CliConfiguration.SettingsArgs(parse), cancellationToken));
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
#pragma warning disable CA1031 // One readable line and exit code 1 instead of a stack trace.
catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
{
    Console.Error.WriteLine($"error: {e.GetBaseException().Message}");
    return 1;
}
