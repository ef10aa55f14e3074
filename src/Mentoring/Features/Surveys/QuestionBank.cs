using Mentoring.Domain;

namespace Mentoring.Features.Surveys;

/// <summary>A question of the bank: the same key in the start and the end survey lets the two be compared.</summary>
public sealed record BankQuestion(string Key, SurveyQuestionKind Kind, string Text, IReadOnlyList<string>? Options = null);

/// <summary>The question bank and the four templates made from it.</summary>
public static class QuestionBank
{
    private static readonly string[] Formats = ["One-to-one lunch", "Virtual check-in", "Coworking", "Group lunch", "Group mentoring", "Virtual coffee"];

    public static readonly BankQuestion Confidence = new("confidence", SurveyQuestionKind.Scale, "How confident are you in your role today? (1 not at all, 5 very)");
    public static readonly BankQuestion Connected = new("connected", SurveyQuestionKind.Scale, "How connected do you feel to people beyond your own team? (1 not at all, 5 very)");
    public static readonly BankQuestion Goals = new("goals-clear", SurveyQuestionKind.Scale, "How clear are your goals for this program? (1 not at all, 5 very)");
    public static readonly BankQuestion Hopes = new("hopes", SurveyQuestionKind.Multi, "What do you hope to get from it?",
        ["Career advice", "Technical skills", "Confidence", "Knowing the company", "A wider network"]);
    public static readonly BankQuestion PreferredFormat = new("format", SurveyQuestionKind.Choice, "Which format suits you best?", Formats);
    public static readonly BankQuestion Expectations = new("expectations", SurveyQuestionKind.Text, "What would make this program worth your time?");
    public static readonly BankQuestion GoingWell = new("going", SurveyQuestionKind.Scale, "How is the mentoring going? (1 badly, 5 very well)");
    public static readonly BankQuestion Cadence = new("cadence", SurveyQuestionKind.Choice, "How often do you and your pair meet?",
        ["Every week", "Every two weeks", "Every month", "Less often"]);
    public static readonly BankQuestion Change = new("change", SurveyQuestionKind.Text, "What one thing would you change?");
    public static readonly BankQuestion Useful = new("useful", SurveyQuestionKind.Multi, "Which formats were useful?", Formats);
    public static readonly BankQuestion Recommend = new("recommend", SurveyQuestionKind.Nps, "How likely are you to recommend the program to a colleague? (0 to 10)");
    public static readonly BankQuestion Outcome = new("outcome", SurveyQuestionKind.Text, "What did you take away from it?");
    public static readonly BankQuestion SessionRating = new("session", SurveyQuestionKind.Scale, "How useful was the session? (1 not at all, 5 very)");
    public static readonly BankQuestion SessionNote = new("session-note", SurveyQuestionKind.Text, "Anything to add?");

    public static IReadOnlyList<BankQuestion> For(SurveyTemplate template) => template switch
    {
        SurveyTemplate.Start => [Confidence, Connected, Goals, Hopes, PreferredFormat, Expectations],
        SurveyTemplate.Middle => [GoingWell, Cadence, Goals, Change],
        SurveyTemplate.End => [Confidence, Connected, GoingWell, Useful, Recommend, Outcome],
        _ => [SessionRating, SessionNote],
    };

    /// <summary>The title a survey gets when none is given, and the automatic surveys' titles.</summary>
    public static string Title(SurveyTemplate template) => template switch
    {
        SurveyTemplate.Start => "Start of the program: your expectations",
        SurveyTemplate.Middle => "Halfway: how is it going?",
        SurveyTemplate.End => "End of the program: outcomes",
        _ => "How was the session?",
    };

    public static List<SurveyQuestion> Questions(SurveyTemplate template) =>
        For(template).Select((q, i) => new SurveyQuestion { Order = i, Key = q.Key, Kind = q.Kind, Text = q.Text, Options = [.. q.Options ?? []] }).ToList();
}
