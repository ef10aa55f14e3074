using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Privacy;

/// <summary>Retention: how long things are kept, and the dry run of what the daily pass would remove now.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RetentionModel(RetentionService retention) : PageModel
{
    public RetentionReport? Report { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() => Report = await retention.PreviewAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRunAsync()
    {
        var done = await retention.RunAsync(HttpContext.RequestAborted);
        StatusMessage = done.Items.Count == 0 ? "Nothing was due." : $"Removed {Display.Count(done.Items.Count, "item", "items")}.";
        return RedirectToPage();
    }
}
