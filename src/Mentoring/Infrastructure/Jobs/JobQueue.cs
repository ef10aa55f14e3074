using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Infrastructure.Jobs;

/// <summary>Wakes an idle runner on this instance when a job is queued (others find it by polling).</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim signal = new(0);

    public void Wake() => signal.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Starts jobs and reads where they stand. Scoped: it shares the request's database context.</summary>
public sealed class JobQueue(MentoringDbContext db, IClock clock, JobSignal signal, JobProgressBoard board)
{
    /// <summary>
    /// Adds a queued job to the context, to be saved with the caller's own changes (one transaction);
    /// call <see cref="Wake"/> after saving.
    /// </summary>
    public BackgroundJob Add(string kind, object payload, string startedBy)
    {
        var job = new BackgroundJob
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JobJson.Options),
            StartedBy = startedBy,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Jobs.Add(job);
        return job;
    }

    public async Task<BackgroundJob> EnqueueAsync(string kind, object payload, string startedBy, CancellationToken cancellationToken)
    {
        var job = Add(kind, payload, startedBy);
        await db.SaveChangesAsync(cancellationToken);
        Wake();
        return job;
    }

    public void Wake() => signal.Wake();

    /// <summary>The job, with the live progress when this instance runs it.</summary>
    public async Task<BackgroundJob?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is { Status: JobStatus.Running } && board.Get(id) is { } live)
        {
            (job.Progress, job.ProgressDone, job.ProgressTotal) = (live.Text, live.Done, live.Total);
        }
        return job;
    }

    /// <summary>Waits for the job to finish, for API calls whose answer is the job's result.</summary>
    public Task<BackgroundJob> WaitAsync(Guid id, CancellationToken cancellationToken) => WaitAsync(id, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// Waits for the job to finish, or for <paramref name="upTo"/>: pages wait a moment, so quick work
    /// answers on the same page, and otherwise show the job's status.
    /// </summary>
    public async Task<BackgroundJob> WaitAsync(Guid id, TimeSpan upTo, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var job = await FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"job {id} is gone");
            if (job.Finished || (upTo != Timeout.InfiniteTimeSpan && waited.Elapsed >= upTo))
            {
                return job;
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 2));
        }
    }

    public static T? PayloadOf<T>(BackgroundJob job) => JsonSerializer.Deserialize<T>(job.Payload, JobJson.Options);

    public static T? ResultOf<T>(BackgroundJob job) =>
        job.Result is null ? default : JsonSerializer.Deserialize<T>(job.Result, JobJson.Options);
}
