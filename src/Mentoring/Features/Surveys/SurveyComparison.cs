using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Surveys;

public sealed record ComparisonQuestion(string Key, string Text, int? People, bool Hidden, string? Reason, double? StartMean, double? EndMean);

/// <summary>The start and end answers of the same people, in aggregate only.</summary>
public sealed record ComparisonDto(
    int? StartSurveyId, int? EndSurveyId, int K, int? People, bool Hidden, string? Reason, IReadOnlyList<ComparisonQuestion> Questions);

/// <summary>Start against end: only people who answered both count, and only over at least k of them.</summary>
public static class SurveyComparison
{
    public static async Task<ComparisonDto> CompareAsync(MentoringDbContext db, MentoringProgram program, CancellationToken cancellationToken)
    {
        var k = SurveysService.K(program);
        async Task<Survey?> Latest(SurveyTemplate template) => await db.Surveys.AsNoTracking().Include(s => s.Questions)
            .Where(s => s.ProgramId == program.Id && s.Template == template).OrderByDescending(s => s.AutoStage != null).ThenByDescending(s => s.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var start = await Latest(SurveyTemplate.Start);
        var end = await Latest(SurveyTemplate.End);
        if (start is null || end is null)
        {
            return new ComparisonDto(start?.Id, end?.Id, k, null, true, "There is no start and end survey to compare yet.", []);
        }
        async Task<Dictionary<int, Dictionary<int, SurveyAnswer>>> Answers(int surveyId) =>
            (await db.SurveyResponses.AsNoTracking().Include(r => r.Answers).Where(r => r.SurveyId == surveyId).ToListAsync(cancellationToken))
            .ToDictionary(r => r.PersonId, r => r.Answers.ToDictionary(a => a.QuestionId));
        var before = await Answers(start.Id);
        var after = await Answers(end.Id);
        var both = before.Keys.Intersect(after.Keys).ToList();
        if (both.Count < k)
        {
            return new ComparisonDto(start.Id, end.Id, k, null, true, $"Hidden: fewer than {k} people answered both the start and the end survey.", []);
        }
        var questions = new List<ComparisonQuestion>();
        foreach (var q in start.Questions.Where(q => q.Kind is SurveyQuestionKind.Scale or SurveyQuestionKind.Nps).OrderBy(q => q.Order))
        {
            if (end.Questions.FirstOrDefault(e => e.Key == q.Key && e.Kind == q.Kind) is not { } e)
            {
                continue;
            }
            var pairs = both.Where(p => before[p].TryGetValue(q.Id, out var a) && a.Number is not null && after[p].TryGetValue(e.Id, out var b) && b.Number is not null)
                .Select(p => (Start: before[p][q.Id].Number!.Value, End: after[p][e.Id].Number!.Value)).ToList();
            questions.Add(pairs.Count < k
                ? new ComparisonQuestion(q.Key, q.Text, null, true, $"Hidden: fewer than {k} people answered it both times.", null, null)
                : new ComparisonQuestion(q.Key, q.Text, pairs.Count, false, null,
                    Math.Round(pairs.Average(p => (double)p.Start), 2), Math.Round(pairs.Average(p => (double)p.End), 2)));
        }
        return new ComparisonDto(start.Id, end.Id, k, both.Count, false, null, questions);
    }
}
