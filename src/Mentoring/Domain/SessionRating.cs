using NodaTime;

namespace Mentoring.Domain;

/// <summary>One person's one-click rating of a session, 1 to 5; one per session and person.</summary>
public sealed class SessionRating
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public int PersonId { get; set; }

    public int Rating { get; set; }

    public Instant At { get; set; }
}
