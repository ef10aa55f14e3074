using NodaTime;

namespace Mentoring.Domain;

public enum GoalStatus
{
    Active,
    Done,
    Dropped,
}

/// <summary>
/// A goal of a mentorship, SMART-style: what, why, how we will know, by when. Its progress is set by
/// the pair, or computed from its milestones.
/// </summary>
public sealed class Goal : ISpaceItem
{
    public int Id { get; set; }

    /// <summary>The mentorship it belongs to; null when it belongs to a group (exactly one of the two is set).</summary>
    public int? MentorshipId { get; set; }

    /// <summary>The group cohort it belongs to, when it is a group's.</summary>
    public int? GroupId { get; set; }

    [PrivateText]
    public required string Title { get; set; }

    [PrivateText]
    public string Why { get; set; } = "";

    /// <summary>How we will know it is reached.</summary>
    [PrivateText]
    public string Measure { get; set; } = "";

    public LocalDate? TargetDate { get; set; }

    public GoalStatus Status { get; set; } = GoalStatus.Active;

    /// <summary>0 to 100.</summary>
    public int Progress { get; set; }

    /// <summary>When true, progress is the share of milestones done.</summary>
    public bool ProgressFromMilestones { get; set; }

    public int CreatedById { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? CompletedAt { get; set; }

    public List<Milestone> Milestones { get; set; } = [];

    /// <summary>The progress as shown: from the milestones when the goal says so.</summary>
    public int ShownProgress => Status == GoalStatus.Done ? 100
        : ProgressFromMilestones && Milestones.Count > 0 ? Milestones.Count(m => m.DoneAt is not null) * 100 / Milestones.Count
        : Progress;
}
