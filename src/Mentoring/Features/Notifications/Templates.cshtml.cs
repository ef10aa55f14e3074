using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Notifications;

/// <summary>The admin edits a message's templates per program and language, sees the fields beside them, and previews with a real person's data (<see cref="TemplatePreviewModel"/>, in a frame).</summary>
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
}
