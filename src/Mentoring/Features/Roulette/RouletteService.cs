using System.Security.Cryptography;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Engine.Roulette;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Roulette;

/// <summary>
/// Draws coffee-roulette rounds: who takes part this period (opted in, not paused, their cadence),
/// the pairs from the engine (no repeats whenever possible, most cross-team pairs, shared working
/// hours), the introductions with a conversation starter and a call link, sent through the outbox.
/// A period is drawn at most once, whoever asks and however often.
/// </summary>
public sealed class RouletteService(MentoringDbContext db, IClock clock, ILogger<RouletteService> logger, Notifications.Outbox outbox)
{
    /// <summary>Draws the round of <paramref name="periodStart"/>, unless it exists; null when it already did.</summary>
    public async Task<RouletteRound?> DrawAsync(int programId, LocalDate periodStart, bool manual, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == programId, cancellationToken);
        if (await db.RouletteRounds.AnyAsync(r => r.ProgramId == programId && r.PeriodStart == periodStart, cancellationToken))
        {
            return null;
        }
        var settings = program.Roulette;
        var participants = await db.Enrollments.AsNoTracking().Include(e => e.Person).ThenInclude(p => p!.Office)
            .Where(e => e.ProgramId == programId && !e.OptedOut && e.Person!.Active
                && (e.PausedUntil == null || e.PausedUntil < periodStart))
            .ToListAsync(cancellationToken);
        participants = participants.Where(e => RoulettePeriods.Joins(settings, e.Cadence, periodStart)).OrderBy(e => e.PersonId).ToList();

        var history = await HistoryAsync(programId, cancellationToken);
        var seed = Seed(programId, periodStart);
        var round = new RouletteRound { ProgramId = programId, PeriodStart = periodStart, DrawnAt = clock.GetCurrentInstant(), Manual = manual, Optimal = true };

        var loaded = watch.ElapsedMilliseconds;
        var pools = Pools(participants, history);
        var drawn = new List<int[]>();
        foreach (var people in pools)
        {
            if (people.Count < 2)
            {
                continue;
            }
            // The engine takes only history between this round's participants; working hours on the period's first day.
            var inPool = people.Select(e => e.PersonId).ToHashSet();
            var result = RouletteEngine.Solve(new RouletteRequest<int>(
                people.Select(e => new RouletteParticipant<int>(e.PersonId, GroupOf(settings, e.Person!), e.Person!.EffectiveTimeZone)).ToList(),
                history.Where(h => inPool.Contains(h.A) && inPool.Contains(h.B)).ToList(),
                seed,
                periodStart));
            drawn.AddRange(result.Pairs.Select(p => new[] { p.A, p.B }));
            if (result.Trio is { Count: 3 } trio)
            {
                drawn.Add([.. trio]);
            }
            round.Repeats += result.Repeats;
            round.CrossGroup += result.CrossGroup;
            round.Optimal &= result.Optimal;
        }
        round.Participants = drawn.Sum(g => g.Length);
        var solved = watch.ElapsedMilliseconds;

        var names = participants.ToDictionary(e => e.PersonId, e => e.Person!);
        await outbox.PreloadPreferencesAsync(names.Keys, cancellationToken);
        for (var i = 0; i < drawn.Count; i++)
        {
            var members = drawn[i];
            var starters = settings.ConversationStarters;
            var starter = starters.Count == 0 ? "" : starters[(int)((seed + i) % starters.Count)];
            var link = settings.VideoLinkTemplate
                .Replace("{program}", programId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{round}", periodStart.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{pair}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{token}", Scheduling.CallRooms.NewToken(), StringComparison.Ordinal);
            var introduction = settings.IntroductionTemplate
                .Replace("{names}", JoinNames(members.Select(m => names[m].Name).ToList()), StringComparison.Ordinal)
                .Replace("{program}", program.Name, StringComparison.Ordinal)
                .Replace("{starter}", starter, StringComparison.Ordinal)
                .Replace("{link}", link, StringComparison.Ordinal);
            round.Pairings.Add(new RoulettePairing
            {
                PersonAId = members[0], PersonBId = members[1], PersonCId = members.Length > 2 ? members[2] : null,
                Starter = starter, VideoLink = link, Introduction = introduction,
            });
            foreach (var member in members)
            {
                var others = JoinNames(members.Where(m => m != member).Select(m => names[m].Name).ToList());
                await outbox.EnqueueAsync(names[member], "roulette-introduction",
                    new() { ["introduction"] = introduction, ["others"] = others, ["starter"] = starter, ["link"] = link },
                    Notifications.Categories.Roulette, timeBound: true, new Notifications.MessageOptions { ProgramId = programId }, cancellationToken);
            }
        }

        await AskDidYouMeetAsync(program, round.DrawnAt, cancellationToken);
        db.RouletteRounds.Add(round);
        var written = watch.ElapsedMilliseconds;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Roulette round {Period} of program {Program}: {Participants} participants, {Pairings} pairings; loaded in {Loaded} ms, "
                + "drawn in {Solved} ms, introductions written in {Written} ms, saved in {Saved} ms", periodStart, programId, round.Participants,
                round.Pairings.Count, loaded, solved - loaded, written - solved, watch.ElapsedMilliseconds - written);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.RouletteRounds.AsNoTracking().AnyAsync(r => r.ProgramId == programId && r.PeriodStart == periodStart, cancellationToken))
            {
                throw;
            }
            // Another instance drew this period first: its round stands, ours is dropped whole.
            logger.LogInformation("Round {Period} of program {Program} was drawn elsewhere", periodStart, programId);
            return null;
        }
        return round;
    }

    /// <summary>
    /// A new round closes the previous one: whoever has not said whether they met is asked, so the
    /// answers feed the history and the meeting rate.
    /// </summary>
    private async Task AskDidYouMeetAsync(MentoringProgram program, Instant now, CancellationToken cancellationToken)
    {
        var previous = await db.RouletteRounds.AsNoTracking()
            .Include(r => r.Pairings).ThenInclude(p => p.PersonA)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonB)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonC)
            .Where(r => r.ProgramId == program.Id).OrderByDescending(r => r.PeriodStart).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        foreach (var pairing in previous?.Pairings ?? [])
        {
            var members = new[] { (pairing.PersonA, pairing.MetA), (pairing.PersonB, pairing.MetB), (pairing.PersonC, pairing.MetC) };
            foreach (var (person, answer) in members.Where(m => m.Item1?.Email is not null && m.Item2 is null))
            {
                var others = JoinNames(members.Where(m => m.Item1 is not null && m.Item1 != person).Select(m => m.Item1!.Name).ToList());
                await outbox.EnqueueAsync(person!, "roulette-did-you-meet", new() { ["others"] = others, ["pairing_id"] = pairing.Id },
                    Notifications.Categories.Roulette, timeBound: false,
                    new Notifications.MessageOptions
                    {
                        ProgramId = program.Id,
                        Actions = [new("We met", $"met:{pairing.Id}", Primary: true), new("Not yet", $"not-met:{pairing.Id}")],
                    }, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Splits the participants into draws. People who only want to meet within their office,
    /// department or level are drawn with the others who want the same; when only one person wants
    /// it, someone open to anyone from that office, department or level (preferring someone they have
    /// not met) joins them, so nobody is left out for having a preference. Everyone else is one pool.
    /// </summary>
    private static List<List<Enrollment>> Pools(List<Enrollment> participants, List<(int A, int B)> history)
    {
        static (string? Office, string? Department, int Level) KeyOf(Enrollment e) => (
            e.MeetOtherOffices ? null : e.Person!.OfficeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            e.MeetOtherDepartments ? null : e.Person!.Department ?? "",
            e.MeetOtherLevels ? 0 : e.Person!.Level);
        static bool Fits(Enrollment e, (string? Office, string? Department, int Level) key) =>
            (key.Office is null || (e.Person!.OfficeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "") == key.Office)
            && (key.Department is null || (e.Person!.Department ?? "") == key.Department)
            && (key.Level == 0 || e.Person!.Level == key.Level);

        var open = participants.Where(e => e.MeetOtherOffices && e.MeetOtherDepartments && e.MeetOtherLevels).ToList();
        var met = history.Select(h => (Math.Min(h.A, h.B), Math.Max(h.A, h.B))).ToHashSet();
        var pools = new List<List<Enrollment>>();
        foreach (var group in participants.Except(open).GroupBy(KeyOf)
                     .OrderBy(g => g.Key.Office, StringComparer.Ordinal).ThenBy(g => g.Key.Department, StringComparer.Ordinal).ThenBy(g => g.Key.Level))
        {
            var pool = group.ToList();
            if (pool.Count == 1)
            {
                var alone = pool[0].PersonId;
                var partner = open.Where(e => Fits(e, group.Key))
                    .OrderBy(e => met.Contains((Math.Min(alone, e.PersonId), Math.Max(alone, e.PersonId))))
                    .ThenBy(e => e.PersonId).FirstOrDefault();
                if (partner is not null)
                {
                    open.Remove(partner);
                    pool.Add(partner);
                }
            }
            pools.Add(pool);
        }
        pools.Add(open);
        return pools;
    }

    /// <summary>A member of a pairing says whether they met; their answer feeds the history and the meeting rate.</summary>
    /// <remarks>Not found when the person was not in that pairing.</remarks>
    public async Task<Outcome<RoulettePairing>> AnswerAsync(int pairingId, int personId, bool met, CancellationToken cancellationToken)
    {
        var pairing = await db.RoulettePairings.SingleOrDefaultAsync(p => p.Id == pairingId, cancellationToken);
        if (pairing is null || !pairing.Members.Contains(personId))
        {
            return Outcome.NotFound();
        }
        if (pairing.PersonAId == personId)
        {
            pairing.MetA = met;
        }
        else if (pairing.PersonBId == personId)
        {
            pairing.MetB = met;
        }
        else
        {
            pairing.MetC = met;
        }
        await db.SaveChangesAsync(cancellationToken);
        return pairing;
    }

    /// <summary>
    /// The pairs who have met in earlier rounds, the trio's three pairs included. "Did you meet?" feeds
    /// it: a pairing everyone answered "no" to did not happen, so they may be drawn together again;
    /// an unanswered one counts as met.
    /// </summary>
    internal async Task<List<(int A, int B)>> HistoryAsync(int programId, CancellationToken cancellationToken)
    {
        var pairings = await db.RoulettePairings.AsNoTracking()
            .Where(p => db.RouletteRounds.Any(r => r.Id == p.RoundId && r.ProgramId == programId))
            .Select(p => new { p.PersonAId, p.PersonBId, p.PersonCId, p.MetA, p.MetB, p.MetC }).ToListAsync(cancellationToken);
        var pairs = new List<(int, int)>();
        static bool DidNotHappen(bool? a, bool? b, bool? c) => a != true && b != true && c != true && (a == false || b == false || c == false);
        foreach (var p in pairings.Where(p => !DidNotHappen(p.MetA, p.MetB, p.MetC)))
        {
            pairs.Add((p.PersonAId, p.PersonBId));
            if (p.PersonCId is { } c)
            {
                pairs.Add((p.PersonAId, c));
                pairs.Add((p.PersonBId, c));
            }
        }
        return pairs.Distinct().ToList();
    }

    private static string? GroupOf(RouletteSettings settings, Person person) => settings.MixBy switch
    {
        RouletteMix.Office => person.Office?.Name,
        RouletteMix.Level => person.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => person.Department,
    };

    /// <summary>A seed fixed by program and period, so a round can be drawn again identically for checking.</summary>
    private static long Seed(int programId, LocalDate periodStart) => (long)programId * 100_000_000 + periodStart.Year * 10_000 + periodStart.Month * 100 + periodStart.Day;

    private static string JoinNames(List<string> names) =>
        names.Count <= 2 ? string.Join(" and ", names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
