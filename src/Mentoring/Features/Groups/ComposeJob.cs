using Mentoring.Domain;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure.Jobs;

namespace Mentoring.Features.Groups;

public sealed record ComposeJobInput(int ProgramId, ComposeInput Input);

/// <summary>
/// Composing groups runs as a background job: the groups engine may search for minutes. The API
/// waits for it (its answer is the composition); the page waits a moment and otherwise follows the job.
/// </summary>
public sealed class ComposeJobs(JobQueue jobs)
{
    public const string JobKind = "compose-groups";

    public Task<BackgroundJob> StartAsync(int programId, ComposeInput input, string startedBy, CancellationToken cancellationToken) =>
        jobs.EnqueueAsync(JobKind, new ComposeJobInput(programId, input), startedBy, cancellationToken);

    /// <summary>The program's compose job with this id, or null.</summary>
    public async Task<BackgroundJob?> FindAsync(int programId, Guid id, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id, cancellationToken) is { Kind: JobKind } job && JobQueue.PayloadOf<ComposeJobInput>(job)?.ProgramId == programId
            ? job
            : null;

    /// <summary>What the admin reads once groups are composed.</summary>
    public static string Summary(ComposeResult result) =>
        $"{Display.Count(result.ActivityIds.Count, "group", "groups")} composed: {Display.Count(result.Placed, "person", "people")} placed"
        + (result.Unplaced > 0 ? $", {Display.Number(result.Unplaced)} not placed for lack of room" : "")
        + (result.Repeats > 0 ? $", {Display.Count(result.Repeats, "repeat", "repeats")} of an earlier grouping" : ", nobody grouped with someone they met before")
        + (result.Optimal ? "; proven the best mix." : ".");
}

public sealed class ComposeJobHandler(GroupsService groups) : IJobHandler
{
    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var input = job.Payload<ComposeJobInput>();
        job.Report("Composing groups");
        var composed = await groups.ComposeAsync(input.ProgramId, input.Input, cancellationToken);
        job.Succeed(JobFailedException.ValueOf(composed), $"/Programs/{input.ProgramId}/Groups");
    }
}
