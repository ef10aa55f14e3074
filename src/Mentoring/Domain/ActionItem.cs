using NodaTime;

namespace Mentoring.Domain;

/// <summary>Something one of the pair said they would do, with an owner and a due date; it may follow from a goal or a session.</summary>
public sealed class ActionItem : ISpaceItem
{
    public int Id { get; set; }

    /// <summary>The mentorship it belongs to; null when it belongs to a group (exactly one of the two is set).</summary>
    public int? MentorshipId { get; set; }

    /// <summary>The group cohort it belongs to, when it is a group's.</summary>
    public int? GroupId { get; set; }

    public int? GoalId { get; set; }

    public int? SessionId { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public int OwnerId { get; set; }

    public LocalDate? DueDate { get; set; }

    public Instant? DoneAt { get; set; }

    public Instant CreatedAt { get; set; }
}
