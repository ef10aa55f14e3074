using Microsoft.Extensions.Options;

namespace Mentoring.Features.Reports;

/// <summary>
/// Runs the program report's code once, in the background, when the served app has started
/// (ReportService.WarmUpAsync: no data read but a few empty queries, nothing written), so that the
/// first report a person opens is not the one that compiles it: the JIT's first tier and EF's query
/// compilation cost a fresh process about a second of CPU more than a later report. Readiness does
/// not wait for it; <c>Reports:WarmUp=false</c> turns it off. The command line never starts it.
/// </summary>
public sealed class ReportWarmUp(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<ReportOptions> options, ILogger<ReportWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp)
        {
            return;
        }
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReportService>().WarmUpAsync(stoppingToken);
            logger.LogDebug("The program report's code is warmed up");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the first report's speed depends on it.
            logger.LogWarning(e, "Warming up the program report failed");
        }
    }
}
