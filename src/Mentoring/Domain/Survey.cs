using NodaTime;

namespace Mentoring.Domain;

/// <summary>When in a program a survey is asked: its start (expectations), middle, end (outcomes), or after a session.</summary>
public enum SurveyTemplate
{
    Start,
    Middle,
    End,
    Session,
}

/// <summary>
/// A survey of a program's mentors and mentees, made from a template of the question bank. Nobody
/// but its author reads one person's response: results are aggregates over at least the program's
/// k respondents (<see cref="MentoringProgram.SurveyMinimumGroup"/>).
/// </summary>
public sealed class Survey
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public MentoringProgram? Program { get; set; }

    public SurveyTemplate Template { get; set; }

    public required string Title { get; set; }

    /// <summary>
    /// Set on the surveys the program sends by itself on its start, middle and end dates; unique per
    /// program, so two instances or a restart never make a stage's survey twice.
    /// </summary>
    public SurveyTemplate? AutoStage { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>When it was first sent (null: a draft nobody has received).</summary>
    public Instant? SentAt { get; set; }

    public List<SurveyQuestion> Questions { get; set; } = [];
}
