using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Reports;

/// <summary>Across every program: whom the programs reach, and what they cost seniors against a mandate.</summary>
public sealed record OrganisationReport(
    string AsOf, int MinGroup, int Programs, OrganisationReach Reach, OrganisationOfficeDays OfficeDays, string Caveat);

/// <summary>Juniors reached on purpose (a session held in any program) against those reached by no program.</summary>
public sealed record OrganisationReach(int Juniors, int Reached, int NotReached, IReadOnlyList<ReachSegment> Segments);

public sealed record ReachSegment(string By, string? Value, bool Hidden, int? Juniors, int? Reached, int? NotReached, double? Rate);

/// <summary>
/// The same seniors over the same weeks: the office days the programs' in-person sessions asked of
/// them, against a mandate of <c>MandateDaysPerWeek</c> of their working days (Monday to Friday × days / 5).
/// </summary>
public sealed record OrganisationOfficeDays(
    string? From, string? To, int Weeks, int WorkingDays, int Seniors, int PlanOfficeDays, double MandateOfficeDays,
    int MandateDaysPerWeek, double? PlanShareOfMandate);

public sealed class OrganisationReportService(MentoringDbContext db, ReportService reports, IClock clock, IOptions<ReportOptions> options)
{
    public async Task<OrganisationReport> BuildAsync(LocalDate? asOf, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var programs = await db.Programs.AsNoTracking().Where(p => p.Status != ProgramStatus.Draft).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var date = asOf ?? clock.TodayIn(DateTimeZone.Utc);
        var people = await reports.PeopleAsync(cancellationToken);
        var held = new List<HeldSession>();
        foreach (var program in programs)
        {
            var until = date.PlusDays(1).AtStartOfDayInZone(ReportService.ZoneOf(program)).ToInstant();
            held.AddRange(await ReportQueries.HeldSessionsAsync(db, program.Id, until, cancellationToken));
        }
        var reached = held.SelectMany(s => s.People).ToHashSet();
        var juniors = people.Where(p => p.Junior).ToList();
        var segments = new List<ReachSegment>();
        foreach (var (by, valueOf) in new (string, Func<ReportPerson, string?>)[]
        {
            ("department", p => p.Department),
            ("office", p => p.Office),
            ("level", p => p.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        {
            var rows = juniors.GroupBy(valueOf).Select(g => (Value: g.Key, Juniors: g.Count(), Reached: g.Count(p => reached.Contains(p.Id))))
                .OrderBy(r => r.Value is null ? 0 : 1).ThenBy(r => r.Value, StringComparer.Ordinal).ToList();
            var hidden = SmallGroups.Hide(rows.Select(r => r.Juniors).ToList(), settings.K);
            segments.AddRange(rows.Select((r, i) => hidden[i]
                ? new ReachSegment(by, r.Value, true, null, null, null, null)
                : new ReachSegment(by, r.Value, false, r.Juniors, r.Reached, r.Juniors - r.Reached, (double)r.Reached / r.Juniors)));
        }
        var juniorsReached = juniors.Count(j => reached.Contains(j.Id));

        // The weeks: from the first session held in any program to the date.
        var seniorIds = people.Where(p => p.Active && p.Level > settings.JuniorMaxLevel).Select(p => p.Id).ToHashSet();
        var inSessions = held.SelectMany(s => s.People.Where(seniorIds.Contains).Select(p => (Person: p, s.Date, s.InPerson))).ToList();
        LocalDate? from = held.Count == 0 ? null : ReportQueries.Monday(held.Min(s => s.Date));
        var workingDays = 0;
        var weeks = 0;
        if (from is { } f && f <= date)
        {
            for (var d = f; d <= date; d = d.PlusDays(1))
            {
                workingDays += d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0 : 1;
            }
            weeks = (int)Math.Ceiling((Period.Between(f, date, PeriodUnits.Days).Days + 1) / 7.0);
        }
        var seniors = inSessions.Select(x => x.Person).Distinct().Count();
        var planDays = inSessions.Where(x => x.InPerson).Select(x => (x.Person, x.Date)).Distinct().Count();
        var mandate = seniors * workingDays * settings.MandateDaysPerWeek / 5.0;
        return new OrganisationReport(date.ToString("yyyy-MM-dd", null), settings.K, programs.Count,
            new OrganisationReach(juniors.Count, juniorsReached, juniors.Count - juniorsReached, segments),
            new OrganisationOfficeDays(from?.ToString("yyyy-MM-dd", null), from is null ? null : date.ToString("yyyy-MM-dd", null), weeks, workingDays,
                seniors, planDays, mandate, settings.MandateDaysPerWeek, mandate == 0 ? null : planDays / mandate),
            "People chose or were chosen to take part: the figures show whom the programs reached, not what a mandate would have done for them.");
    }
}
