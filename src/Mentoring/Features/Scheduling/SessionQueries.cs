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
    /// <param name="endingFrom">When given, only the sessions that end at or after it (the ones still to come).</param>
    public static async Task<List<ScheduledSession>> SessionsOfAsync(
        MentoringDbContext db, int personId, CancellationToken cancellationToken, Instant? endingFrom = null)
    {
        // Two indexed look-ups (hosted, attended), not an OR that reads every session of the organisation.
        var ids = await db.Sessions.Where(s => s.HostId == personId).Select(s => s.Id)
            .Union(db.SessionAttendees.Where(a => a.PersonId == personId).Select(a => a.SessionId))
            .ToListAsync(cancellationToken);
        var sessions = Query(db).Where(s => ids.Contains(s.Id));
        if (endingFrom is { } from)
        {
            sessions = sessions.Where(s => s.End >= from);
        }
        return (await sessions.ToListAsync(cancellationToken)).OrderBy(s => s.Start).ToList();
    }

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
