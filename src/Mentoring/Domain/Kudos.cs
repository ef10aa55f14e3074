using NodaTime;

namespace Mentoring.Domain;

/// <summary>A short thank-you from one person in a program (or group) to another, seen by the whole cohort.</summary>
public sealed class Kudos
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public int? GroupId { get; set; }

    public int FromId { get; set; }

    public Person? From { get; set; }

    public int ToId { get; set; }

    public Person? To { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public Instant CreatedAt { get; set; }
}
