using Mentoring.Data;
using Mentoring.Features.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Training;

/// <summary>Training: the modules the person marked done, their answers to discussion questions (private ones too: they are theirs) and their self-assessments.</summary>
public sealed class TrainingContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        export.Add("trainingModulesDone", await db.ModuleCompletions.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.Id)
            .Select(c => new { c.ModuleId, module = c.Module!.Title, c.CompletedAt }).ToListAsync(cancellationToken));
        export.Add("discussionAnswers", await db.DiscussionAnswers.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.Id)
            .Select(a => new { a.QuestionId, question = a.Question!.Text, a.Text, a.Visibility, a.AnsweredAt }).ToListAsync(cancellationToken));
        export.Add("selfAssessments", await db.SelfAssessments.AsNoTracking().Where(s => s.PersonId == personId).OrderBy(s => s.Id)
            .Select(s => new { s.ProgramId, s.Stage, s.Scores, s.SubmittedAt }).ToListAsync(cancellationToken));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        // Their answers are their words: they go. What they completed and rated stays, without a name, for the program's figures.
        foreach (var answer in await db.DiscussionAnswers.Where(a => a.PersonId == erasure.PersonId).ToListAsync(cancellationToken))
        {
            erasure.Forget(answer.Text);
            db.DiscussionAnswers.Remove(answer);
        }
    }
}
