using System.Diagnostics;
using Mentoring.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Infrastructure;

/// <summary>
/// A background job that runs one idempotent pass every <c>Jobs:IntervalSeconds</c> (60 by default),
/// unless <c>Jobs:Enabled</c> is false. A failed pass is logged and the next one tries again, so a
/// passing fault never stops the job.
/// </summary>
/// <remarks>
/// Several instances may run on one database: each pass first takes the job's lease in the database
/// (<see cref="JobLeases"/>) and renews it while it runs, so two instances never run passes of one job
/// at once (the outbox is never sent twice); an instance that finds the lease taken skips that pass.
/// The lease is given up when the pass ends, so the next one may run anywhere.
/// </remarks>
public abstract class PeriodicJob(JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> options, ILogger logger) : BackgroundService
{
    /// <summary>What a failed pass is called in the log, e.g. "Sending the outbox".</summary>
    protected abstract string Activity { get; }

    /// <summary>The job's name for its lease and its metrics; the class name unless a job says otherwise.</summary>
    protected virtual string Name => GetType().Name;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        var lease = Duration.FromSeconds(Math.Max(3, settings.LeaseSeconds));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.IntervalSeconds)));
        do
        {
            var took = Stopwatch.StartNew();
            var outcome = "succeeded";
            var held = false;
            try
            {
                held = await leases.TryAcquireAsync(Name, lease, stoppingToken);
                if (!held)
                {
                    continue;
                }
                using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var renewals = RenewAsync(lease, renewing.Token);
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                finally
                {
                    await renewing.CancelAsync();
                    await renewals;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                outcome = "interrupted";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = "failed";
                logger.LogError(e, "{Activity} failed; trying again at the next pass", Activity);
            }
            finally
            {
                if (held)
                {
                    metrics.Record(Name, outcome, took.Elapsed);
                    await ReleaseQuietlyAsync();
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Keeps the lease while a long pass runs (a third of its length at a time).</summary>
    private async Task RenewAsync(Duration lease, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer((lease / 3).ToTimeSpan());
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (!await leases.TryAcquireAsync(Name, lease, cancellationToken))
                    {
                        logger.LogWarning("{Activity}: the lease was lost to another instance while the pass ran", Activity);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // SQLite has one writer: while the pass writes, the renewal waits its turn and tries again.
                    logger.LogDebug(e, "{Activity}: renewing the lease failed; trying again", Activity);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReleaseQuietlyAsync()
    {
        try
        {
            // Written even while shutting down, so another instance need not wait for the lease to lapse.
            await leases.ReleaseAsync(Name, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "{Activity}: giving the lease up failed; it lapses by itself", Activity);
        }
    }
}
