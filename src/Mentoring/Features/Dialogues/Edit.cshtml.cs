using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Dialogues;

public sealed class DialogueForm
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Prompts { get; set; }

    public DialogueStage Stage { get; set; } = DialogueStage.Any;

    public int? TimerMinutes { get; set; }

    public bool ReverseMentoring { get; set; }

    public bool Retired { get; set; }
}

/// <summary>Add or edit a guided dialogue, through the library's rules (<see cref="DialogueLibrary.SaveAsync"/>).</summary>
public sealed class EditModel(DialogueLibrary library) : PageModel
{
    [BindProperty]
    public DialogueForm Input { get; set; } = new();

    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            if (await library.FindAsync(existing, includeRetired: true, HttpContext.RequestAborted) is not { } guide)
            {
                return NotFound();
            }
            Id = guide.Id;
            Input = new DialogueForm
            {
                Title = guide.Title, Summary = guide.Summary, Prompts = guide.Prompts, Stage = guide.Stage, TimerMinutes = guide.TimerMinutes,
                ReverseMentoring = guide.ReverseMentoring, Retired = guide.Retired,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var saved = await library.SaveAsync(id, new DialogueInput
        {
            Title = Input.Title, Summary = Input.Summary, Prompts = Input.Prompts, Stage = Input.Stage, TimerMinutes = Input.TimerMinutes,
            ReverseMentoring = Input.ReverseMentoring, Retired = Input.Retired,
        }, HttpContext.RequestAborted);
        if (saved.IsNotFound)
        {
            return NotFound();
        }
        if (!saved.Succeeded)
        {
            ModelState.AddErrors(saved, nameof(Input));
            return Page();
        }
        TempData["StatusMessage"] = $"“{saved.Value!.Title}” is saved.";
        return Redirect("/Dialogues#guide-" + saved.Value.Id);
    }
}
