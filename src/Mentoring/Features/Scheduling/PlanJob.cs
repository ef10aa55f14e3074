using System.Globalization;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure.Jobs;
using NodaTime;

namespace Mentoring.Features.Scheduling;

public sealed record PlanJobInput(int ProgramId, DateOnly From, DateOnly To, int TimeLimitSeconds);

/// <summary>
/// Planning a schedule runs as a background job: the schedule engine may search up to its time limit.
/// The API waits for it (its answer is the plan); the page waits a moment and otherwise follows the job.
/// </summary>
public sealed class PlanJobs(JobQueue jobs)
{
    public const string JobKind = "plan-schedule";

    public Task<BackgroundJob> StartAsync(PlanJobInput input, string startedBy, CancellationToken cancellationToken) =>
        jobs.EnqueueAsync(JobKind, input, startedBy, cancellationToken);

    /// <summary>The program's plan job with this id, or null.</summary>
    public async Task<BackgroundJob?> FindAsync(int programId, Guid id, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id, cancellationToken) is { Kind: JobKind } job && JobQueue.PayloadOf<PlanJobInput>(job)?.ProgramId == programId
            ? job
            : null;
}

public sealed class PlanJobHandler(SchedulingService scheduling) : IJobHandler
{
    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var input = job.Payload<PlanJobInput>();
        job.Report("Planning the schedule");
        var planned = await scheduling.PlanAsync(input.ProgramId, LocalDate.FromDateOnly(input.From), LocalDate.FromDateOnly(input.To),
            input.TimeLimitSeconds, cancellationToken);
        job.Succeed(JobFailedException.ValueOf(planned),
            $"/Programs/{input.ProgramId}/Schedule?from={input.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={input.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
    }
}
