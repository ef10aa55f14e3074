using NodaTime;

namespace Mentoring.Domain;

/// <summary>Where a matching run stands: computing, waiting for review, published, or replaced by a newer run.</summary>
public enum MatchRunStatus
{
    Running,
    Proposed,
    Published,
    Superseded,
    Failed,
}

/// <summary>
/// One run of matching for a program: the proposal an admin reviews (locking or swapping pairs,
/// re-running with the locks kept) before publishing it as mentorships.
/// </summary>
public sealed class MatchRun
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public MentoringProgram? Program { get; set; }

    public MatchRunStatus Status { get; set; } = MatchRunStatus.Running;

    public required string StartedBy { get; set; }

    public Instant StartedAt { get; set; }

    public Instant? FinishedAt { get; set; }

    public int Matched { get; set; }

    public int Unmatched { get; set; }

    public int PrioritySum { get; set; }

    public double ScoreSum { get; set; }

    /// <summary>True when the engine proved the proposal optimal.</summary>
    public bool Optimal { get; set; }

    public string? Error { get; set; }

    public List<MatchProposal> Proposals { get; set; } = [];
}

/// <summary>One mentee's line in a proposal: the mentor proposed (or none, and why), the fit and the reasons.</summary>
public sealed class MatchProposal
{
    public int Id { get; set; }

    public int RunId { get; set; }

    public int MenteeId { get; set; }

    public Person? Mentee { get; set; }

    public int? MentorId { get; set; }

    public Person? Mentor { get; set; }

    public int Priority { get; set; }

    public double Score { get; set; }

    /// <summary>A locked pair is kept as it is when matching runs again.</summary>
    public bool Locked { get; set; }

    public List<MatchReason> Reasons { get; set; } = [];

    /// <summary>Why nobody was proposed: no eligible mentor, or every eligible mentor's capacity used up.</summary>
    public string? UnmatchedReason { get; set; }
}
