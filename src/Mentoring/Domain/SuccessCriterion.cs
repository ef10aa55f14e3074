namespace Mentoring.Domain;

/// <summary>What a success criterion measures.</summary>
public enum CriterionKind
{
    /// <summary>Share of active pairs (in %) that check in as their plan's cadence asks, from their logged check-ins.</summary>
    CheckInRate,

    /// <summary>Mean of the scale answers of the end survey (1 to 5).</summary>
    MeanEndSurveyScore,

    /// <summary>Share of the people a survey was sent to (in %) who answered one.</summary>
    ResponseRate,

    /// <summary>Share of mentees (in %) who have a mentor.</summary>
    MatchedRate,
}

/// <summary>A success criterion the admin writes at a program's start, against which its evaluation measures it.</summary>
public sealed class SuccessCriterion
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>In the admin's words, e.g. "80% of pairs check in weekly".</summary>
    public required string Text { get; set; }

    public CriterionKind Kind { get; set; }

    /// <summary>The value to reach: a percentage for the rates, a score for the mean.</summary>
    public double Target { get; set; }
}
