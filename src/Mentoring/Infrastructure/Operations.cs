using Mentoring.Data;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Mentoring.Infrastructure;

/// <summary>
/// What running several instances and operating them takes: data-protection keys in the database
/// (so every instance reads every cookie, antiforgery token and invitation link), health for the
/// load balancer (<c>/health/live</c>, <c>/health/ready</c>) and, when <c>Metrics:Enabled</c> is on,
/// OpenTelemetry metrics in Prometheus format at <c>/metrics</c>.
/// </summary>
public static class Operations
{
    public const string DefaultApplicationName = "Mentoring";

    public static IServiceCollection AddMentoringOperations(this IServiceCollection services, IConfiguration configuration)
    {
        // One application name for every instance: keys are shared only between apps that name themselves alike.
        var applicationName = configuration["DataProtection:ApplicationName"];
        services.AddDataProtection()
            .SetApplicationName(string.IsNullOrWhiteSpace(applicationName) ? DefaultApplicationName : applicationName)
            .PersistKeysToDbContext<MentoringDbContext>();

        services.AddHealthChecks().AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag]);

        if (MetricsEnabled(configuration))
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(JobMetrics.MeterName)
                .AddPrometheusExporter());
        }
        return services;
    }

    public static void MapMentoringOperations(this WebApplication app)
    {
        // Live: the process answers; nothing else is asked, so a slow database never restarts a healthy process.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        // Ready: send it traffic; the database answers and its schema is this version's.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Name == "database" || c.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
        if (MetricsEnabled(app.Configuration))
        {
            // Anonymous like health, for the scraper; keep it off the public side at the proxy (docs/deploy.md).
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        }
    }

    /// <summary>Creates the data-protection key now (after the migrations), rather than at the first request.</summary>
    public static void EnsureDataProtectionKey(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Mentoring.Startup").Protect([1]);

    private const string ReadyTag = "ready";

    private static bool MetricsEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", false);
}

/// <summary>Unhealthy while the database lacks migrations this version has: an instance of a newer release waits for them.</summary>
internal sealed class MigrationsHealthCheck(MentoringDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("every migration is applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations are not applied yet (first: {pending[0]})",
                    data: new Dictionary<string, object> { ["pending"] = pending.Count });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the migrations could not be read: {e.Message}", e);
        }
    }
}
