using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Infrastructure.Jobs;

/// <summary>
/// Runs queued jobs through their handlers, each in its own DI scope, a few at a time. A job is
/// claimed with a conditional update (queued → running, with this instance as owner and a lease it
/// renews while it runs), so two instances never run one job twice. At start-up, and from time to
/// time after, jobs whose owner is gone (a crash, kill -9, a restart) are marked failed and their
/// handler puts the domain state right. On shutdown the running jobs are cancelled and failed the same way.
/// </summary>
public sealed class JobRunner(
    IServiceScopeFactory scopes, IClock clock, JobSignal signal, JobProgressBoard board,
    IOptions<JobsOptions> options, JobMetrics metrics, ILogger<JobRunner> logger) : BackgroundService
{
    public const string Interrupted = "The app stopped while this ran (a restart or a crash). Start it again.";

    /// <summary>This instance: machine, process and a fresh id per start, so an earlier start in the same process is not us.</summary>
    private readonly string owner = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private JobsOptions Settings => options.Value;

    private Duration Lease => Duration.FromSeconds(Math.Max(3, Settings.LeaseSeconds));

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the app serves: nothing may be left "running" from the last life of the app.
        await RecoverAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Settings.Workers)).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        var nextRecovery = clock.GetCurrentInstant() + Lease;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimAsync(stoppingToken) is { } job)
                {
                    await RunAsync(job, stoppingToken);
                    continue;
                }
                if (clock.GetCurrentInstant() >= nextRecovery)
                {
                    await RecoverAsync(stoppingToken);
                    nextRecovery = clock.GetCurrentInstant() + Lease;
                }
                await signal.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, Settings.PollSeconds)), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogError(e, "Looking for background jobs failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    /// <summary>Takes the oldest queued job, unless another instance takes it first.</summary>
    private async Task<BackgroundJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var id = await db.Jobs.Where(j => j.Status == JobStatus.Queued).OrderBy(j => j.CreatedAt)
                .Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return null;
            }
            var now = clock.GetCurrentInstant();
            var lease = now + Lease;
            var claimed = await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Queued).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, JobStatus.Running)
                .SetProperty(j => j.Owner, owner)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.LeaseUntil, lease), cancellationToken);
            if (claimed == 1)
            {
                return await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
            }
        }
        return null;
    }

    private async Task RunAsync(BackgroundJob job, CancellationToken stoppingToken)
    {
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var beating = HeartbeatAsync(job.Id, heartbeat.Token);
        string? error = null;
        string? field = null;
        object? result = null;
        string? resultUrl = null;
        var abandoned = false;
        var took = Stopwatch.StartNew();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // What a job changes is audited as the job, naming who started it.
            scope.ServiceProvider.GetRequiredService<Audit.AuditContext>().ActAs(new Audit.AuditActor(
                Domain.AuditActorKinds.System, $"job:{job.Id}", $"{job.Kind} job started by {job.StartedBy}", null));
            var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind)
                ?? throw new JobFailedException($"no handler runs jobs of kind \"{job.Kind}\"");
            var context = new JobContext(job, board);
            await handler.RunAsync(context, stoppingToken);
            (result, resultUrl) = (context.ResultValue, context.ResultUrl);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            error = Interrupted;
            abandoned = true;
        }
        catch (JobFailedException e)
        {
            (error, field) = (e.Message, e.Field);
        }
#pragma warning disable CA1031 // A failed job is recorded on the job for the person who started it, not lost in a background task.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Job {Kind} {Id} failed", job.Kind, job.Id);
            error = e.Message;
        }
        await heartbeat.CancelAsync();
        await beating;

        var progress = board.Get(job.Id);
        var now = clock.GetCurrentInstant();
        var resultJson = result is null ? null : JsonSerializer.Serialize(result, result.GetType(), JobJson.Options);
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Written even while shutting down: the job's end must be recorded.
            var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
            // Only while it is still ours and running: another instance that found our claim lapsed
            // has failed it and put the domain state right, and that must stand.
            var recorded = await db.Jobs.Where(j => j.Id == job.Id && j.Owner == owner && j.Status == JobStatus.Running).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, error is null ? JobStatus.Succeeded : JobStatus.Failed)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.ErrorField, field)
                .SetProperty(j => j.Result, resultJson)
                .SetProperty(j => j.ResultUrl, resultUrl)
                .SetProperty(j => j.Progress, progress == null ? job.Progress : progress.Text)
                .SetProperty(j => j.ProgressDone, progress == null ? job.ProgressDone : progress.Done)
                .SetProperty(j => j.ProgressTotal, progress == null ? job.ProgressTotal : progress.Total)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseUntil, (Instant?)null), CancellationToken.None);
            if (recorded == 0)
            {
                logger.LogWarning("Job {Kind} {Id} was closed by another instance while it ran here (its claim lapsed); its end here is not recorded", job.Kind, job.Id);
            }
        }
        metrics.Record(job.Kind, abandoned ? "interrupted" : error is null ? "succeeded" : "failed", took.Elapsed);
        if (abandoned)
        {
            await AbandonAsync(job, CancellationToken.None);
        }
        board.Remove(job.Id);
    }

    /// <summary>Renews the claim and writes the latest progress, about once a second, while the job runs.</summary>
    private async Task HeartbeatAsync(Guid id, CancellationToken cancellationToken)
    {
        JobProgress? written = null;
        var renewed = clock.GetCurrentInstant();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var progress = board.Get(id);
                var now = clock.GetCurrentInstant();
                if (progress == written && now - renewed < Lease / 3)
                {
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
                    var lease = now + Lease;
                    await db.Jobs.Where(j => j.Id == id && j.Owner == owner).ExecuteUpdateAsync(set => set
                        .SetProperty(j => j.LeaseUntil, lease)
                        .SetProperty(j => j.Progress, progress == null ? null : progress.Text)
                        .SetProperty(j => j.ProgressDone, progress == null ? null : progress.Done)
                        .SetProperty(j => j.ProgressTotal, progress == null ? null : progress.Total), cancellationToken);
                    (written, renewed) = (progress, now);
                }
                catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
                {
                    // SQLite has one writer: while the job itself writes, the heartbeat waits its turn and tries again.
                    logger.LogDebug(e, "Renewing the claim on job {Id} failed; trying again", id);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Fails the jobs whose owner is gone, and lets their handlers put the domain state right.</summary>
    internal async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var now = clock.GetCurrentInstant();
        var candidates = await db.Jobs.Where(j => j.Status == JobStatus.Running && j.Owner != owner).ToListAsync(cancellationToken);
        var recovered = 0;
        foreach (var job in candidates.Where(j => j.LeaseUntil is null || j.LeaseUntil < now || OwnerIsGone(j.Owner)))
        {
            var closed = await db.Jobs.Where(j => j.Id == job.Id && j.Status == JobStatus.Running && j.Owner == job.Owner).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, JobStatus.Failed)
                .SetProperty(j => j.Error, Interrupted)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseUntil, (Instant?)null), cancellationToken);
            if (closed == 1)
            {
                logger.LogWarning("Job {Kind} {Id} was left running by {Owner}; it is marked failed", job.Kind, job.Id, job.Owner);
                job.Status = JobStatus.Failed;
                job.Error = Interrupted;
                await AbandonAsync(job, cancellationToken);
                recovered++;
            }
        }
        return recovered;
    }

    /// <summary>True when the owner ran on this machine in a process that has ended, or in an earlier start of this process.</summary>
    private static bool OwnerIsGone(string? jobOwner)
    {
        var parts = jobOwner?.Split('/');
        if (parts is not { Length: 3 } || parts[0] != Environment.MachineName || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }
        if (pid == Environment.ProcessId)
        {
            return true;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private async Task AbandonAsync(BackgroundJob job, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind) is { } handler)
            {
                await handler.AbandonedAsync(job, cancellationToken);
            }
        }
#pragma warning disable CA1031 // One handler's failure to tidy up must not stop the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Tidying up after job {Kind} {Id} failed", job.Kind, job.Id);
        }
    }
}
