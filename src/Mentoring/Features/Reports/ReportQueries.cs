using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Reports;

/// <summary>A session that took place, with the people it reached (the host and every attendee who did not decline).</summary>
public sealed record HeldSession(int Id, string Kind, bool InPerson, int HostId, LocalDate Date, int? MentorshipId, IReadOnlyList<int> People);

/// <summary>
/// The rules of what happened in a program, each in one place: which sessions were held, and the
/// check-in, goal and rating figures. Today they read scheduled sessions and enrollments; logged
/// sessions, check-ins, goals and ratings come in here when those records exist.
/// </summary>
public static class ReportQueries
{
    /// <summary>
    /// A session is held when it has ended by <paramref name="until"/> and was neither cancelled nor
    /// declined (declined: it has attendees and every one of them declined or asked for another time).
    /// The contract also counts a session either side logged, or one with a check-in: those records
    /// are added here.
    /// </summary>
    public static async Task<List<HeldSession>> HeldSessionsAsync(MentoringDbContext db, int programId, Instant until, CancellationToken cancellationToken)
    {
        // Dates bound the query on every provider; the exact end is checked on the instants.
        var lastDate = until.InUtc().Date.PlusDays(1);
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.ProgramId == programId && s.Status != SessionStatus.Cancelled && s.Date <= lastDate)
            .Select(s => new { s.Id, s.Kind, s.HostId, s.Date, s.End, s.MentorshipId })
            .ToListAsync(cancellationToken);
        // Attendees as flat rows: one plain query instead of a collection per session.
        var attendees = (await db.SessionAttendees.AsNoTracking()
                .Join(db.Sessions.Where(s => s.ProgramId == programId && s.Status != SessionStatus.Cancelled && s.Date <= lastDate),
                    a => a.SessionId, s => s.Id, (a, s) => new { a.SessionId, a.PersonId, a.Response })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.SessionId);
        return rows
            .Where(s => s.End <= until)
            .Where(s => !attendees[s.Id].Any() || attendees[s.Id].Any(a => !Declined(a.Response)))
            .Select(s => new HeldSession(s.Id, s.Kind, ActivityFormats.IsInPerson(s.Kind), s.HostId, s.Date, s.MentorshipId,
                attendees[s.Id].Where(a => !Declined(a.Response)).Select(a => a.PersonId).Append(s.HostId).Distinct().ToList()))
            .OrderBy(s => s.Date).ThenBy(s => s.Id)
            .ToList();
    }

    private static bool Declined(AttendeeResponse response) => response is AttendeeResponse.Declined or AttendeeResponse.AnotherTime;

    /// <summary>
    /// Check-ins, expected against logged, with the weeks they fall in. Until pairs log check-ins,
    /// a mentorship's planned sessions up to the date are what was expected, and the held ones what was logged.
    /// </summary>
    public static async Task<(CheckInCounts Counts, List<WeekCount> Weeks)> CheckInsAsync(
        MentoringDbContext db, int programId, LocalDate asOf, IReadOnlyList<HeldSession> held, CancellationToken cancellationToken)
    {
        var planned = await db.Sessions.AsNoTracking()
            .Where(s => s.ProgramId == programId && s.MentorshipId != null && s.Status != SessionStatus.Cancelled && s.Date <= asOf)
            .Select(s => new { s.Id, s.Date }).ToListAsync(cancellationToken);
        var heldIds = held.Where(h => h.MentorshipId is not null).Select(h => h.Id).ToHashSet();
        var weeks = planned.GroupBy(s => Monday(s.Date)).OrderBy(g => g.Key)
            .Select(g => new WeekCount(g.Key.ToString("yyyy-MM-dd", null), g.Count(), g.Count(s => heldIds.Contains(s.Id)))).ToList();
        var logged = planned.Count(s => heldIds.Contains(s.Id));
        return (new CheckInCounts(planned.Count, logged, planned.Count == 0 ? null : (double)logged / planned.Count), weeks);
    }

    /// <summary>Goals set and completed. Until goals are records of their own, a mentee's written goals count as set, and none is known done.</summary>
    public static async Task<GoalCounts> GoalsAsync(MentoringDbContext db, int programId, IReadOnlySet<int> enrollmentIds, CancellationToken cancellationToken)
    {
        var goals = await db.Enrollments.AsNoTracking().IgnoreQueryFilters([EnrollmentFilter.ActiveOnly])
            .Where(e => e.ProgramId == programId && e.Role == EnrollmentRole.Mentee && e.Goals != "")
            .Select(e => e.Id).ToListAsync(cancellationToken);
        return new GoalCounts(goals.Count(enrollmentIds.Contains), null);
    }

    /// <summary>Session ratings (1 to 5): none are recorded yet.</summary>
    public static Task<RatingSummary> SessionRatingsAsync(MentoringDbContext db, int programId, IReadOnlyList<HeldSession> held, CancellationToken cancellationToken)
    {
        _ = (db, programId, held, cancellationToken);
        return Task.FromResult(new RatingSummary(0, null));
    }

    public static LocalDate Monday(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);
}
