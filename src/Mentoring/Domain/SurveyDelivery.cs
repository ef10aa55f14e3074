using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// A survey sent to one person: unique per survey and person, so that however often it is sent (by
/// hand, by the clock, from two instances, after a restart) each person gets it once.
/// </summary>
public sealed class SurveyDelivery
{
    public int Id { get; set; }

    public int SurveyId { get; set; }

    public Survey? Survey { get; set; }

    public int PersonId { get; set; }

    public Instant SentAt { get; set; }

    /// <summary>When the one reminder went out to someone who had not answered.</summary>
    public Instant? RemindedAt { get; set; }
}
