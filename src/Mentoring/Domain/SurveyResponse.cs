using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// One person's answers to a survey, once per person (a second answer replaces the first). Only its
/// author reads it; everyone else sees it only inside aggregates.
/// </summary>
// Out of the audit trail entirely: a record of who answered what would undo the anonymity.
[NotAudited]
public sealed class SurveyResponse
{
    public int Id { get; set; }

    public int SurveyId { get; set; }

    public Survey? Survey { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The part they played in the program when they answered, for breakdowns by role.</summary>
    public EnrollmentRole Role { get; set; }

    public Instant SubmittedAt { get; set; }

    public List<SurveyAnswer> Answers { get; set; } = [];
}
