using NodaTime;

namespace Mentoring.Domain;

/// <summary>When in a program a mentor rates their own skills.</summary>
public enum AssessmentStage
{
    Start,
    End,
}

/// <summary>
/// A mentor's own rating (1-5) of their coaching and communication skills at the start or the end of
/// a program. The mentor sees their start against their end; the admin sees means over at least k
/// mentors only, so it is kept out of the audit trail like survey answers.
/// </summary>
[NotAudited]
public sealed class SelfAssessment
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public int PersonId { get; set; }

    public AssessmentStage Stage { get; set; }

    /// <summary>One score per item of the assessment, by the item's key (<c>listening</c>, <c>questions</c> …).</summary>
    public Dictionary<string, int> Scores { get; set; } = [];

    public Instant SubmittedAt { get; set; }
}
