using System.Text.Json;
using Mentoring.Domain;

namespace Mentoring.Infrastructure.Jobs;

/// <summary>
/// Runs one kind of job. Registered with <see cref="JobsSetup.AddJobHandler{THandler}"/> and
/// resolved in the job's own DI scope, so it gets its own database context.
/// </summary>
public interface IJobHandler
{
    Task RunAsync(JobContext job, CancellationToken cancellationToken);

    /// <summary>
    /// The job stopped before it finished (a crash, a restart, a shutdown) and is now failed: put the
    /// domain state it was changing right, so nothing is left waiting for it.
    /// </summary>
    Task AbandonedAsync(BackgroundJob job, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A job that failed for a reason a person can act on, about one input field when there is one.</summary>
public sealed class JobFailedException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;

    /// <summary>A service's value, or the job's failure naming the field the service found at fault.</summary>
    public static T ValueOf<T>(Outcome<T> outcome, string notFoundField = "programId") =>
        outcome.Succeeded ? outcome.Value!
        : outcome.IsNotFound ? throw new JobFailedException("no such program", notFoundField)
        : throw new JobFailedException(outcome.Errors[0].Message, outcome.Errors[0].Field);
}

/// <summary>What a handler sees of its job: the input, a way to say how far it has got, and its answer.</summary>
public sealed class JobContext
{
    internal JobContext(BackgroundJob job, JobProgressBoard board)
    {
        Job = job;
        this.board = board;
    }

    private readonly JobProgressBoard board;

    public BackgroundJob Job { get; }

    internal object? ResultValue { get; private set; }

    internal string? ResultUrl { get; private set; }

    public T Payload<T>() => JsonSerializer.Deserialize<T>(Job.Payload, JobJson.Options)
        ?? throw new JobFailedException($"the {Job.Kind} job has no input");

    /// <summary>How far the job has got; pages read it while the job runs.</summary>
    public void Report(string progress, int? done = null, int? total = null) => board.Set(Job.Id, new JobProgress(progress, done, total));

    /// <summary>The job's answer (kept as JSON) and the page where a person sees it.</summary>
    public void Succeed(object? result, string? resultUrl = null)
    {
        ResultValue = result;
        ResultUrl = resultUrl;
    }
}

public sealed record JobProgress(string Text, int? Done, int? Total);

/// <summary>The latest progress of the jobs this instance runs, written to the job row by the heartbeat.</summary>
public sealed class JobProgressBoard
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, JobProgress> latest = new();

    public void Set(Guid id, JobProgress progress) => latest[id] = progress;

    public JobProgress? Get(Guid id) => latest.GetValueOrDefault(id);

    public void Remove(Guid id) => latest.TryRemove(id, out _);
}

internal static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
