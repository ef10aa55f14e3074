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
public sealed class RouletteService(MentoringDbContext db, IClock clock, ILogger<RouletteService> logger, Notifications.Outbox outbox,
    Infrastructure.Audit.AuditContext audit)
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
        // Only the columns the draw and the messages read: whole entities cost more than the rows for 20,000 people.
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => e.ProgramId == programId && !e.OptedOut && e.Person!.Active
                && (e.PausedUntil == null || e.PausedUntil < periodStart))
            .Select(e => new
            {
                e.PersonId, e.Cadence, e.MeetOtherOffices, e.MeetOtherDepartments, e.MeetOtherLevels,
                e.Person!.Name, e.Person!.Email, e.Person!.Department, e.Person!.JobTitle, e.Person!.Level, e.Person!.OfficeId, e.Person!.TimeZone,
                e.Person!.Languages, OfficeName = e.Person!.Office!.Name, OfficeZone = e.Person!.Office!.TimeZone,
            })
            .ToListAsync(cancellationToken);
        var participants = rows.Where(e => RoulettePeriods.Joins(settings, e.Cadence, periodStart)).OrderBy(e => e.PersonId)
            .Select(e => new Participant(e.PersonId, e.MeetOtherOffices, e.MeetOtherDepartments, e.MeetOtherLevels,
                PersonOf(e.PersonId, e.Name, e.Email, e.Department, e.JobTitle, e.Level, e.OfficeId, e.TimeZone, e.Languages, e.OfficeName, e.OfficeZone)))
            .ToList();

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
                people.Select(e => new RouletteParticipant<int>(e.PersonId, GroupOf(settings, e.Person), e.Person.EffectiveTimeZone)).ToList(),
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

        var names = participants.ToDictionary(e => e.PersonId, e => e.Person);
        await outbox.PreloadPreferencesAsync(names.Keys, cancellationToken);
        var pairings = new List<RoulettePairing>(drawn.Count);
        var messages = new List<Notification>(participants.Count);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var programText = programId.ToString(invariant);
        var periodText = periodStart.ToString("yyyyMMdd", invariant);
        for (var i = 0; i < drawn.Count; i++)
        {
            var members = drawn[i];
            var starters = settings.ConversationStarters;
            var starter = starters.Count == 0 ? "" : starters[(int)((seed + i) % starters.Count)];
            var link = settings.VideoLinkTemplate
                .Replace("{program}", programText, StringComparison.Ordinal)
                .Replace("{round}", periodText, StringComparison.Ordinal)
                .Replace("{pair}", (i + 1).ToString(invariant), StringComparison.Ordinal)
                .Replace("{token}", Scheduling.CallRooms.NewToken(), StringComparison.Ordinal);
            var introduction = settings.IntroductionTemplate
                .Replace("{names}", JoinNames(members.Select(m => names[m].Name).ToList()), StringComparison.Ordinal)
                .Replace("{program}", program.Name, StringComparison.Ordinal)
                .Replace("{starter}", starter, StringComparison.Ordinal)
                .Replace("{link}", link, StringComparison.Ordinal);
            pairings.Add(new RoulettePairing
            {
                PersonAId = members[0], PersonBId = members[1], PersonCId = members.Length > 2 ? members[2] : null,
                Starter = starter, VideoLink = link, Introduction = introduction,
            });
            foreach (var member in members)
            {
                var others = JoinNames(members.Where(m => m != member).Select(m => names[m].Name).ToList());
                messages.AddRange(await outbox.ComposeAsync(names[member], "roulette-introduction",
                    new() { ["introduction"] = introduction, ["others"] = others, ["starter"] = starter, ["link"] = link },
                    Notifications.Categories.Roulette, timeBound: true, new Notifications.MessageOptions { ProgramId = programId }, cancellationToken));
            }
        }

        messages.AddRange(await AskDidYouMeetAsync(program, names, cancellationToken));
        var written = watch.ElapsedMilliseconds;
        // One transaction: the round first, so a period drawn twice (another instance, a second
        // click) fails on the round's unique key before anything else is written, and is dropped whole.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            db.RouletteRounds.Add(round);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                if (own is not null)
                {
                    await own.RollbackAsync(cancellationToken);
                }
                db.ChangeTracker.Clear();
                if (!await db.RouletteRounds.AsNoTracking().AnyAsync(r => r.ProgramId == programId && r.PeriodStart == periodStart, cancellationToken))
                {
                    throw;
                }
                // Another instance drew this period first: its round stands, ours is dropped whole.
                logger.LogInformation("Round {Period} of program {Program} was drawn elsewhere", periodStart, programId);
                return null;
            }
            // The pairings are written beside the context, so it must not see them on the round and insert them again.
            db.Entry(round).State = EntityState.Detached;
            foreach (var pairing in pairings)
            {
                pairing.RoundId = round.Id;
            }
            await BulkRows.InsertAsync(db, pairings, setKeys: true, cancellationToken);
            if (!audit.Suppressed)
            {
                await BulkRows.InsertAsync(db, BulkRows.Created(db, audit, pairings, _ => null), setKeys: false, cancellationToken);
            }
            await BulkRows.InsertAsync(db, messages, setKeys: false, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
        round.Pairings = pairings;
        logger.LogInformation("Roulette round {Period} of program {Program}: {Participants} participants, {Pairings} pairings, {Messages} messages; loaded in {Loaded} ms, "
            + "drawn in {Solved} ms, introductions written in {Written} ms, saved in {Saved} ms", periodStart, programId, round.Participants,
            round.Pairings.Count, messages.Count, loaded, solved - loaded, written - solved, watch.ElapsedMilliseconds - written);
        return round;
    }

    /// <summary>
    /// A new round closes the previous one: whoever has not said whether they met is asked, so the
    /// answers feed the history and the meeting rate.
    /// </summary>
    private async Task<List<Notification>> AskDidYouMeetAsync(MentoringProgram program, Dictionary<int, Person> known, CancellationToken cancellationToken)
    {
        var messages = new List<Notification>();
        var previous = await db.RouletteRounds.AsNoTracking().Where(r => r.ProgramId == program.Id).OrderByDescending(r => r.PeriodStart)
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return messages;
        }
        var pairings = await db.RoulettePairings.AsNoTracking().Where(p => p.RoundId == previous).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.PersonAId, p.PersonBId, p.PersonCId, p.MetA, p.MetB, p.MetC }).ToListAsync(cancellationToken);
        // This round's participants are known; whoever has left or stepped out since is read too, a thousand at a time.
        var people = new Dictionary<int, Person>(known);
        var missing = pairings.SelectMany(p => p.PersonCId is { } c ? new[] { p.PersonAId, p.PersonBId, c } : [p.PersonAId, p.PersonBId])
            .Where(id => !people.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(1000))
        {
            var found = await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Name, p.Email, p.Department, p.JobTitle, p.Level, p.OfficeId, p.TimeZone, p.Languages, OfficeName = p.Office!.Name, OfficeZone = p.Office!.TimeZone })
                .ToListAsync(cancellationToken);
            foreach (var p in found)
            {
                people[p.Id] = PersonOf(p.Id, p.Name, p.Email, p.Department, p.JobTitle, p.Level, p.OfficeId, p.TimeZone, p.Languages, p.OfficeName, p.OfficeZone);
            }
        }
        await outbox.PreloadPreferencesAsync(missing, cancellationToken);
        foreach (var pairing in pairings)
        {
            var members = new[] { (people.GetValueOrDefault(pairing.PersonAId), pairing.MetA), (people.GetValueOrDefault(pairing.PersonBId), pairing.MetB),
                (pairing.PersonCId is { } c ? people.GetValueOrDefault(c) : null, pairing.MetC) };
            foreach (var (person, answer) in members.Where(m => m.Item1?.Email is not null && m.Item2 is null))
            {
                var others = JoinNames(members.Where(m => m.Item1 is not null && m.Item1 != person).Select(m => m.Item1!.Name).ToList());
                messages.AddRange(await outbox.ComposeAsync(person!, "roulette-did-you-meet", new() { ["others"] = others, ["pairing_id"] = pairing.Id },
                    Notifications.Categories.Roulette, timeBound: false,
                    new Notifications.MessageOptions
                    {
                        ProgramId = program.Id,
                        Actions = [new("We met", $"met:{pairing.Id}", Primary: true), new("Not yet", $"not-met:{pairing.Id}")],
                    }, cancellationToken));
            }
        }
        return messages;
    }

    /// <summary>Who takes part in a draw, with what the draw and the messages read of them.</summary>
    private sealed class Participant(int personId, bool meetOtherOffices, bool meetOtherDepartments, bool meetOtherLevels, Person person)
    {
        public int PersonId { get; } = personId;

        public bool MeetOtherOffices { get; } = meetOtherOffices;

        public bool MeetOtherDepartments { get; } = meetOtherDepartments;

        public bool MeetOtherLevels { get; } = meetOtherLevels;

        public Person Person { get; } = person;
    }

    /// <summary>A person as far as a draw and its messages read them (not tracked, never saved).</summary>
    private static Person PersonOf(int id, string name, string? email, string? department, string? jobTitle, int level, int? officeId, string? timeZone,
        List<string> languages, string? officeName, string? officeZone) => new()
    {
        Id = id, ExternalId = "", Name = name, Email = email, Department = department, JobTitle = jobTitle, Level = level, OfficeId = officeId,
        TimeZone = timeZone, Languages = languages,
        Office = officeId is { } office && officeName is not null ? new Office { Id = office, Name = officeName, TimeZone = officeZone ?? "" } : null,
    };

    /// <summary>
    /// Splits the participants into draws. People who only want to meet within their office,
    /// department or level are drawn with the others who want the same; when only one person wants
    /// it, someone open to anyone from that office, department or level (preferring someone they have
    /// not met) joins them, so nobody is left out for having a preference. Everyone else is one pool.
    /// </summary>
    private static List<List<Participant>> Pools(List<Participant> participants, List<(int A, int B)> history)
    {
        static (string? Office, string? Department, int Level) KeyOf(Participant e) => (
            e.MeetOtherOffices ? null : e.Person.OfficeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            e.MeetOtherDepartments ? null : e.Person.Department ?? "",
            e.MeetOtherLevels ? 0 : e.Person.Level);
        static bool Fits(Participant e, (string? Office, string? Department, int Level) key) =>
            (key.Office is null || (e.Person.OfficeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "") == key.Office)
            && (key.Department is null || (e.Person.Department ?? "") == key.Department)
            && (key.Level == 0 || e.Person.Level == key.Level);

        var open = participants.Where(e => e.MeetOtherOffices && e.MeetOtherDepartments && e.MeetOtherLevels).ToList();
        var met = history.Select(h => (Math.Min(h.A, h.B), Math.Max(h.A, h.B))).ToHashSet();
        var pools = new List<List<Participant>>();
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
