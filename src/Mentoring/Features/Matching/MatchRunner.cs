using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>
/// Starts matching runs in the background, so the admin's page shows a status while a large program
/// is matched. The run's state lives in the database, so any page or API call (or another instance)
/// can read it.
/// </summary>
public sealed class MatchRunner(IServiceScopeFactory scopes, IClock clock, ILogger<MatchRunner> logger)
{
    public async Task<Outcome<MatchRun>> StartAsync(MentoringDbContext db, int programId, string startedBy, CancellationToken cancellationToken)
    {
        if (await db.MatchRuns.AnyAsync(r => r.ProgramId == programId && r.Status == MatchRunStatus.Running, cancellationToken))
        {
            return Outcome.Invalid("programId", "matching is already running for this program");
        }
        var run = new MatchRun { ProgramId = programId, StartedBy = startedBy, StartedAt = clock.GetCurrentInstant() };
        db.MatchRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        _ = Task.Run(() => ComputeAsync(run.Id), CancellationToken.None);
        return run;
    }

    private async Task ComputeAsync(int runId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        try
        {
            await scope.ServiceProvider.GetRequiredService<MatchingService>().ComputeAsync(runId, CancellationToken.None);
        }
#pragma warning disable CA1031 // A failed run is recorded on the run for the admin to see, not lost in a background task.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Matching run {RunId} failed", runId);
            db.ChangeTracker.Clear();
            var run = await db.MatchRuns.SingleAsync(r => r.Id == runId);
            run.Status = MatchRunStatus.Failed;
            run.Error = e.Message;
            run.FinishedAt = clock.GetCurrentInstant();
            await db.SaveChangesAsync();
        }
    }
}
