using Mentoring.Data;

namespace Mentoring.Features.Demo;

public static class DemoFeature
{
    public static IServiceCollection AddDemoFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection("Demo"));
        // Unset, the demo is for the README's first command only: the built-in SQLite file. Any other
        // store (a PostgreSQL server, another file) starts empty unless --Demo:Seed=true asks for it.
        services.PostConfigure<DemoOptions>(options => options.Seed ??= IsBuiltInStore(configuration));
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<DemoStatus>();
        return services;
    }

    public static bool IsBuiltInStore(IConfiguration configuration)
    {
        var (provider, connectionString) = DatabaseSetup.Resolve(configuration);
        return provider == DatabaseProvider.Sqlite
            && string.Equals(connectionString.Trim().TrimEnd(';'), DatabaseSetup.DefaultConnectionString, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Whether the store holds the demo organisation with its published sign-in (set once at start).</summary>
public sealed class DemoStatus
{
    public bool IsDemoStore { get; set; }
}
