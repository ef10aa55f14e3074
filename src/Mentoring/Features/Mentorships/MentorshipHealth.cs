using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>What the health rule reads about one pair.</summary>
public sealed record PairFacts(
    LocalDate Started, LocalDate Today, PlanCadence Cadence, IReadOnlyList<LocalDate> Contacts, IReadOnlyList<int> Ratings, int Goals, bool NotAGoodFit);

/// <summary>
/// What the health rule reads about one group: its meetings (sessions logged or held, check-ins that
/// say the group met), the ratings and goals of its space, and how many members stopped coming.
/// </summary>
public sealed record GroupFacts(
    LocalDate Started, LocalDate Today, PlanCadence Cadence, IReadOnlyList<LocalDate> Meetings, IReadOnlyList<int> Ratings, int Goals, int Members, int StoppedComing);

/// <summary>The rule's answer for one pair: the health, why, and where the pair stands against the plan.</summary>
public sealed record HealthVerdict(RelationshipHealth Health, IReadOnlyList<string> Reasons, LocalDate? LastContact, int MissedPeriods, int ExpectedCheckIns)
{
    /// <summary>The day the latest missed check-in was due, or null when none is missed.</summary>
    public LocalDate? LatestMissedDue(LocalDate started, PlanCadence cadence) =>
        MissedPeriods == 0 ? null : (LastContact ?? started).PlusDays(MissedPeriods * MentorshipPlan.DaysOf(cadence));
}

/// <summary>
/// Relationship health, from the plan's cadence against the check-ins and sessions logged, the
/// ratings, the goals and the fit answers. The same rule is written on the program health page
/// (<see cref="Describe"/>), so an admin can see why a pair is where it is.
/// </summary>
public static class MentorshipHealth
{
    public static HealthVerdict Judge(HealthRule rule, PairFacts facts) =>
        Judge(rule, new Cadence(facts.Started, facts.Today, facts.Cadence, facts.Contacts), facts.Ratings, facts.Goals, Words.Pair, worse =>
        {
            if (facts.NotAGoodFit)
            {
                worse(RelationshipHealth.AtRisk, "one of the pair said it is not a good fit");
            }
        }, _ => { });

    /// <summary>
    /// A group's health by the same rule: its meetings against its plan's cadence, the ratings and goals
    /// of its space, and the members who stopped coming (at risk when half of them or more did).
    /// </summary>
    public static HealthVerdict Judge(HealthRule rule, GroupFacts facts) =>
        Judge(rule, new Cadence(facts.Started, facts.Today, facts.Cadence, facts.Meetings), facts.Ratings, facts.Goals, Words.Group, _ => { }, worse =>
        {
            if (facts.StoppedComing > 0)
            {
                worse(facts.StoppedComing * 2 >= facts.Members ? RelationshipHealth.AtRisk : RelationshipHealth.NeedsCheckIn,
                    $"{facts.StoppedComing} of {facts.Members} members missed the last {AttendanceWindow(rule)} meetings");
            }
        });

    /// <summary>A member who missed this many of the group's latest meetings in a row stopped coming.</summary>
    public static int AttendanceWindow(HealthRule rule) => Math.Max(2, rule.AtRiskMissedPeriods);

    /// <summary>What a pair's check-in or a group's meeting is called in a reason.</summary>
    private sealed record Words(string One, string Many, string NothingYet)
    {
        public static readonly Words Pair = new("a check-in is missed", "check-ins missed", "nothing logged yet");

        public static readonly Words Group = new("a meeting is missed", "meetings missed", "no meeting yet");
    }

    /// <summary>A pair's or a group's start, today, cadence and the days they met or checked in.</summary>
    private sealed record Cadence(LocalDate Started, LocalDate Today, PlanCadence Plan, IReadOnlyList<LocalDate> Contacts);

    /// <summary>
    /// The rule itself: <paramref name="first"/> adds the reasons that come before the missed periods
    /// (the pair's fit), <paramref name="then"/> those after them (the group's attendance).
    /// </summary>
    private static HealthVerdict Judge(HealthRule rule, Cadence facts, IReadOnlyList<int> ratings, int goals, Words words,
        Action<Action<RelationshipHealth, string>> first, Action<Action<RelationshipHealth, string>> then)
    {
        var period = MentorshipPlan.DaysOf(facts.Plan);
        var last = facts.Contacts.Where(d => d <= facts.Today).DefaultIfEmpty().Max();
        LocalDate? lastContact = facts.Contacts.Any(d => d <= facts.Today) ? last : null;
        var since = lastContact ?? facts.Started;
        var quietDays = Period.DaysBetween(since, facts.Today);
        // A check-in is missed once its due day plus the grace days has passed.
        var missed = 0;
        while ((missed + 1) * period + rule.GraceDays < quietDays)
        {
            missed++;
        }
        var age = Math.Max(0, Period.DaysBetween(facts.Started, facts.Today));
        var expected = age / period;
        var reasons = new List<string>();
        var health = RelationshipHealth.OnTrack;
        void Worse(RelationshipHealth to, string reason)
        {
            reasons.Add(reason);
            if (Rank(to) > Rank(health))
            {
                health = to;
            }
        }
        first(Worse);
        if (missed >= rule.AtRiskMissedPeriods)
        {
            Worse(RelationshipHealth.AtRisk, $"{missed} {words.Many}");
        }
        else if (missed >= 1)
        {
            Worse(RelationshipHealth.NeedsCheckIn, missed == 1 ? words.One : $"{missed} {words.Many}");
        }
        then(Worse);
        var recent = ratings.Take(3).ToList();
        if (recent.Count > 0 && recent.Average() < rule.LowRating)
        {
            Worse(RelationshipHealth.NeedsCheckIn, $"recent ratings average {recent.Average():0.0}");
        }
        if (goals == 0 && age > rule.GoalWithinDays)
        {
            Worse(RelationshipHealth.NeedsCheckIn, $"no goal after {age} days");
        }
        if (health == RelationshipHealth.OnTrack && (lastContact is null || age < rule.TooEarlyDays))
        {
            health = RelationshipHealth.TooEarly;
            reasons.Add(lastContact is null ? words.NothingYet : $"started {age} days ago");
        }
        return new HealthVerdict(health, reasons, lastContact, missed, expected);
    }

    private static int Rank(RelationshipHealth health) => health switch
    {
        RelationshipHealth.AtRisk => 3,
        RelationshipHealth.NeedsCheckIn => 2,
        _ => 1,
    };

    /// <summary>The rule in words, as the program health page shows it.</summary>
    public static IReadOnlyList<string> Describe(HealthRule rule) =>
    [
        $"A check-in is due every period of the pair's plan (a week unless the plan says a fortnight or a month); it is missed {rule.GraceDays} days after its due day.",
        "Any check-in either person logs, and any session logged or held, counts as a check-in.",
        $"One missed check-in: needs a check-in. {rule.AtRiskMissedPeriods} or more missed in a row, or a \"not a good fit\" answer from either person: at risk.",
        $"A mean rating below {rule.LowRating:0.#} over the last three check-ins and sessions, or no goal after {rule.GoalWithinDays} days: needs a check-in.",
        $"Otherwise on track; too early to tell while nothing is logged yet or the pair is younger than {rule.TooEarlyDays} days.",
        $"A reminder goes to both people for each missed check-in; from the second missed check-in the admins are told; a person who let {rule.IgnoredReminders} reminders in a row pass is flagged here.",
    ];

    /// <summary>The same rule as it reads for groups, on the program health page.</summary>
    public static IReadOnlyList<string> DescribeForGroups(HealthRule rule) =>
    [
        $"A group is due to meet every period of its plan (a week unless the plan says a fortnight or a month); a meeting is missed {rule.GraceDays} days after its due day.",
        "A session logged or held in the group's space, or a member's check-in saying the group met, counts as a meeting.",
        $"One missed meeting: needs a check-in. {rule.AtRiskMissedPeriods} or more missed in a row: at risk.",
        $"A member who missed the last {AttendanceWindow(rule)} meetings (not invited, declined, or said they did not meet) stopped coming: needs a check-in; half the members or more: at risk.",
        $"Ratings and goals as for pairs; too early to tell while the group has not met yet or is younger than {rule.TooEarlyDays} days.",
        "The host is reminded of each missed meeting; when a group becomes at risk the admins are told once.",
    ];

    /// <summary>Checks a rule an admin sets, naming the field at fault.</summary>
    public static Outcome<HealthRule> Check(HealthRule rule)
    {
        if (rule.GraceDays is < 0 or > 30)
        {
            return Outcome.Invalid("graceDays", "the grace days must be from 0 to 30");
        }
        if (rule.AtRiskMissedPeriods is < 1 or > 10)
        {
            return Outcome.Invalid("atRiskMissedPeriods", "the missed check-ins that make a pair at risk must be from 1 to 10");
        }
        if (rule.LowRating is < 1 or > 5)
        {
            return Outcome.Invalid("lowRating", "the low rating must be from 1 to 5");
        }
        if (rule.TooEarlyDays is < 0 or > 90)
        {
            return Outcome.Invalid("tooEarlyDays", "the days a pair is too early to tell must be from 0 to 90");
        }
        if (rule.GoalWithinDays is < 1 or > 365)
        {
            return Outcome.Invalid("goalWithinDays", "the days to set a first goal must be from 1 to 365");
        }
        if (rule.IgnoredReminders is < 1 or > 20)
        {
            return Outcome.Invalid("ignoredReminders", "the reminders ignored before a flag must be from 1 to 20");
        }
        return rule;
    }
}

/// <summary>One group with what the health rule needs, loaded in a few queries for a whole program.</summary>
public sealed record GroupHealth(GroupActivity Group, MentoringProgram Program, GroupFacts Facts, HealthVerdict Verdict, IReadOnlyList<Person> Members,
    IReadOnlyList<Person> StoppedComing, int GoalsDone, double? MeanRating, bool AdminTold)
{
    /// <summary>The day the group's current quiet began: its last meeting, or its start.</summary>
    public LocalDate QuietSince => Verdict.LastContact ?? Facts.Started;

    /// <summary>
    /// The outbox key of the admins' message (one admin's address ends it): one per quiet spell, or, for
    /// a group at risk only because members stopped coming, one per set of those members.
    /// </summary>
    public string AtRiskKey => Verdict.MissedPeriods >= Program.Health.AtRiskMissedPeriods
        ? $"group-at-risk:{Group.Id}:{QuietSince:yyyy-MM-dd}:"
        : $"group-at-risk:{Group.Id}:stopped-{Short(string.Join(",", StoppedComing.Select(p => p.Id).Order()))}:";

    /// <summary>A short stable fingerprint, to keep a key within its column.</summary>
    public static string Short(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
}

/// <summary>One pair with what the health rule needs, loaded in a few queries for a whole program.</summary>
public sealed record PairHealth(Mentorship Mentorship, PairFacts Facts, HealthVerdict Verdict, bool PlanConfirmed, int CheckIns, int GoalsDone, double? MeanRating,
    bool AdminTold, IReadOnlyList<Person> IgnoredBy);

public sealed class HealthQueries(MentoringDbContext db, IClock clock)
{
    public static string ZoneOf(Person person) => person.TimeZone ?? person.Office?.TimeZone ?? "UTC";

    /// <summary>The health of the active pairs of a program (or of every active program when null).</summary>
    public async Task<List<PairHealth>> PairsAsync(int? programId, CancellationToken cancellationToken)
    {
        var mentorships = await db.Mentorships.AsNoTracking()
            .Include(m => m.Program).Include(m => m.Mentor).ThenInclude(p => p!.Office).Include(m => m.Mentee).ThenInclude(p => p!.Office)
            .Where(m => m.Status == MentorshipStatus.Active && (programId == null || m.ProgramId == programId))
            .Where(m => programId != null || m.Program!.Status == ProgramStatus.Active)
            .OrderBy(m => m.Id).AsSplitQuery().ToListAsync(cancellationToken);
        var ids = mentorships.Select(m => m.Id).ToList();
        var plans = (await db.MentorshipPlans.AsNoTracking().Include(p => p.Confirmations).Where(p => p.MentorshipId != null && ids.Contains(p.MentorshipId.Value)).ToListAsync(cancellationToken))
            .GroupBy(p => p.MentorshipId!.Value).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Version)!);
        var checkIns = (await db.CheckIns.AsNoTracking().Where(c => c.MentorshipId != null && ids.Contains(c.MentorshipId.Value)).ToListAsync(cancellationToken)).ToLookup(c => c.MentorshipId!.Value);
        var sessions = (await db.Sessions.AsNoTracking()
            .Where(s => s.MentorshipId != null && ids.Contains(s.MentorshipId.Value) && s.Status != SessionStatus.Cancelled)
            .Select(s => new { s.Id, MentorshipId = s.MentorshipId!.Value, s.Date, s.LoggedById, s.Status }).ToListAsync(cancellationToken))
            .Where(s => s.LoggedById != null || s.Status == SessionStatus.Accepted).ToList();
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var ratings = (await db.SessionRatings.AsNoTracking().Where(r => sessionIds.Contains(r.SessionId)).ToListAsync(cancellationToken))
            .Join(sessions, r => r.SessionId, s => s.Id, (r, s) => (s.MentorshipId, r.At, r.Rating)).ToLookup(x => x.MentorshipId);
        var goals = (await db.Goals.AsNoTracking().Where(g => g.MentorshipId != null && ids.Contains(g.MentorshipId.Value)).Select(g => new { MentorshipId = g.MentorshipId!.Value, g.Status }).ToListAsync(cancellationToken))
            .ToLookup(g => g.MentorshipId);
        var fits = (await db.FitAnswers.AsNoTracking().Where(f => ids.Contains(f.MentorshipId))
            .Select(f => new { f.MentorshipId, f.PersonId, f.Answer, f.At }).ToListAsync(cancellationToken)).ToLookup(f => f.MentorshipId);
        var reminders = (await db.CheckInReminders.AsNoTracking().Where(r => ids.Contains(r.MentorshipId)).ToListAsync(cancellationToken)).ToLookup(r => r.MentorshipId);
        var result = new List<PairHealth>();
        foreach (var m in mentorships)
        {
            var rule = m.Program!.Health;
            var today = clock.TodayIn(ZoneOf(m.Mentee!));
            var started = Today.Of(m.CreatedAt, ZoneOf(m.Mentee!));
            plans.TryGetValue(m.Id, out var plan);
            var pairCheckIns = checkIns[m.Id].ToList();
            var contacts = pairCheckIns.Select(c => c.On).Concat(sessions.Where(s => s.MentorshipId == m.Id).Select(s => s.Date)).ToList();
            var allRatings = pairCheckIns.Where(c => c.Rating is not null).Select(c => (At: c.CreatedAt, Rating: c.Rating!.Value))
                .Concat(ratings[m.Id].Select(r => (r.At, r.Rating))).OrderByDescending(r => r.At).Select(r => r.Rating).ToList();
            // The latest answer of each person counts: "too early" is asked again later.
            var notGood = fits[m.Id].GroupBy(f => f.PersonId).Any(g => g.MaxBy(f => f.At)!.Answer == FitVerdict.NotGood);
            var facts = new PairFacts(started, today, plan?.Cadence ?? PlanCadence.Weekly, contacts, allRatings, goals[m.Id].Count(g => g.Status != GoalStatus.Dropped), notGood);
            var verdict = MentorshipHealth.Judge(rule, facts);
            var sent = reminders[m.Id].ToList();
            var ignoredBy = new List<Person>();
            foreach (var person in new[] { m.Mentor!, m.Mentee! })
            {
                // Reminders since this person last logged anything, themselves, went unanswered.
                var lastOwn = pairCheckIns.Where(c => c.AuthorId == person.Id).Select(c => (LocalDate?)c.On).DefaultIfEmpty(null).Max();
                var unanswered = sent.Count(r => r.Kind == ReminderKind.Reminder && r.PersonId == person.Id && (lastOwn is null || r.DueOn > lastOwn));
                if (unanswered >= rule.IgnoredReminders)
                {
                    ignoredBy.Add(person);
                }
            }
            var adminTold = verdict.LatestMissedDue(started, facts.Cadence) is { } due
                && sent.Any(r => r.Kind == ReminderKind.Admin && r.DueOn <= due && r.DueOn > (verdict.LastContact ?? started));
            result.Add(new PairHealth(m, facts, verdict,
                plan is not null && plan.Confirmations.Select(c => c.PersonId).Distinct().Count(p => p == m.MentorId || p == m.MenteeId) == 2,
                pairCheckIns.Count, goals[m.Id].Count(g => g.Status == GoalStatus.Done), allRatings.Count == 0 ? null : allRatings.Average(), adminTold, ignoredBy));
        }
        return result;
    }

    public static HealthDto ToDto(PairHealth p) => new(
        p.Mentorship.Id, p.Mentorship.MentorId, p.Mentorship.Mentor!.Name, p.Mentorship.MenteeId, p.Mentorship.Mentee!.Name, p.Verdict.Health,
        p.Verdict.LastContact?.ToDateOnly(), p.Verdict.Reasons, p.Facts.Cadence, p.PlanConfirmed, p.CheckIns, p.Verdict.ExpectedCheckIns,
        p.Verdict.MissedPeriods, p.Facts.Goals, p.GoalsDone, p.MeanRating is { } mean ? Math.Round(mean, 2) : null, p.Facts.NotAGoodFit, p.AdminTold,
        p.IgnoredBy.Select(x => x.Name).ToList());

    /// <summary>The health of the groups of a program (or of every active program when null).</summary>
    public async Task<List<GroupHealth>> GroupsAsync(int? programId, CancellationToken cancellationToken)
    {
        var programs = await db.Programs.AsNoTracking().Where(p => programId == null ? p.Status == ProgramStatus.Active : p.Id == programId)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var programIds = programs.Keys.ToList();
        var groups = await db.GroupActivities.AsNoTracking().Include(g => g.Host).ThenInclude(p => p!.Office).Include(g => g.Members).ThenInclude(m => m.Person)
            .Where(g => programIds.Contains(g.ProgramId)).OrderBy(g => g.Id).AsSplitQuery().ToListAsync(cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var plans = (await db.MentorshipPlans.AsNoTracking().Where(p => p.GroupId != null && ids.Contains(p.GroupId.Value))
                .Select(p => new { GroupId = p.GroupId!.Value, p.Version, p.Cadence }).ToListAsync(cancellationToken))
            .GroupBy(p => p.GroupId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Version)!.Cadence);
        // Only a group that means to meet again and again is judged by its meetings: a group-mentoring circle, or any
        // group with a plan. A one-off lunch or coworking day has met once and is done, not "quiet".
        groups = groups.Where(g => g.Kind == ActivityFormats.GroupMentoring || plans.ContainsKey(g.Id)).ToList();
        ids = groups.Select(g => g.Id).ToList();
        var checkIns = (await db.CheckIns.AsNoTracking().Where(c => c.GroupId != null && ids.Contains(c.GroupId.Value)).ToListAsync(cancellationToken)).ToLookup(c => c.GroupId!.Value);
        // Held, as for a pair: logged by a member, or accepted on the schedule.
        var sessions = (await db.Sessions.AsNoTracking().Include(s => s.Attendees)
                .Where(s => s.GroupActivityId != null && ids.Contains(s.GroupActivityId.Value) && s.MentorshipId == null && s.Status != SessionStatus.Cancelled)
                .ToListAsync(cancellationToken))
            .Where(s => s.LoggedById != null || s.Status == SessionStatus.Accepted).ToLookup(s => s.GroupActivityId!.Value);
        var sessionIds = sessions.SelectMany(g => g).Select(s => s.Id).ToList();
        var ratings = (await db.SessionRatings.AsNoTracking().Where(r => sessionIds.Contains(r.SessionId)).ToListAsync(cancellationToken)).ToLookup(r => r.SessionId);
        var goals = (await db.Goals.AsNoTracking().Where(g => g.GroupId != null && ids.Contains(g.GroupId.Value)).Select(g => new { GroupId = g.GroupId!.Value, g.Status })
            .ToListAsync(cancellationToken)).ToLookup(g => g.GroupId);
        var told = await db.Notifications.AsNoTracking().Where(n => n.DedupKey != null && n.DedupKey.StartsWith("group-at-risk:")).Select(n => n.DedupKey!).ToListAsync(cancellationToken);
        var result = new List<GroupHealth>();
        foreach (var g in groups)
        {
            var program = programs[g.ProgramId];
            var rule = program.Health;
            var zone = ZoneOf(g.Host!);
            var today = clock.TodayIn(zone);
            var created = Today.Of(g.CreatedAt, zone);
            // A group composed for a later date starts on that date.
            var started = g.Date is { } first && first > created ? first : created;
            var members = g.Members.Where(m => m.PersonId != g.HostId).Select(m => m.Person!).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            var groupCheckIns = checkIns[g.Id].ToList();
            var held = sessions[g.Id].Where(s => s.Date <= today).OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).ToList();
            var meetings = held.Select(s => s.Date).Concat(groupCheckIns.Where(c => c.Met).Select(c => c.On)).Distinct().ToList();
            var allRatings = groupCheckIns.Where(c => c.Rating is not null).Select(c => (At: c.CreatedAt, Rating: c.Rating!.Value))
                .Concat(held.SelectMany(s => ratings[s.Id]).Select(r => (r.At, r.Rating))).OrderByDescending(r => r.At).Select(r => r.Rating).ToList();
            var latest = held.Take(MentorshipHealth.AttendanceWindow(rule)).ToList();
            // A member came when the session lists them as accepted and their own check-in does not say they did not meet.
            bool Came(ScheduledSession s, Person p) =>
                s.Attendees.Any(a => a.PersonId == p.Id && a.Response == AttendeeResponse.Accepted)
                && !groupCheckIns.Any(c => c.AuthorId == p.Id && !c.Met && (c.SessionId == s.Id || c.SessionId == null && c.On == s.Date));
            var stopped = latest.Count < MentorshipHealth.AttendanceWindow(rule) ? [] : members.Where(p => !latest.Any(s => Came(s, p))).ToList();
            var facts = new GroupFacts(started, today, plans.TryGetValue(g.Id, out var cadence) ? cadence : PlanCadence.Weekly, meetings, allRatings,
                goals[g.Id].Count(x => x.Status != GoalStatus.Dropped), members.Count, stopped.Count);
            var verdict = MentorshipHealth.Judge(rule, facts);
            var health = new GroupHealth(g, program, facts, verdict, members, stopped, goals[g.Id].Count(x => x.Status == GoalStatus.Done),
                allRatings.Count == 0 ? null : allRatings.Average(), false);
            result.Add(health with { AdminTold = told.Any(k => k.StartsWith(health.AtRiskKey, StringComparison.Ordinal)) });
        }
        return result;
    }

    public static GroupHealthDto ToDto(GroupHealth g) => new(
        g.Group.Id, g.Group.Kind, g.Group.Title, g.Group.HostId, g.Group.Host!.Name, g.Members.Select(p => p.Name).ToList(), g.Verdict.Health,
        g.Verdict.LastContact?.ToDateOnly(), g.Verdict.Reasons, g.Facts.Cadence, g.Facts.Meetings.Count(d => d <= g.Facts.Today), g.Verdict.ExpectedCheckIns,
        g.Verdict.MissedPeriods, g.Facts.Goals, g.GoalsDone, g.MeanRating is { } mean ? Math.Round(mean, 2) : null, g.StoppedComing.Select(p => p.Name).ToList(), g.AdminTold);
}
