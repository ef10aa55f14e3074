using System.Text.Json;
using Mentoring.Domain;

namespace Mentoring.Features.Surveys;

public sealed record SurveyInput(string? Template = null, string? Title = null);

public sealed record SurveyCreated(int Id);

public sealed record QuestionDto(int Id, SurveyQuestionKind Kind, string Text, IReadOnlyList<string> Options, string Key);

public sealed record SurveyDto(
    int Id, int ProgramId, string ProgramName, SurveyTemplate Template, string Title, DateTimeOffset? SentAt, int SentTo, int Respondents,
    IReadOnlyList<QuestionDto> Questions)
{
    public static SurveyDto From(Survey s, string programName, int sentTo, int respondents) => new(
        s.Id, s.ProgramId, programName, s.Template, s.Title, s.SentAt?.ToDateTimeOffset(), sentTo, respondents,
        s.Questions.OrderBy(q => q.Order).Select(q => new QuestionDto(q.Id, q.Kind, q.Text, q.Options, q.Key)).ToList());
}

/// <summary>One answer as sent: <c>value</c> is a number (scale, nps), a string (choice, text) or a list of strings (multi).</summary>
public sealed record AnswerInput(int QuestionId = 0, JsonElement Value = default);

public sealed record ResponseInput(List<AnswerInput>? Answers = null);

/// <summary>The caller's own answer to one question, as they gave it.</summary>
public sealed record MyAnswerDto(int QuestionId, int? Number, string? Text, IReadOnlyList<string>? Choices);

/// <summary>The caller's own response: only its author is ever given it.</summary>
public sealed record MyResponseDto(int SurveyId, DateTimeOffset SubmittedAt, IReadOnlyList<MyAnswerDto> Answers);

public sealed record SendResult(int Sent, int AlreadySent);

/// <summary>A survey the caller was sent (or may answer), and whether they have.</summary>
public sealed record MySurveyDto(int Id, int ProgramId, string ProgramName, string Title, SurveyTemplate Template, DateTimeOffset? SentAt, bool Answered);
