using Mentoring.Data;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Training;

/// <summary>A mentor rates their own coaching and communication at the start and the end of a program, and sees the two side by side.</summary>
public sealed class SelfAssessmentModel(TrainingService training, CurrentPerson current, MentoringDbContext db) : PageModel
{
    public MyAssessmentDto? Mine { get; private set; }

    public string ProgramName { get; private set; } = "";

    public List<string> Errors { get; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int programId) => await LoadAsync(programId) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(int programId, string? stage)
    {
        if (!await LoadAsync(programId))
        {
            return NotFoundPage();
        }
        var scores = new Dictionary<string, int>();
        foreach (var item in TrainingService.AssessmentItems)
        {
            if (int.TryParse(Request.Form[$"score-{item.Key}"], out var score))
            {
                scores[item.Key] = score;
            }
        }
        var outcome = await training.AssessAsync(programId, (await current.IdAsync(HttpContext.RequestAborted))!.Value, new AssessmentInput(stage, scores), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            Errors.AddRange(outcome.Errors.Select(e => TrainingService.AssessmentItems.FirstOrDefault(i => "scores." + i.Key == e.Field) is { } item
                ? $"“{item.Text}”: {PageValidation.Sentence(e.Message)}" : PageValidation.Sentence(e.Message)));
            return Page();
        }
        StatusMessage = "Your self-assessment is saved. Only you see your scores.";
        return RedirectToPage(new { programId });
    }

    private async Task<bool> LoadAsync(int programId)
    {
        if (await current.IdAsync(HttpContext.RequestAborted) is not { } personId)
        {
            return false;
        }
        Mine = await training.MyAssessmentAsync(programId, personId, HttpContext.RequestAborted);
        ProgramName = await db.Programs.Where(p => p.Id == programId).Select(p => p.Name).SingleOrDefaultAsync(HttpContext.RequestAborted) ?? "";
        return Mine is not null;
    }

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
