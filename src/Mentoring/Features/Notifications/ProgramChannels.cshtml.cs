using Mentoring.Data;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Notifications;

/// <summary>A program's Slack and Teams channels and reminder offsets, with a test message, through the API's rules.</summary>
public sealed class ProgramChannelsModel(NotificationSettingsService service, OutboxDispatcher dispatcher, MentoringDbContext db) : PageModel
{
    public sealed class ChannelsInput
    {
        public string? SlackWebhookUrl { get; set; }

        public string? SlackChannel { get; set; }

        public string? TeamsWebhookUrl { get; set; }

        public string? ReminderHours { get; set; }
    }

    [BindProperty]
    public ChannelsInput Input { get; set; } = new();

    public int Id { get; private set; }

    public string? ProgramName { get; private set; }

    public IReadOnlyList<DeliveryDto> TestResults { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var settings = (await service.ProgramAsync(id, HttpContext.RequestAborted)).Value!;
        Input = new ChannelsInput
        {
            SlackWebhookUrl = settings.SlackWebhookUrl, SlackChannel = settings.SlackChannel, TeamsWebhookUrl = settings.TeamsWebhookUrl,
            ReminderHours = string.Join(", ", settings.ReminderHours),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!await SaveAsync(id))
        {
            return Page();
        }
        TempData["StatusMessage"] = "Saved.";
        return RedirectToPage(new { id });
    }

    /// <summary>Saves what the form holds, then sends the test at once and shows how it went.</summary>
    public async Task<IActionResult> OnPostTestAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!await SaveAsync(id))
        {
            return Page();
        }
        var rows = await service.TestAsync(id, HttpContext.RequestAborted);
        if (!rows.Succeeded)
        {
            ModelState.AddErrors(rows, nameof(Input));
            return Page();
        }
        await dispatcher.SendAsync(rows.Value!, HttpContext.RequestAborted);
        TestResults = (await service.DeliveriesAsync(null, 50, HttpContext.RequestAborted)).Where(d => rows.Value!.Contains(d.Id)).ToList();
        return Page();
    }

    private async Task<bool> SaveAsync(int id)
    {
        var hours = new List<int>();
        foreach (var part in (Input.ReminderHours ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var h))
            {
                ModelState.AddModelError("Input.ReminderHours", $"\"{part}\" is not a number of hours.");
                return false;
            }
            hours.Add(h);
        }
        var saved = await service.SaveProgramAsync(id, new ProgramNotificationsInput(Input.SlackWebhookUrl, Input.TeamsWebhookUrl, Input.SlackChannel, hours),
            HttpContext.RequestAborted);
        if (!saved.Succeeded)
        {
            ModelState.AddErrors(saved, nameof(Input));
            return false;
        }
        return true;
    }

    private async Task<bool> LoadAsync(int id)
    {
        Id = id;
        ProgramName = await db.Programs.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(HttpContext.RequestAborted);
        return ProgramName is not null;
    }
}
