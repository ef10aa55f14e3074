using Mentoring.Data;
using Mentoring.Domain;

namespace Mentoring.Features.Enrollments;

/// <summary>
/// The product's rules about who has been reached, as queries, so that the dashboard's figures and
/// enrollment by rule count the same people.
/// </summary>
public static class RosterRules
{
    /// <summary>In no program whose status is active (the dashboard's "not reached").</summary>
    public static IQueryable<Person> InNoActiveProgram(this IQueryable<Person> people, MentoringDbContext db) =>
        people.Where(p => !db.Enrollments.Any(e => e.PersonId == p.Id && e.Program!.Status == ProgramStatus.Active));

    /// <summary>
    /// Never the mentee of a mentorship, whatever its status or program: matching's "has not had a
    /// mentor yet", which puts them first.
    /// </summary>
    public static IQueryable<Person> NeverMentored(this IQueryable<Person> people, MentoringDbContext db) =>
        people.Where(p => !db.Mentorships.Any(m => m.MenteeId == p.Id));
}

/// <summary>
/// A pilot's reach as a query: its pair (two HR ids), its team (the manager's HR id: the manager and
/// their direct reports), its department or its office. Enrollment by rule, by hand and by application
/// keeps to it, so matching and scheduling, which see enrolled people only, keep to it too.
/// </summary>
public static class PilotScopes
{
    public static IQueryable<Person> InScopeOf(this IQueryable<Person> people, MentoringProgram program)
    {
        if (!program.IsScoped || program.PilotScopeValue is not { } value)
        {
            return people;
        }
        return program.PilotScopeKind switch
        {
            ScopeKind.Department => people.Where(p => p.Department == value),
            ScopeKind.Office => people.Where(p => p.Office != null && p.Office.Name == value),
            ScopeKind.Team => people.Where(p => p.ExternalId == value || (p.Manager != null && p.Manager.ExternalId == value)),
            _ => people.Where(p => PairIds(value).Contains(p.ExternalId)),
        };
    }

    public static List<string> PairIds(string value) =>
        value.Split([':', ',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whether a person may be enrolled in the program (always, unless it is a pilot they are outside of).</summary>
    public static async Task<bool> InScopeAsync(MentoringDbContext db, MentoringProgram program, int personId, CancellationToken cancellationToken) =>
        !program.IsScoped || await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.People.Where(p => p.Id == personId).InScopeOf(program), cancellationToken);

    public static string Describe(MentoringProgram program) => program.PilotScopeKind switch
    {
        ScopeKind.Department => $"the {program.PilotScopeValue} department",
        ScopeKind.Office => $"the {program.PilotScopeValue} office",
        ScopeKind.Team => $"the team of {program.PilotScopeValue}",
        ScopeKind.Pair => $"the pair {program.PilotScopeValue}",
        _ => "everyone",
    };
}
