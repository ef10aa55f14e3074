using NodaTime;

namespace Mentoring.Domain;

/// <summary>Something one of the pair said they would do, with an owner and a due date; it may follow from a goal or a session.</summary>
public sealed class ActionItem
{
    public int Id { get; set; }

    public int MentorshipId { get; set; }

    public int? GoalId { get; set; }

    public int? SessionId { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public int OwnerId { get; set; }

    public LocalDate? DueDate { get; set; }

    public Instant? DoneAt { get; set; }

    public Instant CreatedAt { get; set; }
}
