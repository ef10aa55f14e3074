using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Programs;

/// <summary>A program in the list, with its head counts.</summary>
public sealed record ProgramRow(
    int Id, string Name, ProgramKind Kind, ProgramStatus Status, NodaTime.LocalDate? StartDate, NodaTime.LocalDate? EndDate,
    int Mentors, int Mentees, int Participants);

public sealed class IndexModel(MentoringDbContext db) : PageModel
{
    public IReadOnlyList<ProgramRow> Programs { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        var programs = await db.Programs.AsNoTracking()
            .Select(p => new ProgramRow(p.Id, p.Name, p.Kind, p.Status, p.StartDate, p.EndDate,
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentor),
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentee),
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Participant)))
            .ToListAsync(HttpContext.RequestAborted);
        // Running programs first, then those being prepared, then the past.
        Programs = programs.OrderBy(p => p.Status switch
            {
                ProgramStatus.Active => 0,
                ProgramStatus.Draft => 1,
                ProgramStatus.Completed => 2,
                _ => 3,
            })
            .ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}
