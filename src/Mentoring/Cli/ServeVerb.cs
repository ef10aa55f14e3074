using System.CommandLine;
using Mentoring.Infrastructure;

namespace Mentoring.Cli;

/// <summary><c>mentoring serve</c> (the default verb): the web app and its API.</summary>
internal static class ServeVerb
{
    public static Command Create()
    {
        var serve = new Command("serve", "Serve the web app and API (the default). Takes ASP.NET Core settings such as --urls and --ConnectionStrings:Mentoring=…")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((parse, cancellationToken) => RunAsync(CliConfiguration.SettingsArgs(parse), cancellationToken));
        return serve;
    }

    public static async Task<int> RunAsync(string[] settings, CancellationToken cancellationToken)
    {
        var app = MentoringWebApp.Create(settings);
        await Startup.InitializeAsync(app.Services, cancellationToken: cancellationToken);
        Startup.AnnounceOnStart(app);
        await app.RunAsync();
        return 0;
    }
}
