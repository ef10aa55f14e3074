using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Roulette;

/// <summary>
/// The admin's view of a coffee-roulette program (the API's overview): the settings and the next
/// draw, who takes part, "run a round now", every round with its meeting rate, the trends, and the
/// people who keep not meeting.
/// </summary>
public sealed class IndexModel(MentoringDbContext db, RouletteQueries roulette, RouletteParticipation participation) : PageModel
{
    /// <summary>The charts show this many of the latest rounds.</summary>
    public const int RoundsCharted = 12;

    public MentoringProgram? Program { get; private set; }

    public RouletteOverview? Overview { get; private set; }

    public BarChart? MeetingChart { get; private set; }

    public BarChart? ParticipantsChart { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Overview = await roulette.OverviewAsync(id, cancellationToken);
        if (Overview is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
        var charted = Overview.Rounds.Take(RoundsCharted).Reverse().ToList();
        MeetingChart = new BarChart("meeting-rate", "Pairs per round, and how many met", "Pairs", "Met",
            charted.Select(r => new Bar(Display.DayMonth(r.PeriodStart), r.Pairings, (int)Math.Round(r.MeetingRate * r.Pairings))).ToList());
        ParticipantsChart = new BarChart("participants", "People drawn per round", "People", null,
            charted.Select(r => new Bar(Display.DayMonth(r.PeriodStart), r.Participants)).ToList());
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var drawn = await participation.DrawNowAsync(id, cancellationToken);
        if (drawn.IsNotFound)
        {
            return RedirectToPage(new { id });
        }
        if (drawn.Value is not { } round)
        {
            ErrorMessage = PageValidation.Sentence(drawn.Errors[0].Message);
        }
        else
        {
            StatusMessage = $"The round of the period from {Display.Date(round.PeriodStart)} is drawn: {Display.Count(round.Participants, "person", "people")} in "
                + $"{Display.Count(round.Pairings.Count, "pairing", "pairings")}. The introductions are on their way.";
        }
        return RedirectToPage(null, null, new { id }, "rounds-heading");
    }
}
