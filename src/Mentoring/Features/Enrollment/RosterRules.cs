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
