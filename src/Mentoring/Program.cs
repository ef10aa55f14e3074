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
root.Subcommands.Add(EngineVerbs.Create());
root.SetAction((parse, cancellationToken) => ServeVerb.RunAsync(CliConfiguration.SettingsArgs(parse), cancellationToken));
return await root.Parse(args).InvokeAsync();
