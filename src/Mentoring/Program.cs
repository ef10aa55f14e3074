using System.CommandLine;
using Mentoring.Cli;

var root = new RootCommand("Mentoring: hybrid mentoring programs.");
root.Subcommands.Add(EngineVerbs.Create());
return root.Parse(args).Invoke();
