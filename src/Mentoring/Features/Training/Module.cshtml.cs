using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Training;

/// <summary>One module: read it (or watch it), mark it done, answer its questions privately or for the pair or cohort.</summary>
public sealed class ModuleModel(TrainingService training, CurrentPerson current) : PageModel
{
    public ModuleViewDto? View { get; private set; }

    public bool Linked { get; private set; }

    public Dictionary<int, string> Errors { get; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostDoneAsync(int id, bool done = true)
    {
        if (await current.IdAsync(HttpContext.RequestAborted) is not { } personId)
        {
            return Forbid();
        }
        var outcome = await training.MarkDoneAsync(id, personId, done, HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFoundPage();
        }
        StatusMessage = done ? "Marked done." : "Marked not done.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id, int questionId, string? text, string? visibility)
    {
        if (await current.IdAsync(HttpContext.RequestAborted) is not { } personId)
        {
            return Forbid();
        }
        if (!await LoadAsync(id) || View!.Module.Questions.All(q => q.Id != questionId))
        {
            return NotFoundPage();
        }
        var outcome = await training.AnswerAsync(questionId, personId, new AnswerInput(text, visibility), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            Errors[questionId] = string.Join(" ", outcome.Errors.Select(e => PageValidation.Sentence(e.Message)));
            return Page();
        }
        StatusMessage = $"Your answer is saved; {TrainingText.Visibility(outcome.Value!.Visibility)} can read it.";
        return Redirect($"/Training/Modules/{id}#question-{questionId}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var personId = await current.IdAsync(HttpContext.RequestAborted);
        Linked = personId is not null;
        View = await training.GetModuleAsync(id, personId, HttpContext.RequestAborted);
        return View is not null;
    }

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public MyAnswerDto? MyAnswer(int questionId) => View?.MyAnswers.FirstOrDefault(a => a.QuestionId == questionId);
}
