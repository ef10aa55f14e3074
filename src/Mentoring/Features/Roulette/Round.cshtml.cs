using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Roulette;

/// <summary>One round of a coffee roulette: who was paired with whom, the starter, the call link and each person's answer.</summary>
public sealed class RoundModel(MentoringDbContext db, RouletteQueries roulette) : PageModel
{
    public MentoringProgram? Program { get; private set; }

    public RouletteRound? Round { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int roundId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Round = await roulette.LoadRoundAsync(roundId, cancellationToken);
        Program = Round is null ? null : await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.Id == Round.ProgramId, cancellationToken);
        if (Program is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
