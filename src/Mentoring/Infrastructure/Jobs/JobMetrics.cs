using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Infrastructure.Jobs;

/// <summary>
/// The jobs' meter (<c>Mentoring.Jobs</c>): runs and failures of every job, started or periodic, by
/// kind, how long they took, and how many e-mails wait in the outbox. Read by OpenTelemetry when
/// <c>Metrics:Enabled</c> is on; costs nothing otherwise.
/// </summary>
public sealed class JobMetrics
{
    public const string MeterName = "Mentoring.Jobs";

    private readonly Counter<long> runs;
    private readonly Histogram<double> duration;
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<JobMetrics> logger;
    private readonly object gate = new();
    private (long Depth, long ReadAt) outbox = (0, long.MinValue / 2);

    public JobMetrics(IMeterFactory meters, IServiceScopeFactory scopes, ILogger<JobMetrics> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        var meter = meters.Create(MeterName);
        runs = meter.CreateCounter<long>("mentoring.job.runs", "{run}", "Job runs, by kind and outcome (succeeded, failed, interrupted).");
        duration = meter.CreateHistogram<double>("mentoring.job.duration", "s", "How long a job run took, by kind and outcome.");
        meter.CreateObservableGauge("mentoring.outbox.depth", OutboxDepth, "{message}", "E-mails waiting in the outbox to be sent.");
    }

    public void Record(string kind, string outcome, TimeSpan took)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
        runs.Add(1, tags);
        duration.Record(took.TotalSeconds, tags);
    }

    /// <summary>Counted at most every five seconds, whoever scrapes how often.</summary>
    private long OutboxDepth()
    {
        lock (gate)
        {
            if (Environment.TickCount64 - outbox.ReadAt < 5000)
            {
                return outbox.Depth;
            }
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
                outbox = (db.Notifications.LongCount(n => n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Held || n.Status == NotificationStatus.Claimed || n.Status == NotificationStatus.Sending), Environment.TickCount64);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // The database is away or busy: the gauge keeps its last value and asks again at the
                // next scrape; /health/ready says whether the store is reachable.
                logger.LogInformation(e, "The outbox depth could not be counted; the gauge shows its last value");
            }
            return outbox.Depth;
        }
    }
}
