namespace Mentoring.Domain;

/// <summary>One answer of a response: a number (scale, nps), a text (choice, text) or options (multi).</summary>
// Out of the audit trail entirely: a record of who answered what would undo the anonymity.
[NotAudited]
public sealed class SurveyAnswer
{
    public int Id { get; set; }

    public int ResponseId { get; set; }

    public int QuestionId { get; set; }

    public int? Number { get; set; }

    public string? Text { get; set; }

    public List<string> Choices { get; set; } = [];
}
