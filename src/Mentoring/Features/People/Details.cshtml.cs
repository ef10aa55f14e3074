using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.People;

/// <summary>One person: profile, reporting line, what they care about, HR attributes and programs.</summary>
public sealed class DetailsModel(MentoringDbContext db, Privacy.AuditTrail trail, Infrastructure.CurrentPerson current) : PageModel
{
    /// <summary>A senior leader can have hundreds of reports; the page lists this many.</summary>
    public const int ReportsShown = 50;

    public Person? Person { get; private set; }

    public IReadOnlyList<Person> Reports { get; private set; } = [];

    public int ReportCount { get; private set; }

    public IReadOnlyList<Enrollment> Enrollments { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Person = await db.People.AsNoTracking().Include(p => p.Office).Include(p => p.Manager)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Person is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (await current.IdAsync(cancellationToken) != id)
        {
            // An admin opening someone else's record is in the audit trail.
            await trail.RecordReadAsync(id, "page", cancellationToken);
        }
        var reports = db.People.AsNoTracking().Where(p => p.ManagerId == id);
        Reports = await reports.OrderByDescending(p => p.Active).ThenBy(p => p.Name).Take(ReportsShown).ToListAsync(cancellationToken);
        // Fewer than the page lists are all of them: only a longer list is counted.
        ReportCount = Reports.Count < ReportsShown ? Reports.Count : await reports.CountAsync(cancellationToken);
        Enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Program).Where(e => e.PersonId == id)
            .OrderBy(e => e.Program!.Name).ToListAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id) => SetActiveAsync(id, false);

    public Task<IActionResult> OnPostReactivateAsync(int id) => SetActiveAsync(id, true);

    private async Task<IActionResult> SetActiveAsync(int id, bool active)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (person is null)
        {
            return RedirectToPage(new { id });
        }
        person.Active = active;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        StatusMessage = active
            ? $"{person.Name} is active again."
            : $"{person.Name} is deactivated: they leave matching and rounds, and their history stays.";
        return RedirectToPage(new { id });
    }
}
