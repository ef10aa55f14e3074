using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Enrollments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Programs;

/// <summary>One program: its purpose and head counts for everyone; who is enrolled, for admins only.</summary>
public sealed class DetailsModel(MentoringDbContext db, EnrollmentService enrollment, ProgramLifecycleService lifecycle) : PageModel
{
    /// <summary>The page lists this many enrollments; the API pages through all of them.</summary>
    public const int EnrollmentsShown = 500;

    public MentoringProgram? Program { get; private set; }

    public int Mentors { get; private set; }

    public int Mentees { get; private set; }

    public int Participants { get; private set; }

    public IReadOnlyList<Enrollment> Enrollments { get; private set; } = [];

    /// <summary>People who took part and are no longer enrolled (the one just withdrawn among them), to re-enroll.</summary>
    public IReadOnlyList<WithdrawnPerson> Withdrawn { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public string? SponsorName { get; private set; }

    /// <summary>The caller is this program's executive sponsor: they get its evaluation.</summary>
    public bool IsSponsor { get; private set; }

    /// <summary>For an admin: the program's next step (the only way its status changes) and the steps so far.</summary>
    public NextStepView? Step { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Program is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        SponsorName = Program.SponsorId is { } sponsorId ? await db.People.Where(p => p.Id == sponsorId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) : null;
        IsSponsor = Program.SponsorId is not null && User.IsInRole(Roles.Sponsor)
            && await db.Users.AnyAsync(u => u.UserName == User.Identity!.Name && u.PersonId == Program.SponsorId, cancellationToken);
        var counts = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == id).GroupBy(e => e.Role)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Mentors = counts.GetValueOrDefault(EnrollmentRole.Mentor);
        Mentees = counts.GetValueOrDefault(EnrollmentRole.Mentee);
        Participants = counts.GetValueOrDefault(EnrollmentRole.Participant);
        if (User.IsInRole(Roles.Admin))
        {
            if ((await lifecycle.GetAsync(id, cancellationToken)).Value is { } life)
            {
                Step = new NextStepView(id, life.Status, life.Scope, life.Transitions, await PilotChoices.LoadAsync(db, id, cancellationToken), "details",
                    Program.Kind == ProgramKind.ReverseMentoring);
            }
            Enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Person).Where(e => e.ProgramId == id)
                .OrderBy(e => e.Role).ThenBy(e => e.Person!.Name).Take(EnrollmentsShown).ToListAsync(cancellationToken);
            var former = (await enrollment.FormerAsync(id, cancellationToken)).ToList();
            // Just withdrawn, with no mentorship in the program yet: offered back once, with the role they had.
            if (TempData["Withdrawn"] is string last && last.Split(':') is [var personText, var roleText, var capacityText]
                && int.TryParse(personText, out var personId) && Enum.TryParse<EnrollmentRole>(roleText, out var role)
                && int.TryParse(capacityText, out var capacity) && former.All(f => f.PersonId != personId)
                && Enrollments.All(e => e.PersonId != personId)
                && await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) is { } name)
            {
                former.Insert(0, new WithdrawnPerson(personId, name, role, capacity));
            }
            Withdrawn = former;
        }
        return Page();
    }
}
