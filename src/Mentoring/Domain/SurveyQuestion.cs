namespace Mentoring.Domain;

/// <summary>How a question is answered.</summary>
public enum SurveyQuestionKind
{
    /// <summary>1 to 5.</summary>
    Scale,

    /// <summary>0 to 10: would you recommend it.</summary>
    Nps,

    /// <summary>One of the options.</summary>
    Choice,

    /// <summary>Any of the options.</summary>
    Multi,

    /// <summary>Free text, shown only among others, in random order, without names.</summary>
    Text,
}

/// <summary>One question of a survey, copied from the question bank.</summary>
public sealed class SurveyQuestion
{
    public int Id { get; set; }

    public int SurveyId { get; set; }

    public int Order { get; set; }

    /// <summary>The bank's key (e.g. <c>confidence</c>): the same question in the start and end surveys, to compare.</summary>
    public required string Key { get; set; }

    public SurveyQuestionKind Kind { get; set; }

    public required string Text { get; set; }

    public List<string> Options { get; set; } = [];

    public (int Min, int Max)? Range => Kind switch
    {
        SurveyQuestionKind.Scale => (1, 5),
        SurveyQuestionKind.Nps => (0, 10),
        _ => null,
    };
}
