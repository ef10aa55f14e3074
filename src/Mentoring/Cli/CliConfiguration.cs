using System.CommandLine;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Mentoring.Features.Demo;
using Mentoring.Features.People;

namespace Mentoring.Cli;

/// <summary>
/// Verbs take standard ASP.NET Core settings after their own options
/// (<c>--ConnectionStrings:Mentoring="Data Source=x.db"</c>, <c>--Database:Provider=postgres</c>),
/// read together with appsettings.json and MENTORING-style environment variables.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>The tokens System.CommandLine did not claim: they are configuration settings.</summary>
    public static string[] SettingsArgs(ParseResult parse) => parse.UnmatchedTokens.ToArray();

    /// <summary>A host for verbs that use the database but not the web server.</summary>
    public static IHost BuildHost(string[] settings, bool identity = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = settings,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The command line speaks for itself; only warnings from the framework.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMentoringClock(builder.Configuration);
        builder.Services.AddMentoringDatabase(builder.Configuration);
        builder.Services.AddDemoFeature(builder.Configuration);
        builder.Services.AddScoped<RosterImporter>();
        if (identity)
        {
            builder.Services.AddDataProtection();
            builder.Services.AddIdentityCore<UserAccount>(Authentication.ConfigureIdentity)
                .AddRoles<IdentityRole>()
                .AddEntityFrameworkStores<MentoringDbContext>()
                .AddDefaultTokenProviders();
        }
        return builder.Build();
    }

    /// <summary>Settings must look like <c>--Key=value</c> or <c>--Key value</c>; anything else is a mistake.</summary>
    public static string? CheckSettings(string[] settings) =>
        settings.FirstOrDefault(s => !s.StartsWith("--", StringComparison.Ordinal) && !IsValueOfPrevious(settings, s)) is { } stray
            ? $"unexpected argument \"{stray}\""
            : null;

    private static bool IsValueOfPrevious(string[] settings, string token)
    {
        var index = Array.IndexOf(settings, token);
        return index > 0 && settings[index - 1].StartsWith("--", StringComparison.Ordinal) && !settings[index - 1].Contains('=', StringComparison.Ordinal);
    }
}
