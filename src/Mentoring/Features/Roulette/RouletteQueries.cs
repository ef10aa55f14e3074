using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Roulette;

/// <summary>What the admin and the participants read of a coffee roulette, shared by the API and the pages.</summary>
public sealed class RouletteQueries(MentoringDbContext db, IClock clock)
{
    /// <summary>The admin's overview of a roulette program; null when there is no such roulette program.</summary>
    public async Task<RouletteOverview?> OverviewAsync(int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette, cancellationToken);
        if (program is null)
        {
            return null;
        }
        var now = clock.GetCurrentInstant();
        // Pauses end on a day of the roulette's own zone.
        var today = Today.Of(now, program.Roulette.TimeZone);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId).ToListAsync(cancellationToken);
        var rounds = await db.RouletteRounds.AsNoTracking().Include(r => r.Pairings).Where(r => r.ProgramId == programId)
            .OrderByDescending(r => r.PeriodStart).ToListAsync(cancellationToken);
        var current = RoulettePeriods.Current(program, now);
        var nextDue = RoulettePeriods.NextDraw(program, now, currentDrawn: current is { } period && rounds.Any(r => r.PeriodStart == period.Start));
        return new RouletteOverview(
            program.Roulette,
            enrollments.Count(e => !e.OptedOut && (e.PausedUntil is null || e.PausedUntil < today)),
            enrollments.Count(e => !e.OptedOut && e.PausedUntil >= today),
            enrollments.Count(e => e.OptedOut),
            current?.Start.ToDateOnly(), nextDue?.ToDateTimeOffset(),
            rounds.Select(RoundSummary.From).ToList(),
            await KeepsNotMeetingAsync(rounds, cancellationToken));
    }

    /// <summary>People whose last three pairings (answered ones) mostly did not happen: a nudge or a check-in may help.</summary>
    private async Task<List<NotMeeting>> KeepsNotMeetingAsync(List<RouletteRound> rounds, CancellationToken cancellationToken)
    {
        var history = rounds.OrderByDescending(r => r.PeriodStart).SelectMany(r => r.Pairings).Where(p => p.Answered)
            .SelectMany(p => p.Members.Select(m => (Person: m, p.Met))).GroupBy(x => x.Person)
            .Select(g => (Person: g.Key, Last: g.Take(3).ToList()))
            .Where(x => x.Last.Count >= 2 && x.Last.Count(m => !m.Met) >= 2).ToList();
        var ids = history.Select(h => h.Person).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return history.Select(h => new NotMeeting(h.Person, names.GetValueOrDefault(h.Person, "?"), h.Last.Count(m => !m.Met), h.Last.Count))
            .OrderByDescending(n => n.Missed).ThenBy(n => n.Name).ToList();
    }

    /// <summary>A round with its pairings and the people in them.</summary>
    public Task<RouletteRound?> LoadRoundAsync(int roundId, CancellationToken cancellationToken) =>
        db.RouletteRounds.AsNoTracking()
            .Include(r => r.Pairings).ThenInclude(p => p.PersonA)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonB)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonC)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);

    /// <summary>The coffees a person's roulette lists show: their ten latest in each program.</summary>
    public const int LatestCoffees = 10;

    /// <summary>A person's participation in a roulette program and their ten latest coffees.</summary>
    public async Task<MyRoulette> MineAsync(int programId, int personId, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == personId, cancellationToken);
        var pairings = await LatestPairingsAsync([programId], personId, cancellationToken);
        return Mine(enrollment, pairings.GetValueOrDefault(programId) ?? []);
    }

    /// <summary>A person's participation (their enrollment in the program, when they have one) with their latest coffees.</summary>
    public static MyRoulette Mine(Enrollment? enrollment, IReadOnlyList<PairingDto> pairings) =>
        enrollment is null
            ? new MyRoulette(false, false, null, null, true, pairings)
            : new MyRoulette(true, !enrollment.OptedOut, enrollment.PausedUntil?.ToDateOnly(), enrollment.Cadence, enrollment.MeetOtherOffices, pairings,
                enrollment.MeetOtherDepartments, enrollment.MeetOtherLevels);

    /// <summary>
    /// A person's ten latest coffees in each of the given roulette programs, latest round first, in one query
    /// whatever the number of programs. Only the person's own pairing of each round is read (a round of
    /// thousands pairs them once), found from their pairings' indexes, and of the people only the names.
    /// </summary>
    public async Task<Dictionary<int, List<PairingDto>>> LatestPairingsAsync(
        IReadOnlyCollection<int> programIds, int personId, CancellationToken cancellationToken)
    {
        if (programIds.Count == 0)
        {
            return [];
        }
        // One statement: each program's latest ten glued by UNION ALL (SQLite cannot run a per-program subquery as a
        // lateral join). Both stores should start from the person's own pairings (their indexes), then find each one's
        // round. On SQLite, "ProgramId + 0" keeps its planner from walking the program's rounds by their index and
        // reading each round's thousands of pairings. PostgreSQL gets there from its statistics, and the same "+ 0"
        // would hide them: guessing one round, it intersected every round's pairings with the person's (three times
        // the database's time for the page's query).
        var sqlite = db.Database.IsSqlite();
        var mine = db.RoulettePairings.AsNoTracking()
            .Where(p => p.PersonAId == personId || p.PersonBId == personId || p.PersonCId == personId)
            .Join(db.RouletteRounds, p => p.RoundId, r => r.Id, (p, r) => new { Pairing = p, Round = r });
        var latest = programIds.Distinct()
            .Select(programId => (sqlite ? mine.Where(x => x.Round.ProgramId + 0 == programId) : mine.Where(x => x.Round.ProgramId == programId))
                .OrderByDescending(x => x.Round.PeriodStart).ThenBy(x => x.Round.Id).ThenBy(x => x.Pairing.Id)
                .Take(LatestCoffees)
                .Select(x => new
                {
                    x.Round.ProgramId, RoundId = x.Round.Id, x.Round.PeriodStart, x.Pairing.Id, x.Pairing.PersonAId, x.Pairing.PersonBId, x.Pairing.PersonCId,
                    A = x.Pairing.PersonA!.Name, B = x.Pairing.PersonB!.Name, C = x.Pairing.PersonC!.Name,
                    x.Pairing.Starter, x.Pairing.VideoLink, x.Pairing.Introduction, x.Pairing.MetA, x.Pairing.MetB, x.Pairing.MetC,
                }))
            .Aggregate((all, next) => all.Concat(next));
        var rows = await latest.ToListAsync(cancellationToken);
        // The same pairing, round and people PairingDto.From reads, with only what it shows.
        return rows.GroupBy(x => x.ProgramId).ToDictionary(g => g.Key, g => g
            .OrderByDescending(x => x.PeriodStart).ThenBy(x => x.RoundId).ThenBy(x => x.Id)
            .Select(x => PairingDto.From(
                new RouletteRound { Id = x.RoundId, ProgramId = x.ProgramId, PeriodStart = x.PeriodStart },
                new RoulettePairing
                {
                    Id = x.Id, RoundId = x.RoundId, PersonAId = x.PersonAId, PersonBId = x.PersonBId, PersonCId = x.PersonCId,
                    PersonA = new Person { Id = x.PersonAId, ExternalId = "", Name = x.A },
                    PersonB = new Person { Id = x.PersonBId, ExternalId = "", Name = x.B },
                    PersonC = x.PersonCId is { } c ? new Person { Id = c, ExternalId = "", Name = x.C! } : null,
                    Starter = x.Starter, VideoLink = x.VideoLink, Introduction = x.Introduction, MetA = x.MetA, MetB = x.MetB, MetC = x.MetC,
                },
                personId))
            .ToList());
    }

    /// <summary>One pairing as <paramref name="personId"/> sees it.</summary>
    public async Task<PairingDto> PairingAsync(int pairingId, int personId, CancellationToken cancellationToken)
    {
        var pairing = await db.RoulettePairings.AsNoTracking().Include(p => p.PersonA).Include(p => p.PersonB).Include(p => p.PersonC)
            .SingleAsync(p => p.Id == pairingId, cancellationToken);
        var round = await db.RouletteRounds.AsNoTracking().SingleAsync(r => r.Id == pairing.RoundId, cancellationToken);
        return PairingDto.From(round, pairing, personId);
    }
}
