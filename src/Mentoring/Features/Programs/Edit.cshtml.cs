using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Programs;

/// <summary>Create or change a program, through the API's rules (<see cref="ProgramsService.SaveAsync"/>).</summary>
public sealed class EditModel(MentoringDbContext db, ProgramsService programs) : PageModel
{
    [BindProperty]
    public ProgramInput Input { get; set; } = new();

    public int? Id { get; private set; }

    /// <summary>Shown, not edited here: a status changes only by a step of the program's life.</summary>
    public ProgramStatus Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == existing, HttpContext.RequestAborted);
            if (program is null)
            {
                return RedirectToPage("Details", new { id = existing });
            }
            Id = program.Id;
            Status = program.Status;
            Input = new ProgramInput
            {
                Name = program.Name,
                Purpose = program.Purpose,
                Kind = program.Kind,
                StartDate = program.StartDate?.ToDateOnly(),
                EndDate = program.EndDate?.ToDateOnly(),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (id is { } existing)
        {
            if (!await db.Programs.AnyAsync(p => p.Id == existing, cancellationToken))
            {
                return RedirectToPage("Details", new { id = existing });
            }
            Id = existing;
            Status = await db.Programs.Where(p => p.Id == existing).Select(p => p.Status).SingleAsync(cancellationToken);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var saved = await programs.SaveAsync(id, Input, cancellationToken);
        if (saved.Value is not { } program)
        {
            ModelState.AddErrors(saved, nameof(Input));
            return Page();
        }
        TempData["StatusMessage"] = id is null ? $"{program.Name} is created." : "Changes saved.";
        return RedirectToPage("Details", new { id = program.Id });
    }
}
