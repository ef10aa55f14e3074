using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Scheduling;

/// <summary>Reading sessions and office days, shared by the API, the pages and the calendar feed.</summary>
public static class SessionQueries
{
    public static IQueryable<ScheduledSession> Query(MentoringDbContext db) =>
        db.Sessions.AsNoTracking().Include(s => s.Host).ThenInclude(h => h!.Office).Include(s => s.Attendees).ThenInclude(a => a.Person).AsSplitQuery();

    /// <summary>A person's sessions, as host or attendee, in time order.</summary>
    public static async Task<List<ScheduledSession>> SessionsOfAsync(MentoringDbContext db, int personId, CancellationToken cancellationToken) =>
        (await Query(db).Where(s => s.HostId == personId || s.Attendees.Any(a => a.PersonId == personId)).ToListAsync(cancellationToken))
            .OrderBy(s => s.Start).ToList();

    /// <summary>Per host: the distinct days their in-person sessions need, and 3 days a week for the same weeks.</summary>
    public static async Task<List<OfficeDaysRow>> OfficeDaysAsync(MentoringDbContext db, int programId, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Host)
            .Where(s => s.ProgramId == programId && s.Status != SessionStatus.Cancelled && s.Date >= from && s.Date <= to).ToListAsync(cancellationToken);
        var weeks = Math.Max(1, (int)Math.Ceiling((Period.Between(from, to, PeriodUnits.Days).Days + 1) / 7.0));
        return sessions.GroupBy(s => s.HostId)
            .Select(g => new OfficeDaysRow(g.Key, g.First().Host!.Name, g.Where(s => s.InPerson).Select(s => s.Date).Distinct().Count(), 3 * weeks))
            .OrderByDescending(r => r.ProgramDays).ThenBy(r => r.Name).ToList();
    }
}
