using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Profiles;

/// <summary>The admin's view of a program's thin profiles: who matching knows too little about, and what that costs.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ThinModel(MentoringDbContext db, ThinProfiles thin) : PageModel
{
    /// <summary>How many people the page lists; the JSON has them all.</summary>
    public const int Shown = 100;

    public MentoringProgram? Program { get; private set; }

    public IReadOnlyList<ThinProfile> People { get; private set; } = [];

    public int Enrolled { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Program is null)
        {
            return;
        }
        People = await thin.ListAsync(id, cancellationToken) ?? [];
        Enrolled = await db.Enrollments.CountAsync(
            e => e.ProgramId == id && e.Person!.Active && e.Role != EnrollmentRole.Participant, cancellationToken);
    }

    /// <summary>What matching cannot do without each missing part, in the admin's words.</summary>
    public static string Cost(string missing) => missing switch
    {
        ThinProfiles.NoInterests => "no shared interests to point to",
        ThinProfiles.NoSkills => "nothing to meet a mentee's goals",
        ThinProfiles.NoValues => "no shared values to point to",
        ThinProfiles.NoGoals => "nothing for a mentor's skills to meet",
        ThinProfiles.NoTimeZone => "no working-hours fit for video calls",
        ThinProfiles.NoOffice => "no in-person meetings",
        _ => "",
    };
}
