using NodaTime;

namespace Mentoring.Domain;

/// <summary>A reply under a stand-up, read by the same cohort as the stand-up.</summary>
public sealed class StandupReply
{
    public int Id { get; set; }

    public int StandupId { get; set; }

    public int AuthorId { get; set; }

    public Person? Author { get; set; }

    [PrivateText]
    public string Text { get; set; } = "";

    public Instant CreatedAt { get; set; }
}
