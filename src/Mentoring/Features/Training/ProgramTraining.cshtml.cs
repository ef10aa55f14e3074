using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Training;

/// <summary>A program's training settings: which courses it assigns, and which must be completed before a person is matched.</summary>
public sealed class ProgramTrainingModel(TrainingService training, MentoringDbContext db) : PageModel
{
    public MentoringProgram? Program { get; private set; }

    public IReadOnlyList<CourseSummaryDto> Courses { get; private set; } = [];

    public IReadOnlyList<AssignmentDto> Assigned { get; private set; } = [];

    public ProgramCompletionDto? Completion { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }
        var chosen = Courses.Where(c => Request.Form[$"course-{c.Id}"] == "assigned" || Request.Form[$"course-{c.Id}"] == "required")
            .Select(c => new AssignmentInput(c.Id, Request.Form[$"course-{c.Id}"] == "required")).ToList();
        var saved = await training.AssignAsync(id, new AssignmentsInput(chosen), HttpContext.RequestAborted);
        if (!saved.Succeeded)
        {
            ModelState.AddErrors(saved, "Input");
            return Page();
        }
        StatusMessage = "The program's training is saved.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        Program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (Program is null)
        {
            return false;
        }
        Courses = await training.ListAsync(HttpContext.RequestAborted);
        Assigned = (await training.AssignmentsAsync(id, HttpContext.RequestAborted))!;
        Completion = (await training.CompletionAsync(id, HttpContext.RequestAborted)).FirstOrDefault();
        return true;
    }

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public string State(int courseId) => Assigned.FirstOrDefault(a => a.CourseId == courseId) is { } a ? a.RequiredBeforeMatching ? "required" : "assigned" : "none";
}
