namespace Mentoring.Domain;

/// <summary>One answer of a response: a number (scale, nps), a text (choice, text) or options (multi).</summary>
public sealed class SurveyAnswer
{
    public int Id { get; set; }

    public int ResponseId { get; set; }

    public int QuestionId { get; set; }

    public int? Number { get; set; }

    public string? Text { get; set; }

    public List<string> Choices { get; set; } = [];
}
