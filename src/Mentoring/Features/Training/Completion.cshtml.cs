using Mentoring.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Training;

/// <summary>The admin's completion report: per program, role and office, groups under k hidden; the mentors' self-assessments in aggregate.</summary>
public sealed class CompletionModel(TrainingService training, MentoringDbContext db) : PageModel
{
    public IReadOnlyList<ProgramCompletionDto> Programs { get; private set; } = [];

    public Dictionary<int, AssessmentSummaryDto> Assessments { get; } = [];

    public int? ProgramId { get; private set; }

    public async Task OnGetAsync(int? programId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        ProgramId = programId;
        Programs = await training.CompletionAsync(programId, cancellationToken);
        var withAssessments = await db.SelfAssessments.Where(s => programId == null || s.ProgramId == programId).Select(s => s.ProgramId).Distinct()
            .ToListAsync(cancellationToken);
        foreach (var id in withAssessments)
        {
            if (await training.AssessmentSummaryAsync(id, cancellationToken) is { } summary)
            {
                Assessments[id] = summary;
            }
        }
    }

    public string NameOf(int programId) =>
        Programs.FirstOrDefault(p => p.ProgramId == programId)?.ProgramName ?? db.Programs.Where(p => p.Id == programId).Select(p => p.Name).Single();
}
