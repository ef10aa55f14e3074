using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Surveys;

/// <summary>A program's surveys for its admin: make one from a template, send it, read its results.</summary>
public sealed class IndexModel(MentoringDbContext db, SurveysService surveys) : PageModel
{
    public MentoringProgram? Program { get; private set; }

    public IReadOnlyList<SurveyDto> Surveys { get; private set; } = [];

    public ComparisonDto? Comparison { get; private set; }

    [BindProperty]
    public string Template { get; set; } = "start";

    [BindProperty]
    public string? Title { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (Program is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Surveys = await surveys.ListAsync(id, HttpContext.RequestAborted);
        Comparison = await SurveyComparison.CompareAsync(db, Program, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(int id)
    {
        var created = await surveys.CreateAsync(id, new SurveyInput(Template, Title), HttpContext.RequestAborted);
        if (created.IsNotFound)
        {
            return NotFound();
        }
        StatusMessage = created.Succeeded ? $"\"{created.Value!.Title}\" is ready to send." : string.Join(" ", created.Errors.Select(e => e.Message));
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSendAsync(int id, int surveyId)
    {
        var sent = await surveys.SendAsync(surveyId, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", HttpContext.RequestAborted);
        StatusMessage = sent.Succeeded ? $"Sent to {sent.Value!.Sent} people ({sent.Value.AlreadySent} had it already)." : "There is no such survey.";
        return RedirectToPage(new { id });
    }
}
