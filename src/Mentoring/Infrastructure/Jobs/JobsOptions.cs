namespace Mentoring.Infrastructure.Jobs;

/// <summary>The background work's settings (<c>Jobs:*</c>).</summary>
public sealed class JobsOptions
{
    /// <summary>The periodic jobs (roulette rounds when due, the outbox). Work people start always runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the periodic jobs look for work, in seconds.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>How many started jobs (matching runs, imports, compositions, plans) run at once on this instance.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How long an instance's claim on a running job holds without renewal; then another instance may close it.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often an idle instance looks for queued jobs started elsewhere, in seconds.</summary>
    public int PollSeconds { get; set; } = 2;
}
