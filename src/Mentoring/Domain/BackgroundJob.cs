using NodaTime;

namespace Mentoring.Domain;

/// <summary>Where a background job stands.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A piece of work started by someone (a matching run, a roster import, composing groups, planning a
/// schedule) that runs in the background. Its state is in the database, so any page, API call or
/// other instance can follow it, and a job left running by a crash is found and closed at start-up.
/// </summary>
[NotAudited]
public sealed class BackgroundJob
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Which handler runs it: <c>matching</c>, <c>import</c>, <c>compose-groups</c>, <c>plan-schedule</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The handler's input, as JSON.</summary>
    public required string Payload { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Queued;

    /// <summary>What it is doing now, in a person's words ("Writing"), and how far it has got.</summary>
    public string? Progress { get; set; }

    public int? ProgressDone { get; set; }

    public int? ProgressTotal { get; set; }

    /// <summary>The handler's answer, as JSON, and where a person sees it.</summary>
    public string? Result { get; set; }

    public string? ResultUrl { get; set; }

    /// <summary>Why it failed, and the input field the reason is about, when there is one.</summary>
    public string? Error { get; set; }

    public string? ErrorField { get; set; }

    public required string StartedBy { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? StartedAt { get; set; }

    public Instant? FinishedAt { get; set; }

    /// <summary>The instance running it (machine/process/run), and until when its claim holds unless renewed.</summary>
    public string? Owner { get; set; }

    public Instant? LeaseUntil { get; set; }

    public bool Finished => Status is JobStatus.Succeeded or JobStatus.Failed;
}
