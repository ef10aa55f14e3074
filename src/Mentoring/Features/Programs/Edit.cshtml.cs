using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Programs;

/// <summary>Create or change a program, through the API's rules (<see cref="ProgramsApi.Apply"/>).</summary>
public sealed class EditModel(MentoringDbContext db) : PageModel
{
    [BindProperty]
    public ProgramInput Input { get; set; } = new();

    public int? Id { get; private set; }

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
            Input = new ProgramInput
            {
                Name = program.Name,
                Purpose = program.Purpose,
                Kind = program.Kind,
                Status = program.Status,
                StartDate = program.StartDate?.ToDateOnly(),
                EndDate = program.EndDate?.ToDateOnly(),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        MentoringProgram? program = null;
        if (id is { } existing)
        {
            program = await db.Programs.SingleOrDefaultAsync(p => p.Id == existing, cancellationToken);
            if (program is null)
            {
                return RedirectToPage("Details", new { id = existing });
            }
            Id = program.Id;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        program ??= new MentoringProgram { Name = "" };
        if (ProgramsApi.Apply(Input, program) is { } problem)
        {
            ModelState.AddProblem(problem, nameof(Input));
            return Page();
        }
        if (program.Id == 0)
        {
            db.Programs.Add(program);
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = id is null ? $"{program.Name} is created." : "Changes saved.";
        return RedirectToPage("Details", new { id = program.Id });
    }
}
