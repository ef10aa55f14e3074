using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Roulette;

/// <summary>A roulette program's cadence, draw time, mixing and templates, through the API's rules (<see cref="RouletteSettingsRules"/>).</summary>
public sealed class SettingsModel(MentoringDbContext db) : PageModel
{
    [BindProperty]
    public RouletteSettings Input { get; set; } = new();

    /// <summary>The conversation starters, one a line.</summary>
    [BindProperty]
    public string Starters { get; set; } = "";

    public MentoringProgram? Program { get; private set; }

    public IEnumerable<string> TimeZones => DateTimeZoneProviders.Tzdb.Ids;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Program = await LoadAsync(id);
        if (Program is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Input = Program.Roulette;
        Starters = string.Join('\n', Input.ConversationStarters);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        Program = await LoadAsync(id);
        if (Program is null)
        {
            return RedirectToPage("Index", new { id });
        }
        Input.TimeZone = Input.TimeZone?.Trim() ?? "";
        Input.IntroductionTemplate = Input.IntroductionTemplate?.Trim() ?? "";
        Input.VideoLinkTemplate = Input.VideoLinkTemplate?.Trim() ?? "";
        Input.ConversationStarters = (Starters ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (RouletteSettingsRules.Check(Input) is { Succeeded: false } refused)
        {
            ModelState.AddErrors(refused, nameof(Input));
            return Page();
        }
        Program.Roulette = Input;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["StatusMessage"] = "Roulette settings saved. They apply from the next draw.";
        return RedirectToPage("Index", new { id });
    }

    private Task<MentoringProgram?> LoadAsync(int id) =>
        db.Programs.SingleOrDefaultAsync(p => p.Id == id && p.Kind == ProgramKind.CoffeeRoulette, HttpContext.RequestAborted);
}
