using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Privacy;

/// <summary>The confirmation before an erasure: what goes, what stays, and the button.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EraseModel(MentoringDbContext db, ErasureService erasure) : PageModel
{
    public Person? Person { get; private set; }

    public bool HasAccount { get; private set; }

    public int ApiTokens { get; private set; }

    public int Enrollments { get; private set; }

    public int Mentorships { get; private set; }

    public int Sessions { get; private set; }

    public int Messages { get; private set; }

    public int ProfileTexts { get; private set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        if (Person is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "Tick the box to confirm that this person's data is to be erased.");
            await LoadAsync(id);
            return Page();
        }
        var outcome = await erasure.EraseAsync(id, HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, "");
            await LoadAsync(id);
            return Page();
        }
        TempData["StatusMessage"] = $"The person is erased. Their record stays as \"{outcome.Value!.Pseudonym}\" so that the programs' figures stay right.";
        return Redirect($"/People/{id}");
    }

    private async Task LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Person is null)
        {
            return;
        }
        var account = await db.Users.AsNoTracking().Where(u => u.PersonId == id).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        HasAccount = account is not null;
        ApiTokens = account is null ? 0 : await db.ApiTokens.CountAsync(t => t.UserId == account, cancellationToken);
        Enrollments = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly]).CountAsync(e => e.PersonId == id, cancellationToken);
        Mentorships = await db.Mentorships.CountAsync(m => m.MentorId == id || m.MenteeId == id, cancellationToken);
        Sessions = await db.Sessions.CountAsync(s => s.HostId == id || s.Attendees.Any(a => a.PersonId == id), cancellationToken);
        Messages = Person.Email is null ? 0 : await db.Notifications.CountAsync(n => n.Recipient == Person.Email, cancellationToken);
        ProfileTexts = Person.Interests.Count + Person.Skills.Count + Person.Values.Count + Person.HopesToGet.Count + Person.HopesToGive.Count + Person.Languages.Count;
    }
}
