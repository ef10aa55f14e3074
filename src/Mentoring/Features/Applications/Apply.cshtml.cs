using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Applications;

/// <summary>A person applies to an open program and sees where their application stands; the rules are <see cref="ApplicationsService"/>'s.</summary>
public sealed class ApplyModel(ApplicationsService applications, CurrentPerson current) : PageModel
{
    public ApplicationFormDto? Form { get; private set; }

    public OpenProgramDto? Open { get; private set; }

    public ApplicationDto? Mine { get; private set; }

    [BindProperty]
    public string? Role { get; set; }

    /// <summary>Answers by question id; a multiple choice posts several values under one id.</summary>
    [BindProperty]
    public Dictionary<int, List<string>> Answers { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var form = await applications.OpenFormAsync(id, HttpContext.RequestAborted);
        var answers = (form?.Questions ?? []).Where(q => Answers.ContainsKey(q.Id)).Select(q => new AnswerInput
        {
            QuestionId = q.Id,
            Value = q.Kind switch
            {
                QuestionKind.MultipleChoice => JsonSerializer.SerializeToElement(Answers[q.Id]),
                QuestionKind.Scale when int.TryParse(Answers[q.Id].FirstOrDefault(), out var n) => JsonSerializer.SerializeToElement(n),
                QuestionKind.Scale when string.IsNullOrWhiteSpace(Answers[q.Id].FirstOrDefault()) => default,
                _ => JsonSerializer.SerializeToElement(Answers[q.Id].FirstOrDefault() ?? ""),
            },
        }).ToList();
        var outcome = await applications.ApplyAsync(id, await current.IdAsync(HttpContext.RequestAborted), new ApplyInput { Role = Role, Answers = answers }, HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                // Keyed as the API names them (answers.3, role), so each shows next to its question.
                ModelState.AddModelError(error.Field, PageValidation.Sentence(error.Message));
            }
            await LoadAsync(id);
            return Page();
        }
        Message = outcome.Value!.Status switch
        {
            ApplicationStatus.Approved => "You are in. Welcome to the program.",
            ApplicationStatus.Waitlisted => $"Every place is taken for now: you are number {outcome.Value.WaitlistPlace} on the waitlist.",
            _ => "Your application is in. The program admin will let you know.",
        };
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, int applicationId)
    {
        var outcome = await applications.WithdrawAsync(applicationId, HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        Message = outcome.Succeeded ? "Your application is withdrawn." : string.Join(" ", outcome.Errors.Select(e => PageValidation.Sentence(e.Message)));
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id)
    {
        var personId = await current.IdAsync(HttpContext.RequestAborted);
        Form = await applications.OpenFormAsync(id, HttpContext.RequestAborted);
        Open = (await applications.OpenAsync(personId, HttpContext.RequestAborted)).FirstOrDefault(p => p.ProgramId == id);
        Mine = personId is { } person ? (await applications.MineAsync(person, HttpContext.RequestAborted)).FirstOrDefault(a => a.ProgramId == id) : null;
    }
}
