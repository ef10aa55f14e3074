using Mentoring.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Notifications;

/// <summary>An e-mail's unsubscribe link: works without signing in, by its signed token; asks before it acts (mail scanners open links).</summary>
public sealed class UnsubscribeModel(UnsubscribeLinks links, NotificationSettingsService service, MentoringDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? Name { get; private set; }

    public string What { get; private set; } = "";

    public bool Done { get; private set; }

    public async Task OnGetAsync() => await ReadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ReadAsync() is { } found)
        {
            await service.UnsubscribeAsync(found.PersonId, found.Category, HttpContext.RequestAborted);
            Done = true;
        }
        return Page();
    }

    private async Task<(int PersonId, string Category)?> ReadAsync()
    {
        if (links.Read(Token) is not { } found || !Categories.Unsubscribable.Contains(found.Category))
        {
            return null;
        }
        Name = await db.People.AsNoTracking().Where(p => p.Id == found.PersonId).Select(p => p.Name).SingleOrDefaultAsync(HttpContext.RequestAborted);
        What = Categories.Describe(found.Category);
        return Name is null ? null : found;
    }
}
