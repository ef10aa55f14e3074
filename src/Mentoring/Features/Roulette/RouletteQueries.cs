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

    /// <summary>A person's participation in a roulette program and their ten latest coffees.</summary>
    public async Task<MyRoulette> MineAsync(int programId, int personId, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == personId, cancellationToken);
        // Only the person's own pairing of each round: a round of thousands pairs them once. The rounds are found from
        // the person's pairings (their indexes), not by reading each round's thousands of pairings.
        var mine = db.RoulettePairings.Where(p => p.PersonAId == personId || p.PersonBId == personId || p.PersonCId == personId);
        var rounds = await db.RouletteRounds.AsNoTracking()
            .Where(r => r.ProgramId == programId && mine.Select(p => p.RoundId).Contains(r.Id))
            .OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Id).Take(10).ToListAsync(cancellationToken);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var own = await mine.AsNoTracking().Where(p => roundIds.Contains(p.RoundId))
            .Include(p => p.PersonA).Include(p => p.PersonB).Include(p => p.PersonC).ToListAsync(cancellationToken);
        var pairings = rounds.Select(r => PairingDto.From(r, own.Single(p => p.RoundId == r.Id), personId)).ToList();
        return enrollment is null
            ? new MyRoulette(false, false, null, null, true, pairings)
            : new MyRoulette(true, !enrollment.OptedOut, enrollment.PausedUntil?.ToDateOnly(), enrollment.Cadence, enrollment.MeetOtherOffices, pairings,
                enrollment.MeetOtherDepartments, enrollment.MeetOtherLevels);
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
