using System.Globalization;
using Mentoring.Domain;

namespace Mentoring.Features.Surveys;

/// <summary>What results can be broken down by.</summary>
public enum Breakdown
{
    Role,
    Office,
    Department,
    Level,
}

/// <summary>
/// One question's aggregate: the mean (scale, nps), how many chose each value, and free-text answers
/// in random order without names. Hidden (with the reason, and nothing else) when fewer than k answered.
/// </summary>
public sealed record QuestionResult(
    int QuestionId, SurveyQuestionKind Kind, string Text, int Answered, bool Hidden, string? Reason,
    double? Mean, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> Texts);

/// <summary>One group of a breakdown (an office, a role …); hidden groups carry only the reason.</summary>
public sealed record GroupResult(string Value, int? Respondents, bool Hidden, string? Reason, IReadOnlyList<QuestionResult> Questions);

public sealed record SurveyResultsDto(
    int SurveyId, string Title, SurveyTemplate Template, int K, Breakdown? By, int? Respondents, bool Hidden, string? Reason,
    IReadOnlyList<QuestionResult> Questions, IReadOnlyList<GroupResult> Groups, string Rule);

/// <summary>A respondent as the aggregates see them: the group they fall in and their answers, never their name.</summary>
public sealed record Respondent(string Group, IReadOnlyDictionary<int, SurveyAnswer> Answers);

/// <summary>
/// The aggregation rules, in one place. A figure is shown only over at least k people. In a breakdown
/// a group under k is hidden, and while the hidden groups could be worked out by subtracting the shown
/// ones from the total (one hidden group, or hidden groups that together are under k), the next-smallest
/// group is hidden too. The same holds for each question's answers, since people may skip a question.
/// Free text is shown for the whole survey only (never per group, where the total minus the shown
/// groups would tie a text to a small group), and only among at least k texts.
/// </summary>
public static class SurveyAggregation
{
    public const string NotSet = "Not set";

    public static string Rule(int k) =>
        $"Results are shown only for at least {k} respondents. In a breakdown a group under {k} is hidden, and so is the next-smallest group "
        + "whenever the hidden one could otherwise be worked out from the total. Free-text answers appear only for the whole survey, "
        + $"in random order, without names, and only when at least {k} people wrote one.";

    public static string TooFew(int k) => $"Hidden: fewer than {k} respondents.";

    public const string Complementary = "Hidden as well, so that a smaller hidden group cannot be worked out by subtracting the shown groups from the total.";

    public static SurveyResultsDto Compute(Survey survey, int k, Breakdown? by, IReadOnlyList<Respondent> respondents, Random random)
    {
        var questions = survey.Questions.OrderBy(q => q.Order).ToList();
        var rule = Rule(k);
        if (respondents.Count < k)
        {
            return new SurveyResultsDto(survey.Id, survey.Title, survey.Template, k, by, null, true, TooFew(k), [], [], rule);
        }
        var total = questions.Select(q => Question(q, respondents, k, texts: true, random)).ToList();
        if (by is null)
        {
            return new SurveyResultsDto(survey.Id, survey.Title, survey.Template, k, by, respondents.Count, false, null, total, [], rule);
        }

        var groups = respondents.GroupBy(r => r.Group, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Value: g.Key, People: g.ToList()))
            .OrderByDescending(g => g.People.Count).ThenBy(g => g.Value, StringComparer.OrdinalIgnoreCase).ToList();
        var groupHidden = Suppress(groups.Select(g => g.People.Count).ToList(), new bool[groups.Count], k);
        // Each question again over the groups still shown, with its own answer counts.
        var perQuestion = questions.Select(q => Suppress(
            groups.Select(g => g.People.Count(p => Answered(q, p))).ToList(), groupHidden.Select(h => h.Hidden).ToArray(), k)).ToList();

        var results = new List<GroupResult>();
        for (var i = 0; i < groups.Count; i++)
        {
            var (value, people) = groups[i];
            if (groupHidden[i].Hidden)
            {
                results.Add(new GroupResult(value, null, true, groupHidden[i].Primary ? TooFew(k) : Complementary, []));
                continue;
            }
            var shown = new List<QuestionResult>();
            for (var q = 0; q < questions.Count; q++)
            {
                var cell = perQuestion[q][i];
                shown.Add(cell.Hidden
                    ? HiddenQuestion(questions[q], cell.Primary ? $"Hidden: fewer than {k} in this group answered it." : Complementary)
                    : Question(questions[q], people, k, texts: false, random));
            }
            results.Add(new GroupResult(value, people.Count, false, null, shown));
        }
        return new SurveyResultsDto(survey.Id, survey.Title, survey.Template, k, by, respondents.Count, false, null, total, results, rule);
    }

    /// <summary>
    /// Which cells to hide: those under k (primary), then, while the hidden cells are one alone or under
    /// k together, the smallest cell still shown (complementary). Cells already hidden stay hidden.
    /// </summary>
    public static (bool Hidden, bool Primary)[] Suppress(IReadOnlyList<int> sizes, bool[] alreadyHidden, int k)
    {
        var cells = sizes.Select((n, i) => (Hidden: alreadyHidden[i] || n < k, Primary: alreadyHidden[i] || n < k)).ToArray();
        // An empty cell reveals nothing, but it hides nothing either: count only cells with someone in them.
        bool Exposed()
        {
            var hidden = Enumerable.Range(0, sizes.Count).Where(i => cells[i].Hidden && sizes[i] > 0).ToList();
            return hidden.Count > 0 && (hidden.Count == 1 || hidden.Sum(i => sizes[i]) < k);
        }
        while (Exposed())
        {
            var next = Enumerable.Range(0, sizes.Count).Where(i => !cells[i].Hidden).OrderBy(i => sizes[i]).ThenByDescending(i => i).FirstOrDefault(-1);
            if (next < 0)
            {
                break;
            }
            cells[next] = (true, false);
        }
        return cells;
    }

    private static bool Answered(SurveyQuestion q, Respondent r) =>
        r.Answers.TryGetValue(q.Id, out var a) && (a.Number is not null || !string.IsNullOrWhiteSpace(a.Text) || q.Kind == SurveyQuestionKind.Multi);

    private static QuestionResult HiddenQuestion(SurveyQuestion q, string reason) =>
        new(q.Id, q.Kind, q.Text, 0, true, reason, null, new Dictionary<string, int>(), []);

    private static QuestionResult Question(SurveyQuestion q, IReadOnlyList<Respondent> people, int k, bool texts, Random random)
    {
        var answers = people.Where(p => Answered(q, p)).Select(p => p.Answers[q.Id]).ToList();
        if (answers.Count < k)
        {
            return HiddenQuestion(q, $"Hidden: fewer than {k} people answered it.");
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        double? mean = null;
        List<string> written = [];
        switch (q.Kind)
        {
            case SurveyQuestionKind.Scale or SurveyQuestionKind.Nps:
                var (min, max) = q.Range!.Value;
                for (var v = min; v <= max; v++)
                {
                    counts[v.ToString(CultureInfo.InvariantCulture)] = answers.Count(a => a.Number == v);
                }
                mean = Math.Round(answers.Average(a => (double)a.Number!.Value), 2);
                break;
            case SurveyQuestionKind.Choice:
                foreach (var option in q.Options)
                {
                    counts[option] = answers.Count(a => a.Text == option);
                }
                break;
            case SurveyQuestionKind.Multi:
                foreach (var option in q.Options)
                {
                    counts[option] = answers.Count(a => a.Choices.Contains(option));
                }
                break;
            default:
                if (texts && answers.Count >= k)
                {
                    // Random order: the order people answered in would say who wrote what.
                    written = answers.Select(a => a.Text!.Trim()).OrderBy(_ => random.Next()).ToList();
                }
                break;
        }
        var hiddenTexts = q.Kind == SurveyQuestionKind.Text && !texts;
        return new QuestionResult(q.Id, q.Kind, q.Text, answers.Count, false,
            hiddenTexts ? "Free-text answers appear for the whole survey only, never per group." : null, mean, counts, written);
    }

    public static string GroupOf(Breakdown by, EnrollmentRole role, Person person) => by switch
    {
        Breakdown.Role => role.ToString().ToLowerInvariant(),
        Breakdown.Office => person.Office?.Name ?? NotSet,
        Breakdown.Department => string.IsNullOrWhiteSpace(person.Department) ? NotSet : person.Department,
        _ => person.Level.ToString(CultureInfo.InvariantCulture),
    };
}
