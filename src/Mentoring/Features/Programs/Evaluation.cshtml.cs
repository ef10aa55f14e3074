using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Programs;

/// <summary>
/// A program against its success criteria, with its survey aggregates: the admin takes the next step
/// (pilot, evaluating, active), the sponsor sees progress and writes to everyone enrolled.
/// </summary>
public sealed class EvaluationModel(ProgramLifecycleService lifecycle, Infrastructure.CurrentPerson current, Data.MentoringDbContext db) : PageModel
{
    public EvaluationDto? Evaluation { get; private set; }

    public bool IsSponsor { get; private set; }

    /// <summary>For an admin: the next step, taken on the pilot page's form.</summary>
    public NextStepView? Step { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        if (Evaluation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    private async Task LoadAsync(int id)
    {
        var outcome = await lifecycle.EvaluateAsync(id, HttpContext.RequestAborted);
        Evaluation = outcome.Value;
        IsSponsor = Evaluation?.Sponsor is { } s && await current.IdAsync(HttpContext.RequestAborted) == s.PersonId;
        if (Evaluation is { } e && User.IsInRole(Roles.Admin))
        {
            Step = new NextStepView(id, e.Status, e.Scope, e.Transitions, await PilotChoices.LoadAsync(db, id, HttpContext.RequestAborted), "evaluation");
        }
    }

    public async Task<IActionResult> OnPostMessageAsync(int id, string? subject, string? body)
    {
        var outcome = await lifecycle.SponsorMessageAsync(id, new SponsorMessageInput(subject, body), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            await LoadAsync(id);
            ErrorMessage = outcome.IsNotFound ? "Only the program's sponsor writes to its participants." : string.Join(" ", outcome.Errors.Select(e => e.Message));
            return Page();
        }
        StatusMessage = $"Your message is on its way to {outcome.Value!.Sent} people.";
        return RedirectToPage(new { id });
    }
}
