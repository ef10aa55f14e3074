using NodaTime;

namespace Mentoring.Domain;

/// <summary>A check-in either person logs in one step: did we meet, how was it (1-5), one line.</summary>
public sealed class CheckIn : ISpaceItem
{
    public int Id { get; set; }

    /// <summary>The mentorship it belongs to; null when it belongs to a group (exactly one of the two is set).</summary>
    public int? MentorshipId { get; set; }

    /// <summary>The group cohort it belongs to, when it is a group's.</summary>
    public int? GroupId { get; set; }

    public int AuthorId { get; set; }

    public LocalDate On { get; set; }

    public bool Met { get; set; }

    public int? Rating { get; set; }

    [PrivateText]
    public string? Note { get; set; }

    public int? SessionId { get; set; }

    public Instant CreatedAt { get; set; }
}
