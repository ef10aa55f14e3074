using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Profiles;

/// <summary>Someone in a program whose profile is too thin to match well, and what is missing.</summary>
public sealed record ThinProfile(int PersonId, string Name, string? Email, EnrollmentRole Role, IReadOnlyList<string> Missing);

/// <summary>
/// Whose profile in a program gives matching too little to go on: no interests, skills or values,
/// no goals (mentees), no time zone (no working-hours fit) or no office (no in-person meetings).
/// </summary>
public sealed class ThinProfiles(MentoringDbContext db)
{
    public const string NoInterests = "interests";
    public const string NoSkills = "skills";
    public const string NoValues = "values";
    public const string NoGoals = "goals";
    public const string NoTimeZone = "time zone";
    public const string NoOffice = "office";

    /// <summary>The thin profiles in the program, most missing first; null when there is no such program.</summary>
    public async Task<List<ThinProfile>?> ListAsync(int programId, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return null;
        }
        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Person).ThenInclude(p => p!.Office)
            .Where(e => e.ProgramId == programId && e.Person!.Active && e.Role != EnrollmentRole.Participant)
            .ToListAsync(cancellationToken);
        return enrollments
            .Select(e => new ThinProfile(e.PersonId, e.Person!.Name, e.Person.Email, e.Role, Missing(e)))
            .Where(t => t.Missing.Count > 0)
            .OrderByDescending(t => t.Missing.Count).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.PersonId)
            .ToList();
    }

    public static List<string> Missing(Enrollment enrollment)
    {
        var p = enrollment.Person!;
        var missing = new List<string>();
        if (p.Interests.Count == 0)
        {
            missing.Add(NoInterests);
        }
        // Mentors' skills meet mentees' goals: each side needs its own half.
        if (enrollment.Role == EnrollmentRole.Mentor && p.Skills.Count == 0 && p.HopesToGive.Count == 0)
        {
            missing.Add(NoSkills);
        }
        if (p.Values.Count == 0)
        {
            missing.Add(NoValues);
        }
        if (enrollment.Role == EnrollmentRole.Mentee && string.IsNullOrWhiteSpace(enrollment.Goals) && p.HopesToGet.Count == 0)
        {
            missing.Add(NoGoals);
        }
        if (p.EffectiveTimeZone is null)
        {
            missing.Add(NoTimeZone);
        }
        if (p.OfficeId is null)
        {
            missing.Add(NoOffice);
        }
        return missing;
    }
}
