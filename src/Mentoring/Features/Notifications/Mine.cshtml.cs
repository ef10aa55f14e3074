using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Notifications;

/// <summary>My notifications: channels, quiet hours, digest and what I hear about, through the API's rules.</summary>
public sealed class MineModel(NotificationSettingsService service, CurrentPerson current) : PageModel
{
    [BindProperty]
    public List<string> Channels { get; set; } = [];

    [BindProperty]
    public string QuietStart { get; set; } = "20:00";

    [BindProperty]
    public string QuietEnd { get; set; } = "08:00";

    [BindProperty]
    public bool QuietWeekends { get; set; }

    [BindProperty]
    public DigestFrequency Digest { get; set; }

    [BindProperty]
    public List<string> Receive { get; set; } = [];

    public IReadOnlyList<string> Unsubscribed { get; private set; } = [];

    public string TimeZone { get; private set; } = "UTC";

    public bool NotLinked { get; private set; }

    public async Task OnGetAsync()
    {
        var mine = await service.MineAsync(await current.IdAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (!mine.Succeeded)
        {
            NotLinked = true;
            return;
        }
        Show(mine.Value!);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var unsubscribed = Categories.Unsubscribable.Except(Receive).ToList();
        var saved = await service.SaveMineAsync(await current.IdAsync(HttpContext.RequestAborted),
            new NotificationPreferencesInput(Channels, QuietStart, QuietEnd, QuietWeekends, Digest, unsubscribed), HttpContext.RequestAborted);
        if (!saved.Succeeded)
        {
            ModelState.AddErrors(saved, "");
            Unsubscribed = unsubscribed;
            var mine = await service.MineAsync(await current.IdAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
            NotLinked = !mine.Succeeded;
            TimeZone = mine.Value?.TimeZone ?? "UTC";
            return Page();
        }
        TempData["StatusMessage"] = "Saved: you will hear from Mentoring as you chose.";
        return RedirectToPage();
    }

    private void Show(NotificationPreferencesDto dto)
    {
        Channels = dto.Channels.ToList();
        QuietStart = dto.QuietStart;
        QuietEnd = dto.QuietEnd;
        QuietWeekends = dto.QuietWeekends;
        Digest = dto.Digest;
        Unsubscribed = dto.Unsubscribed;
        TimeZone = dto.TimeZone;
    }
}
