using NodaTime;

namespace Mentoring.Domain;

/// <summary>A person's answer to "is this a good fit?" after the first session.</summary>
public enum FitVerdict
{
    Good,
    TooEarly,
    NotGood,
}

/// <summary>
/// One answer to the fit check. The admin learns a "not a good fit" (and offers a rematch); the
/// comment is its author's only, never shown to the other person or the admin.
/// </summary>
public sealed class FitAnswer
{
    public int Id { get; set; }

    public int MentorshipId { get; set; }

    public int PersonId { get; set; }

    public FitVerdict Answer { get; set; }

    [PrivateText]
    public string? Comment { get; set; }

    public Instant At { get; set; }
}
