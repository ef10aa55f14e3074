using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>What the health rule reads about one pair.</summary>
public sealed record PairFacts(
    LocalDate Started, LocalDate Today, PlanCadence Cadence, IReadOnlyList<LocalDate> Contacts, IReadOnlyList<int> Ratings, int Goals, bool NotAGoodFit);

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
    public static HealthVerdict Judge(HealthRule rule, PairFacts facts)
    {
        var period = MentorshipPlan.DaysOf(facts.Cadence);
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
        if (facts.NotAGoodFit)
        {
            Worse(RelationshipHealth.AtRisk, "one of the pair said it is not a good fit");
        }
        if (missed >= rule.AtRiskMissedPeriods)
        {
            Worse(RelationshipHealth.AtRisk, $"{missed} check-ins missed");
        }
        else if (missed >= 1)
        {
            Worse(RelationshipHealth.NeedsCheckIn, missed == 1 ? "a check-in is missed" : $"{missed} check-ins missed");
        }
        var recent = facts.Ratings.Take(3).ToList();
        if (recent.Count > 0 && recent.Average() < rule.LowRating)
        {
            Worse(RelationshipHealth.NeedsCheckIn, $"recent ratings average {recent.Average():0.0}");
        }
        if (facts.Goals == 0 && age > rule.GoalWithinDays)
        {
            Worse(RelationshipHealth.NeedsCheckIn, $"no goal after {age} days");
        }
        if (health == RelationshipHealth.OnTrack && (lastContact is null || age < rule.TooEarlyDays))
        {
            health = RelationshipHealth.TooEarly;
            reasons.Add(lastContact is null ? "nothing logged yet" : $"started {age} days ago");
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
}
