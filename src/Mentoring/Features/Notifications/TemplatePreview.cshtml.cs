using System.Net;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Notifications;

/// <summary>
/// A template rendered with a real person's data, as the document inside the template page's preview
/// frame: GET shows the template that applies now, POST the draft being edited. The message's HTML is
/// the admin's own writing, so the document runs no script and loads nothing, and only this site may frame it.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[ResponsePolicy(Policy, FramedBySelf = true)]
public sealed class TemplatePreviewModel(MentoringDbContext db, MessageTemplates templates, IClock clock) : PageModel
{
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PreviewPersonId { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Html { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var definition = MessageTemplates.Definition(Key ?? "") ?? MessageTemplates.Definitions[0];
        var (subject, text, html) = await templates.SourceAsync(definition.Key, ProgramId, LanguageOrDefault(), HttpContext.RequestAborted);
        return await DocumentAsync(subject, text, html);
    }

    public Task<IActionResult> OnPostAsync() => DocumentAsync(Subject ?? "", Text ?? "", Html ?? "");

    private string LanguageOrDefault() => string.IsNullOrWhiteSpace(Language) ? MessageTemplates.DefaultLanguage : Language.Trim().ToLowerInvariant();

    private async Task<IActionResult> DocumentAsync(string subject, string text, string html)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Office)
            .Where(p => PreviewPersonId == null ? p.Active : p.Id == PreviewPersonId).OrderBy(p => p.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        string body;
        if (person is null)
        {
            body = "<p class=\"note\">There is nobody on the roster to preview with yet.</p>";
        }
        else if (MessageTemplates.Check(subject, text, html) is { Count: > 0 } errors)
        {
            body = "<p class=\"note\">Nothing to show until the template parses:</p><ul class=\"note\">"
                + string.Concat(errors.Select(e => $"<li>The {Part(e.Part)}, line {e.Line}: {WebUtility.HtmlEncode(e.Reason)}.</li>")) + "</ul>";
        }
        else
        {
            var model = await TemplateSamples.ForAsync(db, clock, person, ProgramId, $"{Request.Scheme}://{Request.Host}", HttpContext.RequestAborted);
            var rendered = MessageTemplates.Render(subject, text, html, model);
            body = $"<p class=\"meta\">To {WebUtility.HtmlEncode(person.Name)}</p><h1>{WebUtility.HtmlEncode(rendered.Subject)}</h1><hr>{rendered.Html}<hr><p class=\"meta\">As plain text</p><pre>{WebUtility.HtmlEncode(rendered.Text)}</pre>";
        }
        var document = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview</title><style>"
            + "body{font:15px/1.5 system-ui,sans-serif;margin:12px 16px;color:#1b1f24;overflow-wrap:anywhere}h1{font-size:17px;margin:0 0 8px}"
            + ".meta,.note{color:#555;font-size:13px;margin:0 0 4px}hr{border:0;border-top:1px solid #ccc}pre{white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace}</style></head><body>"
            + body + "</body></html>";
        return Content(document, "text/html; charset=utf-8");
    }

    private static string Part(string part) => part switch { "subject" => "subject", "text" => "plain text", _ => "HTML" };
}

/// <summary>A template's fields filled with a person's own data, their next session when they have one, and examples for the rest.</summary>
public static class TemplateSamples
{
    public static async Task<Dictionary<string, object?>> ForAsync(MentoringDbContext db, IClock clock, Person person, int? programId, string siteUrl,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var session = await db.Sessions.AsNoTracking().Include(s => s.Host).Include(s => s.Attendees).ThenInclude(a => a.Person)
            .Where(s => s.Status != SessionStatus.Cancelled && s.Start >= now && (s.HostId == person.Id || s.Attendees.Any(a => a.PersonId == person.Id)))
            .OrderBy(s => s.Start).FirstOrDefaultAsync(cancellationToken);
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
        var programName = await db.Programs.AsNoTracking().Where(p => programId == null || p.Id == programId).OrderBy(p => p.Name)
            .Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        model["person"] = Outbox.PersonModel(person);
        model["program"] = new Dictionary<string, object?> { ["name"] = programName };
        model["site_url"] = siteUrl;
        model["unsubscribe_url"] = $"{siteUrl}/Notifications/Unsubscribe?token=…";
        model.TryAdd("reason", "the host is travelling");
        model["before"] = "Monday 7 June 2027, 12:00–13:00";
        model["hours"] = 24;
        model["introduction"] = $"Meet Alex Example: you two are drawn for a virtual coffee in {programName}.";
        model["others"] = "Alex Example";
        model["other"] = "Alex Example";
        model["starter"] = "What did you learn this month?";
        model["link"] = $"{siteUrl}/Me";
        model["expires"] = "8 June 2027, 09:00 UTC";
        model["items"] = new List<object?> { new Dictionary<string, object?> { ["subject"] = "Did you meet Alex Example?", ["body"] = "Did your virtual coffee happen?" } };
        model["pairs"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "Alex Example", ["sessions"] = 1, ["next"] = "Tuesday 8 June 2027, 12:00" } };
        model["groups"] = new List<object?> { new Dictionary<string, object?> { ["title"] = "Speaking circle", ["members"] = 5, ["sessions"] = 1, ["next"] = "Thursday 10 June 2027, 16:00" } };
        model["due"] = new List<object?> { new Dictionary<string, object?> { ["text"] = "Send Alex the article on feedback", ["owner"] = person.Name, ["mentee"] = "Alex Example", ["date"] = "Wednesday 9 June 2027" } };
        model["item"] = new Dictionary<string, object?> { ["text"] = "Send Alex the article on feedback", ["date"] = "Wednesday 9 June 2027", ["when"] = "tomorrow" };
        model["pending"] = 1;
        model["programs"] = new List<object?> { new Dictionary<string, object?> { ["name"] = programName, ["enrolled"] = 12, ["mentorships"] = 5, ["sessions"] = 4, ["accepted"] = 3, ["unmatched"] = 1 } };
        model["dead_letters"] = 0;
        model["pairing_id"] = 1;
        return model;
    }
}
