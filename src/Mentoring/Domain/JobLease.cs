using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// Which instance may run a periodic job's pass now (the roulette draws, the outbox, …), and until
/// when: one row per job, taken with one conditional update, so two instances on one database never
/// run a pass of the same job at the same time.
/// </summary>
public sealed class JobLease
{
    /// <summary>The periodic job, e.g. <c>outbox</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The instance holding it (machine/process/run).</summary>
    public required string Owner { get; set; }

    public Instant LeaseUntil { get; set; }
}
