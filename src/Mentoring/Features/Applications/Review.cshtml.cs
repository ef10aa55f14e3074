using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Applications;

/// <summary>The admin's review of a program's applications: answers, decisions, places per role.</summary>
public sealed class ReviewModel(ApplicationsService applications) : PageModel
{
    public ApplicationReview? Review { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var review = await applications.ReviewAsync(id, HttpContext.RequestAborted);
        Review = review.Value;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, int applicationId) =>
        DecideAsync(id, applications.ApproveAsync(applicationId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostDeclineAsync(int id, int applicationId) =>
        DecideAsync(id, applications.DeclineAsync(applicationId, HttpContext.RequestAborted));

    private async Task<IActionResult> DecideAsync(int id, Task<Outcome<ApplicationDto>> decision)
    {
        var outcome = await decision;
        if (outcome.IsNotFound || outcome.Value is { } found && found.ProgramId != id)
        {
            return NotFound();
        }
        Message = outcome.Succeeded
            ? $"{outcome.Value!.PersonName}: {(outcome.Value.Status == ApplicationStatus.Waitlisted ? $"waitlisted, number {outcome.Value.WaitlistPlace}" : ApplicationsService.Name(outcome.Value.Status))}."
            : string.Join(" ", outcome.Errors.Select(e => PageValidation.Sentence(e.Message)));
        return RedirectToPage(new { id });
    }
}
