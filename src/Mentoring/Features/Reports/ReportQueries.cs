using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Reports;

/// <summary>A session that took place, with the people it reached (the host and every attendee who did not decline).</summary>
public sealed record HeldSession(int Id, string Kind, bool InPerson, int HostId, LocalDate Date, int? MentorshipId, IReadOnlyList<int> People);

/// <summary>
/// The rules of what happened in a program, each in one place: which sessions were held, and the
/// check-in, goal and rating figures.
/// </summary>
public static class ReportQueries
{
    /// <summary>
    /// A session is held when it was neither cancelled nor declined (declined: it has attendees and
    /// every one of them declined or asked for another time) and it has ended by <paramref name="until"/>;
    /// or when either side logged it, or logged a check-in for it, by then. The rule is written once, in
    /// SQL (ReportSql), where the program report also counts these sessions per person.
    /// </summary>
    public static Task<List<HeldSession>> HeldSessionsAsync(MentoringDbContext db, int programId, Instant until, CancellationToken cancellationToken) =>
        ReportSql.HeldSessionsAsync(db, programId, until, cancellationToken);

    /// <summary>
    /// Check-ins, expected against logged, with the weeks they fall in. A mentorship expects one
    /// check-in per period of its plan's cadence (weekly without a plan) from the day it started to
    /// the report's date or its end, as relationship health counts them; logged are the days either
    /// of the pair logged one (both logging the same day count once).
    /// </summary>
    public static async Task<(CheckInCounts Counts, List<WeekCount> Weeks)> CheckInsAsync(
        MentoringDbContext db, int programId, LocalDate asOf, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var mentorships = await db.Mentorships.AsNoTracking()
            .Where(m => m.ProgramId == programId && m.Status != MentorshipStatus.Declined)
            .Select(m => new { m.Id, m.CreatedAt, m.EndedAt }).ToListAsync(cancellationToken);
        var plans = (await db.MentorshipPlans.AsNoTracking().Where(p => db.Mentorships.Any(m => m.Id == p.MentorshipId && m.ProgramId == programId))
                .Select(p => new { p.MentorshipId, p.Version, p.Cadence, p.CreatedAt }).ToListAsync(cancellationToken))
            .ToLookup(p => p.MentorshipId);
        var checkIns = (await db.CheckIns.AsNoTracking().Where(c => db.Mentorships.Any(m => m.Id == c.MentorshipId && m.ProgramId == programId) && c.On <= asOf)
                .Select(c => new { c.MentorshipId, c.On }).ToListAsync(cancellationToken))
            .Distinct().ToList();
        var spans = mentorships
            .Select(m => new
            {
                m.Id,
                Start = m.CreatedAt.InZone(zone).Date,
                End = m.EndedAt is { } ended && ended.InZone(zone).Date < asOf ? ended.InZone(zone).Date : asOf,
                Period = MentorshipPlan.DaysOf(plans[m.Id].Where(p => p.CreatedAt.InZone(zone).Date <= asOf)
                    .OrderByDescending(p => p.Version).Select(p => p.Cadence).FirstOrDefault()),
            })
            .Where(m => m.Start <= asOf).ToList();
        var expected = spans.Sum(m => Math.Max(0, Period.DaysBetween(m.Start, m.End)) / m.Period);
        var counted = spans.Select(m => m.Id).ToHashSet();
        var logged = checkIns.Count(c => c.MentorshipId is { } pair && counted.Contains(pair));
        var loggedByWeek = checkIns.CountBy(c => Monday(c.On)).ToDictionary();
        var weeks = new List<WeekCount>();
        if (spans.Count > 0)
        {
            for (var monday = Monday(spans.Min(m => m.Start)); monday <= asOf; monday = monday.PlusWeeks(1))
            {
                var week = monday;
                var due = spans.Where(m => m.Start < week.PlusDays(7) && m.End >= week).Sum(m => 7.0 / m.Period);
                weeks.Add(new WeekCount(week.ToString("yyyy-MM-dd", null), (int)Math.Round(due), loggedByWeek.GetValueOrDefault(week)));
            }
        }
        return (new CheckInCounts(expected, logged, expected == 0 ? null : (double)logged / expected), weeks);
    }

    /// <summary>Goals the program's pairs set by the date, and those done by then.</summary>
    public static async Task<GoalCounts> GoalsAsync(MentoringDbContext db, int programId, Instant until, CancellationToken cancellationToken)
    {
        var goals = (await db.Goals.AsNoTracking().Where(g => db.Mentorships.Any(m => m.Id == g.MentorshipId && m.ProgramId == programId))
                .Select(g => new { g.CreatedAt, g.Status, g.CompletedAt }).ToListAsync(cancellationToken))
            .Where(g => g.CreatedAt <= until).ToList();
        return new GoalCounts(goals.Count, goals.Count(g => g.Status == GoalStatus.Done && g.CompletedAt is { } done && done <= until));
    }

    public static LocalDate Monday(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);
}
