using Mentoring.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Training;

/// <summary>The admin's training library: its courses, the programs that assign them, and the way to completion.</summary>
public sealed class ManageModel(TrainingService training, MentoringDbContext db) : PageModel
{
    public IReadOnlyList<CourseSummaryDto> Courses { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name, int Assigned)> Programs { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        Courses = await training.ListAsync(HttpContext.RequestAborted);
        Programs = (await db.Programs.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, Assigned = db.ProgramTrainings.Count(t => t.ProgramId == p.Id) }).ToListAsync(HttpContext.RequestAborted))
            .Select(p => (p.Id, p.Name, p.Assigned)).ToList();
    }
}
