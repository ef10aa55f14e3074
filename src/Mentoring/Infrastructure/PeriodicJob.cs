using Mentoring.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Mentoring.Infrastructure;

/// <summary>
/// A background job that runs one idempotent pass every <c>Jobs:IntervalSeconds</c> (60 by default),
/// unless <c>Jobs:Enabled</c> is false. A failed pass is logged and the next one tries again, so a
/// passing fault never stops the job.
/// </summary>
public abstract class PeriodicJob(IOptions<JobsOptions> options, ILogger logger) : BackgroundService
{
    /// <summary>What a failed pass is called in the log, e.g. "Sending the outbox".</summary>
    protected abstract string Activity { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.IntervalSeconds)));
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Activity} failed; trying again at the next pass", Activity);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
