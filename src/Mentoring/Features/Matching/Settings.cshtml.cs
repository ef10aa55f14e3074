using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Matching;

/// <summary>A program's matching weights, rules, priority points, mode and pilot scope, through the API's rules (<see cref="MatchingSettingsRules"/>).</summary>
public sealed class SettingsModel(MentoringDbContext db) : PageModel
{
    [BindProperty]
    public MatchingSettings Input { get; set; } = new();

    public MentoringProgram? Program { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Program = await LoadAsync(id);
        if (Program is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Input = Program.Matching;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        Program = await LoadAsync(id);
        if (Program is null)
        {
            return RedirectToPage("Index", new { id });
        }
        if (!Program.IsReverse)
        {
            // The form shows the pilot scope for reverse mentoring only; elsewhere it is kept as it was.
            Input.PilotScope = Program.Matching.PilotScope;
            Input.PilotScopeValue = Program.Matching.PilotScopeValue;
        }
        Input.PilotScopeValue = string.IsNullOrWhiteSpace(Input.PilotScopeValue) ? null : Input.PilotScopeValue.Trim();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (MatchingSettingsRules.Check(Input) is { Succeeded: false } refused)
        {
            ModelState.AddErrors(refused, nameof(Input));
            return Page();
        }
        Program.Matching = Input;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["StatusMessage"] = "Matching settings saved. They apply from the next run.";
        return RedirectToPage("Index", new { id });
    }

    private Task<MentoringProgram?> LoadAsync(int id) =>
        db.Programs.Where(IndexModel.WithMatching).SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
}
