using Mentoring.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mentoring.Infrastructure;

/// <summary>Reports whether the database answers, and which store it is.</summary>
internal sealed class DatabaseHealthCheck(MentoringDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = db.Database.IsNpgsql() ? "postgres" : "sqlite";
        var data = new Dictionary<string, object> { ["provider"] = provider };
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{provider} database reachable", data)
                : HealthCheckResult.Unhealthy($"{provider} database unreachable", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{provider} database unreachable: {e.Message}", e, data);
        }
    }
}
