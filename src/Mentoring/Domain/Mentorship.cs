using NodaTime;

namespace Mentoring.Domain;

/// <summary>Where a mentorship stands.</summary>
public enum MentorshipStatus
{
    Active,
    Declined,
    Ended,
}

/// <summary>
/// A published pairing of a mentor and a mentee in a program, with the score and the reasons the
/// matching gave for it, so both people can see why they were paired.
/// </summary>
public sealed class Mentorship
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public MentoringProgram? Program { get; set; }

    public int MentorId { get; set; }

    public Person? Mentor { get; set; }

    public int MenteeId { get; set; }

    public Person? Mentee { get; set; }

    public MentorshipStatus Status { get; set; } = MentorshipStatus.Active;

    /// <summary>The fit, 0..1, as the matching computed it.</summary>
    public double Score { get; set; }

    /// <summary>The factors behind the score, most important first.</summary>
    public List<MatchReason> Reasons { get; set; } = [];

    public Instant CreatedAt { get; set; }

    /// <summary>Who declined (mentor or mentee), when and why; the admin sees it.</summary>
    public int? DeclinedById { get; set; }

    public string? DeclineReason { get; set; }

    public Instant? DeclinedAt { get; set; }

    public Instant? EndedAt { get; set; }

    /// <summary>Who closed the mentorship (mentor or mentee) and why; the closing reflection is a Reflection at the end stage.</summary>
    public int? ClosedById { get; set; }

    public string? CloseReason { get; set; }
}

/// <summary>One factor of a match, in words a person understands, with its share of the score.</summary>
public sealed record MatchReason(string Factor, string Text, double Share);
