using System.Text.Json;
using System.Text.Json.Serialization;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Reports;

/// <summary>One person as the report sees them.</summary>
internal sealed record ReportPerson(int Id, int Level, string? Department, string? Office, bool Active, bool Left, double? Tenure, bool Junior);

/// <summary>Builds the program report of ../shared/contracts/reports.md, as of a date.</summary>
public sealed class ReportService(MentoringDbContext db, IClock clock, IOptions<ReportOptions> options)
{
    public const string Caveat = "Participants chose or were chosen to take part: a difference is an association, not proof of cause.";

    public const string AdjustedMethod =
        "each participant paired with a non-participant of the same level and department and the nearest tenure "
        + "(YearsAtCompany, else hire date; most pairs, then the least total gap, by the exact matching engine); "
        + "the difference of paired proportions with Newcombe's hybrid score interval for paired data (method 10)";

    /// <summary>The JSON the API, the command line and the snapshots write: the API's own settings (enums in kebab-case).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private ReportOptions Settings => options.Value;

    /// <summary>The program's time zone: the one its settings name (its roulette's), else UTC.</summary>
    public static DateTimeZone ZoneOf(MentoringProgram program) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(program.Roulette.TimeZone ?? "") ?? DateTimeZone.Utc;

    public async Task<Outcome<ProgramReport>> BuildAsync(int programId, LocalDate? asOf, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        return await BuildAsync(program, asOf ?? clock.TodayIn(ZoneOf(program)), PeopleAsync, cancellationToken);
    }

    private async Task<ProgramReport> BuildAsync(
        MentoringProgram program, LocalDate date, Func<CancellationToken, Task<List<ReportPerson>>> readPeople, CancellationToken cancellationToken)
    {
        // The held sessions, the heaviest read, run on a connection of their own while the roster is read.
        await using var side = await ReportSql.OpenSideConnectionAsync(db, cancellationToken);
        var activity = side is null ? null : Task.Run(() => ActivityAsync(program, date, side, cancellationToken), cancellationToken);
        try
        {
            var people = await readPeople(cancellationToken);
            return await BuildAsync(program, date, people, activity, cancellationToken);
        }
        finally
        {
            if (activity is not null)
            {
                // Never close the connection under a read still running (its outcome is the build's, above).
                await Task.WhenAny(activity);
            }
        }
    }

    /// <summary>
    /// The report's code run once for a program that does not exist (id 0) and a dozen made-up people, so that a
    /// process's first real report does not pay for compiling it (EF's queries, the provider's reads, the statistics,
    /// the engine's solve, the JSON): every query of the report runs and finds no row; the roster is not read and
    /// nothing is written (ReportWarmUp runs it once after the app has started).
    /// </summary>
    internal async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var program = new MentoringProgram { Id = 0, Name = "warm-up", Kind = ProgramKind.Mentoring, StartDate = new LocalDate(2026, 1, 5) };
        // Six enrolled and six not, one level and department, tenures apart: every group is shown and the adjusted comparison pairs them.
        var people = Enumerable.Range(1, 12).Select(i => new ReportPerson(-i, 1, "warm-up", null, true, i % 3 == 0, i, true)).ToList();
        var report = await BuildAsync(program, new LocalDate(2026, 12, 31), _ => Task.FromResult(people), cancellationToken);
        var byId = people.ToDictionary(p => p.Id);
        var enrolled = people.Take(6).ToList();
        var retention = Retention(people, byId, enrolled.Select(p => (p.Id, EnrollmentRole.Mentee)).ToList(), enrolled.Select(p => p.Id).ToHashSet(),
            Settings.K, Settings.LeftAttribute);
        _ = JsonSerializer.Serialize(report with { Retention = retention }, Json);
    }

    /// <summary>The held sessions counted in the database as of the date: per person, per host, and their ratings.</summary>
    private Task<ProgramActivity> ActivityAsync(MentoringProgram program, LocalDate asOf, System.Data.Common.DbConnection? connection, CancellationToken cancellationToken)
    {
        var until = asOf.PlusDays(1).AtStartOfDayInZone(ZoneOf(program)).ToInstant();
        return ReportSql.ActivityAsync(db, program.Id, until, program.StartDate, Last(program, asOf), cancellationToken, connection);
    }

    /// <summary>The report's last day: the date, or the program's end if sooner.</summary>
    private static LocalDate Last(MentoringProgram program, LocalDate asOf) => program.EndDate is { } programEnd && programEnd < asOf ? programEnd : asOf;

    internal async Task<List<ReportPerson>> PeopleAsync(CancellationToken cancellationToken)
    {
        var settings = Settings;
        var offices = await db.Offices.AsNoTracking().Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var rows = await ReportSql.PeopleAsync(db, settings.LeftAttribute, YearsAttribute, cancellationToken);
        var people = new List<ReportPerson>(rows.Count);
        foreach (var p in rows)
        {
            // The attributes by their exact name came out of the JSON in the database; a row without one
            // of them brought its whole JSON, read as it always was (a name in another case counts too).
            var whole = p.Whole is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(p.Whole) ?? [];
            var left = whole is null ? p.Left : Attribute(whole, settings.LeftAttribute);
            var years = whole is null ? p.Years : Attribute(whole, YearsAttribute);
            var hired = p.HireDate is { } h ? LocalDate.FromDateOnly(h) : (LocalDate?)null;
            people.Add(new ReportPerson(p.Id, p.Level, p.Department, p.OfficeId is { } office ? offices.GetValueOrDefault(office) : null, p.Active,
                !p.Active || IsYes(left), Tenure(years, hired), p.Active && p.Level <= settings.JuniorMaxLevel));
        }
        return people;
    }

    private const string YearsAttribute = "YearsAtCompany";

    private static string? Attribute(Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value
        : attributes.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static bool IsYes(string? value) =>
        value?.Trim() is { } v && (v.Equals("yes", StringComparison.OrdinalIgnoreCase) || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <summary>Years at the company from the HR attribute, else from the hire date (in days, as years), else unknown.</summary>
    private static double? Tenure(string? years, LocalDate? hired)
    {
        if (years is not null
            && double.TryParse(years, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        return hired is { } h ? -Period.Between(new LocalDate(1970, 1, 1), h, PeriodUnits.Days).Days / 365.25 : null;
    }

    internal Task<ProgramReport> BuildAsync(MentoringProgram program, LocalDate asOf, IReadOnlyList<ReportPerson> people, CancellationToken cancellationToken) =>
        BuildAsync(program, asOf, people, null, cancellationToken);

    /// <param name="pendingActivity">The held sessions' counts being read on another connection, else null (read here).</param>
    private async Task<ProgramReport> BuildAsync(
        MentoringProgram program, LocalDate asOf, IReadOnlyList<ReportPerson> people, Task<ProgramActivity>? pendingActivity, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var k = settings.K;
        var zone = ZoneOf(program);
        var until = asOf.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var byId = people.ToDictionary(p => p.Id);

        // Enrolled as of the date: active then (withdrawn later, or still active), decided by then.
        var enrollmentRows = await db.Enrollments.AsNoTracking().IgnoreQueryFilters([EnrollmentFilter.ActiveOnly])
            .Where(e => e.ProgramId == program.Id && (e.Status == EnrollmentStatus.Active || e.Status == EnrollmentStatus.Withdrawn))
            .Select(e => new { e.Id, e.PersonId, e.Role, e.Status, e.WithdrawnAt, e.DecidedAt, e.AppliedAt })
            .ToListAsync(cancellationToken);
        var enrollments = enrollmentRows
            .Where(e => e.Status == EnrollmentStatus.Active || (e.WithdrawnAt is { } w && w >= until))
            .Where(e => (e.DecidedAt ?? e.AppliedAt) is not { } from || from < until)
            .Where(e => byId.ContainsKey(e.PersonId))
            .ToList();
        var enrolledIds = enrollments.Select(e => e.PersonId).ToHashSet();
        // The adjusted comparison's matching (the engine, the most work in memory) runs beside the reads below.
        var retention = Task.Run(
            () => Retention(people, byId, enrollments.Select(e => (e.PersonId, e.Role)).ToList(), enrolledIds, k, settings.LeftAttribute), cancellationToken);
        var juniors = people.Where(p => p.Junior).ToList();
        var enrolledJuniors = juniors.Where(p => enrolledIds.Contains(p.Id)).ToList();

        var mentorships = await db.Mentorships.AsNoTracking()
            .Where(m => m.ProgramId == program.Id && m.Status != MentorshipStatus.Declined)
            .Select(m => new { m.MentorId, m.MenteeId, m.Status, m.CreatedAt, m.EndedAt }).ToListAsync(cancellationToken);
        mentorships = mentorships.Where(m => m.CreatedAt < until).ToList();
        var groups = await db.GroupMembers.AsNoTracking()
            .Join(db.GroupActivities.Where(g => g.ProgramId == program.Id), m => m.ActivityId, g => g.Id, (m, g) => new { m.PersonId, g.CreatedAt })
            .ToListAsync(cancellationToken);
        groups = groups.Where(g => g.CreatedAt < until).ToList();
        // When each person was first matched in the program: their first mentorship or group.
        var matchedAt = mentorships.SelectMany(m => new[] { (Id: m.MentorId, At: m.CreatedAt), (Id: m.MenteeId, At: m.CreatedAt) })
            .Concat(groups.Select(g => (Id: g.PersonId, At: g.CreatedAt)))
            .GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.Min(x => x.At));

        // The held sessions counted in the database: per person, per host, and their ratings.
        var last = Last(program, asOf);
        var activity = await (pendingActivity ?? ActivityAsync(program, asOf, null, cancellationToken));
        var sessionsOf = activity.SessionsOf;

        var coverage = Coverage(program, zone, juniors, enrolledJuniors, matchedAt, sessionsOf);
        var equity = new EquityReport(
            ReportStatistics.Gini(enrolledJuniors.Select(j => sessionsOf.TryGetValue(j.Id, out var s) ? s.Count : 0).ToList()),
            Segments(juniors, matchedAt, sessionsOf, k));
        // Every held session's host is among the people it reached, so the first session held is theirs.
        LocalDate? firstHeld = sessionsOf.Count > 0 ? sessionsOf.Values.Min(s => s.First) : null;
        var (officeDays, hosts) = OfficeDays(program.StartDate ?? firstHeld, last, activity.Hosts, settings.MandateDaysPerWeek);
        hosts = hosts.OrderByDescending(h => h.OfficeDays).ThenBy(h => h.Name).ToList();

        var (checkIns, weeks) = await ReportQueries.CheckInsAsync(db, program.Id, asOf, zone, cancellationToken);
        var engagement = new EngagementReport(
            new MentorshipCounts(
                mentorships.Count(m => m.Status == MentorshipStatus.Active || (m.EndedAt is { } e && e >= until)),
                mentorships.Count(m => m.Status == MentorshipStatus.Ended && (m.EndedAt is not { } e || e < until))),
            checkIns,
            await ReportQueries.GoalsAsync(db, program.Id, until, cancellationToken),
            activity.Ratings,
            await RouletteAsync(program.Id, asOf, cancellationToken));

        return new ProgramReport(
            new ReportProgram(program.Id, program.Name, Kebab(program.Kind.ToString()), Kebab(program.Status.ToString())),
            asOf.ToString("yyyy-MM-dd", null), k, coverage, equity, officeDays, engagement, await retention)
        {
            Hosts = hosts,
            CheckInsByWeek = weeks,
        };
    }

    private static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static CoverageReport Coverage(
        MentoringProgram program, DateTimeZone zone, List<ReportPerson> juniors, List<ReportPerson> enrolledJuniors,
        Dictionary<int, Instant> matchedAt, Dictionary<int, (int Count, LocalDate First)> sessionsOf)
    {
        var matched = juniors.Count(j => matchedAt.ContainsKey(j.Id));
        var reached = juniors.Where(j => sessionsOf.ContainsKey(j.Id)).ToList();
        // Days from being matched (else the program's start) to the first session held.
        var days = reached.Select(j =>
        {
            LocalDate? from = matchedAt.TryGetValue(j.Id, out var at) ? at.InZone(zone).Date : program.StartDate;
            return from is { } f ? Math.Max(0, Period.Between(f, sessionsOf[j.Id].First, PeriodUnits.Days).Days) : (int?)null;
        }).Where(d => d is not null).Select(d => d!.Value).ToList();
        return new CoverageReport(juniors.Count, enrolledJuniors.Count, matched, reached.Count, days.Count(d => d <= 30), ReportStatistics.Median(days));
    }

    private static List<SegmentReport> Segments(
        List<ReportPerson> juniors, Dictionary<int, Instant> matchedAt, Dictionary<int, (int Count, LocalDate First)> sessionsOf, int k)
    {
        var segments = new List<SegmentReport>();
        foreach (var (by, valueOf) in new (string, Func<ReportPerson, string?>)[]
        {
            ("department", p => p.Department),
            ("office", p => p.Office),
            ("level", p => p.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        {
            var rows = juniors.GroupBy(valueOf)
                .Select(g => (Value: g.Key, Juniors: g.Count(), Matched: g.Count(p => matchedAt.ContainsKey(p.Id)), Reached: g.Count(p => sessionsOf.ContainsKey(p.Id))))
                .OrderBy(r => r.Value is null ? 0 : 1).ThenBy(r => r.Value, StringComparer.Ordinal).ToList();
            var hidden = SmallGroups.Hide(rows.Select(r => r.Juniors).ToList(), k);
            segments.AddRange(rows.Select((r, i) => hidden[i]
                ? new SegmentReport(by, r.Value, true, null, null, null, null)
                : new SegmentReport(by, r.Value, false, r.Juniors, r.Matched, r.Reached, (double)r.Reached / r.Juniors)));
        }
        return segments;
    }

    private static (OfficeDaysReport, List<HostOfficeDays>) OfficeDays(
        LocalDate? first, LocalDate last, List<(int HostId, string Name, int OfficeDays)> hostsInPeriod, int mandate)
    {
        // The weeks from the program's start (else its first session) to the date (or its end, if sooner);
        // the hosts are those of the sessions held in them, with their distinct in-person days.
        var weeks = first is { } from && from <= last ? (int)Math.Ceiling((Period.Between(from, last, PeriodUnits.Days).Days + 1) / 7.0) : 0;
        var hosts = hostsInPeriod.Select(h => new HostOfficeDays(h.HostId, h.Name, h.OfficeDays, mandate * weeks)).ToList();
        var officeDays = hosts.Sum(h => h.OfficeDays);
        return (new OfficeDaysReport(weeks, hosts.Count, officeDays,
            hosts.Count == 0 || weeks == 0 ? null : (double)officeDays / (hosts.Count * weeks), mandate, hosts.Count * weeks * mandate), hosts);
    }

    private async Task<RouletteCounts> RouletteAsync(int programId, LocalDate asOf, CancellationToken cancellationToken)
    {
        var pairings = await db.RoulettePairings.AsNoTracking()
            .Join(db.RouletteRounds.Where(r => r.ProgramId == programId && r.PeriodStart <= asOf), p => p.RoundId, r => r.Id, (p, r) => new { p.MetA, p.MetB, p.MetC })
            .ToListAsync(cancellationToken);
        var met = pairings.Count(p => p.MetA == true || p.MetB == true || p.MetC == true);
        return new RouletteCounts(pairings.Count, met, pairings.Count == 0 ? null : (double)met / pairings.Count);
    }

    private static RetentionReport Retention(
        IReadOnlyList<ReportPerson> people, Dictionary<int, ReportPerson> byId, List<(int PersonId, EnrollmentRole Role)> enrollments, HashSet<int> enrolledIds,
        int k, string leftAttribute)
    {
        List<ReportPerson> InRole(EnrollmentRole role) =>
            enrollments.Where(e => e.Role == role).Select(e => e.PersonId).Distinct().Select(id => byId[id]).ToList();
        var others = people.Where(p => !enrolledIds.Contains(p.Id)).ToList();
        int baseN = others.Count, baseStayed = others.Count(p => !p.Left);
        var baseHidden = baseN < k;

        RetentionGroup Group(List<ReportPerson> group)
        {
            int n = group.Count, stayed = group.Count(p => !p.Left);
            if (n < k)
            {
                return new RetentionGroup(true, null, null, null, null, null, null);
            }
            DifferenceReport? difference = null;
            double? p = null;
            if (!baseHidden)
            {
                var ci = ReportStatistics.NewcombeDifference(stayed, n, baseStayed, baseN)!.Value;
                difference = new DifferenceReport((double)stayed / n - (double)baseStayed / baseN, ci.ToArray());
                p = ReportStatistics.FisherExact(stayed, n - stayed, baseStayed, baseN - baseStayed);
            }
            return new RetentionGroup(false, n, stayed, (double)stayed / n, ReportStatistics.Wilson(stayed, n)!.Value.ToArray(), difference, p);
        }

        var nonParticipants = baseHidden
            ? new RetentionBase(true, null, null, null, null)
            : new RetentionBase(false, baseN, baseStayed, (double)baseStayed / baseN, ReportStatistics.Wilson(baseStayed, baseN)!.Value.ToArray());
        return new RetentionReport(leftAttribute, Group(InRole(EnrollmentRole.Mentee)), Group(InRole(EnrollmentRole.Mentor)),
            Group(InRole(EnrollmentRole.Participant)), nonParticipants,
            Adjusted(enrolledIds.Select(id => byId[id]).ToList(), others, k), Caveat);
    }

    private static AdjustedComparison Adjusted(List<ReportPerson> enrolled, List<ReportPerson> others, int k)
    {
        var pairs = ControlMatching.Pair(enrolled, others);
        int a = 0, b = 0, c = 0, d = 0;
        foreach (var (participant, control) in pairs)
        {
            switch ((!participant.Left, !control.Left))
            {
                case (true, true): a++; break;
                case (true, false): b++; break;
                case (false, true): c++; break;
                default: d++; break;
            }
        }
        var n = pairs.Count;
        if (n < k)
        {
            return new AdjustedComparison(AdjustedMethod, n, null, null, null) { Hidden = true };
        }
        var ci = ReportStatistics.NewcombePaired(a, b, c, d)!.Value;
        return new AdjustedComparison(AdjustedMethod, n, (double)(a + b) / n, (double)(a + c) / n, new DifferenceReport((double)(b - c) / n, ci.ToArray()));
    }
}
