using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Dialogues;

/// <summary>The dialogue library: participants read the guides in use (with a timer where one is timed); admins also edit, add and retire.</summary>
public sealed class IndexModel(DialogueLibrary library, CurrentPerson current) : PageModel
{
    public IReadOnlyList<DiscussionGuide> Guides { get; private set; } = [];

    public bool IsAdmin => current.IsAdmin;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() => Guides = await library.ListAsync(IsAdmin, null, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRetireAsync(int guideId, bool retired)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        var outcome = await library.RetireAsync(guideId, retired, HttpContext.RequestAborted);
        if (outcome.Value is { } guide)
        {
            StatusMessage = retired ? $"“{guide.Title}” is retired: participants no longer see it." : $"“{guide.Title}” is back in the library.";
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDefaultsAsync()
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        var added = await library.SeedDefaultsAsync(HttpContext.RequestAborted);
        StatusMessage = added > 0 ? "The starting library is in place." : "The library already has guides.";
        return RedirectToPage();
    }
}
