using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>
/// Starts matching runs as background jobs, so the admin's page shows a status while a large program
/// is matched. The run and its job live in the database, so any page or API call (or another
/// instance) can read them, and a run cut short by a crash is marked failed at the next start.
/// </summary>
public sealed class MatchRunner(MentoringDbContext db, JobQueue jobs, IClock clock)
{
    public const string JobKind = "matching";

    public async Task<Outcome<MatchRun>> StartAsync(int programId, string startedBy, CancellationToken cancellationToken)
    {
        if (await db.MatchRuns.AnyAsync(r => r.ProgramId == programId && r.Status == MatchRunStatus.Running, cancellationToken))
        {
            return Outcome.Invalid("programId", "matching is already running for this program");
        }
        var run = new MatchRun { ProgramId = programId, StartedBy = startedBy, StartedAt = clock.GetCurrentInstant() };
        // The run and its job are written together: no run without a job to finish it.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.MatchRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            jobs.Add(JobKind, new MatchJobInput(run.Id), startedBy);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        jobs.Wake();
        return run;
    }
}

public sealed record MatchJobInput(int RunId);

/// <summary>Computes a run's proposal; a run whose job fails or is cut short is marked failed with the reason.</summary>
public sealed class MatchJobHandler(MentoringDbContext db, MatchingService matching, IClock clock, ILogger<MatchJobHandler> logger) : IJobHandler
{
    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var input = job.Payload<MatchJobInput>();
        job.Report("Matching");
        try
        {
            await matching.ComputeAsync(input.RunId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Matching run {RunId} failed", input.RunId);
            await FailAsync(input.RunId, e.Message, CancellationToken.None);
            throw;
        }
        job.Succeed(new { runId = input.RunId }, $"/api/matching/runs/{input.RunId}");
    }

    public async Task AbandonedAsync(BackgroundJob job, CancellationToken cancellationToken)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<MatchJobInput>(job.Payload, System.Text.Json.JsonSerializerOptions.Web);
        if (input is not null)
        {
            await FailAsync(input.RunId, job.Error ?? JobRunner.Interrupted, cancellationToken);
        }
    }

    private async Task FailAsync(int runId, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetCurrentInstant();
        await db.MatchRuns.Where(r => r.Id == runId && r.Status == MatchRunStatus.Running).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, MatchRunStatus.Failed)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedAt, now), cancellationToken);
    }
}
