using NodaTime;

namespace Mentoring.Domain;

/// <summary>A step towards a goal, with its date.</summary>
public sealed class Milestone
{
    public int Id { get; set; }

    public int GoalId { get; set; }

    [PrivateText]
    public required string Title { get; set; }

    public LocalDate? DueDate { get; set; }

    public Instant? DoneAt { get; set; }
}
