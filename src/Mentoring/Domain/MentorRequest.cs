using NodaTime;

namespace Mentoring.Domain;

/// <summary>Where a mentee's request to a mentor stands.</summary>
public enum MentorRequestStatus
{
    Pending,
    Accepted,
    Declined,
    Waitlisted,
    Withdrawn,
}

/// <summary>
/// Mentee-choice mode: a mentee asks a suggested mentor; the mentor accepts (a mentorship starts) or
/// declines. When the mentor is full the request waits in line and is offered when a place frees up.
/// </summary>
public sealed class MentorRequest
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public int MenteeId { get; set; }

    public Person? Mentee { get; set; }

    public int MentorId { get; set; }

    public Person? Mentor { get; set; }

    public MentorRequestStatus Status { get; set; } = MentorRequestStatus.Pending;

    public string Message { get; set; } = "";

    public string? Response { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? AnsweredAt { get; set; }
}
