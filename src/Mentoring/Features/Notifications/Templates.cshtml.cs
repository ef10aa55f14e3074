using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Notifications;

/// <summary>The admin edits a message's templates per program and language, sees the fields beside them, and previews with a real person's data.</summary>
public sealed class TemplatesModel(MentoringDbContext db, MessageTemplates templates, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = MessageTemplates.DefaultLanguage;

    [BindProperty]
    public string Subject { get; set; } = "";

    [BindProperty]
    public string Text { get; set; } = "";

    [BindProperty]
    public string Html { get; set; } = "";

    [BindProperty]
    public int? PreviewPersonId { get; set; }

    public TemplateDefinition Definition { get; private set; } = MessageTemplates.Definitions[0];

    public bool Edited { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Programs { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> People { get; private set; } = [];

    public RenderedMessage? Preview { get; private set; }

    public string PreviewName { get; private set; } = "";

    public async Task OnGetAsync()
    {
        await LoadAsync();
        (Subject, Text, Html) = await templates.SourceAsync(Definition.Key, ProgramId, Language, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadAsync();
        var errors = await templates.SaveAsync(ProgramId, Language, Definition.Key, Subject ?? "", Text ?? "", Html ?? "", clock.GetCurrentInstant(), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Part, $"The {Part(e.Part)} does not parse, line {e.Line}: {e.Reason}. The last saved template keeps sending.");
            }
            return Page();
        }
        TempData["StatusMessage"] = $"Saved: \"{Definition.Title}\" goes out like this from now on.";
        return RedirectToPage(new { key = Definition.Key, programId = ProgramId, language = Language });
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await LoadAsync();
        var errors = MessageTemplates.Check(Subject ?? "", Text ?? "", Html ?? "");
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Part, $"The {Part(e.Part)} does not parse, line {e.Line}: {e.Reason}.");
        }
        if (errors.Count == 0 && await db.People.AsNoTracking().Include(p => p.Office).FirstOrDefaultAsync(p => p.Id == PreviewPersonId, HttpContext.RequestAborted) is { } person)
        {
            PreviewName = person.Name;
            Preview = MessageTemplates.Render(Subject ?? "", Text ?? "", Html ?? "", await SampleAsync(person));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        await LoadAsync();
        await templates.ResetAsync(ProgramId, Language, Definition.Key, HttpContext.RequestAborted);
        TempData["StatusMessage"] = $"\"{Definition.Title}\" is back to its default.";
        return RedirectToPage(new { key = Definition.Key, programId = ProgramId, language = Language });
    }

    private static string Part(string part) => part switch { "subject" => "subject", "text" => "plain text", _ => "HTML" };

    private async Task LoadAsync()
    {
        Definition = MessageTemplates.Definition(Key ?? "") ?? MessageTemplates.Definitions[0];
        Language = string.IsNullOrWhiteSpace(Language) ? MessageTemplates.DefaultLanguage : Language.Trim().ToLowerInvariant();
        Programs = (await db.Programs.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(HttpContext.RequestAborted))
            .Select(p => (p.Id, p.Name)).ToList();
        People = (await db.People.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Name).Take(500).Select(p => new { p.Id, p.Name }).ToListAsync(HttpContext.RequestAborted))
            .Select(p => (p.Id, p.Name)).ToList();
        PreviewPersonId ??= People.FirstOrDefault().Id;
        Edited = await db.MessageTemplates.AnyAsync(t => t.Key == Definition.Key && t.Language == Language && t.ProgramId == ProgramId, HttpContext.RequestAborted);
    }

    /// <summary>The person's own data, their next session when they have one, and examples for the rest.</summary>
    private async Task<Dictionary<string, object?>> SampleAsync(Person person)
    {
        var now = clock.GetCurrentInstant();
        var session = await db.Sessions.AsNoTracking().Include(s => s.Host).Include(s => s.Attendees).ThenInclude(a => a.Person)
            .Where(s => s.Status != SessionStatus.Cancelled && s.Start >= now && (s.HostId == person.Id || s.Attendees.Any(a => a.PersonId == person.Id)))
            .OrderBy(s => s.Start).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var model = session is null
            ? new Dictionary<string, object?>
            {
                ["session"] = new Dictionary<string, object?>
                {
                    ["title"] = $"Lunch: {person.Name} and Alex Example", ["when"] = "Tuesday 8 June 2027, 12:00–13:00", ["location"] = "Room 2, London office",
                    ["host"] = person.Name, ["attendees"] = new List<object?> { "Alex Example" },
                },
            }
            : SessionMessages.Model(session, person);
        var programName = ProgramId is { } id ? Programs.FirstOrDefault(p => p.Id == id).Name : Programs.FirstOrDefault().Name;
        model["person"] = Outbox.PersonModel(person);
        model["program"] = new Dictionary<string, object?> { ["name"] = programName ?? "" };
        model["site_url"] = $"{Request.Scheme}://{Request.Host}";
        model["unsubscribe_url"] = $"{Request.Scheme}://{Request.Host}/Notifications/Unsubscribe?token=…";
        model.TryAdd("reason", "the host is travelling");
        model["hours"] = 24;
        model["introduction"] = $"Meet Alex Example: you two are drawn for a virtual coffee in {programName}.";
        model["others"] = "Alex Example";
        model["starter"] = "What did you learn this month?";
        model["link"] = "https://meet.jit.si/mentoring-example";
        model["expires"] = "8 June 2027, 09:00 UTC";
        model["items"] = new List<object?> { new Dictionary<string, object?> { ["subject"] = "Did you meet Alex Example?", ["body"] = "Did your virtual coffee happen?" } };
        model["pairs"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "Alex Example", ["sessions"] = 1, ["next"] = "Tuesday 8 June 2027, 12:00" } };
        model["pending"] = 1;
        model["programs"] = new List<object?> { new Dictionary<string, object?> { ["name"] = programName, ["enrolled"] = 12, ["mentorships"] = 5, ["sessions"] = 4, ["accepted"] = 3, ["unmatched"] = 1 } };
        model["dead_letters"] = 0;
        model["pairing_id"] = 1;
        return model;
    }
}
