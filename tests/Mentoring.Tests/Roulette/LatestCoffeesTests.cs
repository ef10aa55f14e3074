using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Roulette;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Roulette;

/// <summary>
/// A person's latest coffees of several roulette programs in one query (My mentoring) are exactly what reading
/// each program in turn gave: the ten latest rounds they were in, their own pairing of each, on each store.
/// </summary>
public abstract class LatestCoffeesTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Fact]
    public async Task The_set_query_gives_each_programs_ten_latest_coffees_as_reading_each_program_did()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var db = app.OpenContext();
        var people = Enumerable.Range(0, 4).Select(i => new Person { ExternalId = $"coffee-{tag}-{i}", Name = $"Coffee {tag} {i}" }).ToList();
        db.People.AddRange(people);
        var a = new MentoringProgram { Name = $"Coffees A {tag}", Kind = ProgramKind.CoffeeRoulette, Status = ProgramStatus.Active };
        var b = new MentoringProgram { Name = $"Coffees B {tag}", Kind = ProgramKind.CoffeeRoulette, Status = ProgramStatus.Active };
        db.Programs.AddRange(a, b);
        await db.SaveChangesAsync();
        var (me, p1, p2, p3) = (people[0], people[1], people[2], people[3]);

        // Twelve rounds of A stored out of date order (so ids do not follow the dates), me in a pair or a trio, first,
        // second or third; two rounds of B, one of them without me.
        var weeks = new[] { 5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6 };
        foreach (var (week, i) in weeks.Select((w, i) => (w, i)))
        {
            var round = new RouletteRound { ProgramId = a.Id, PeriodStart = new LocalDate(2030, 1, 7).PlusWeeks(week) };
            round.Pairings.Add((i % 3) switch
            {
                0 => new RoulettePairing { PersonAId = me.Id, PersonBId = p1.Id, Starter = $"s{i}", VideoLink = $"v{i}", MetA = true },
                1 => new RoulettePairing { PersonAId = p2.Id, PersonBId = me.Id, PersonCId = p3.Id, Starter = $"s{i}", MetB = false },
                _ => new RoulettePairing { PersonAId = p3.Id, PersonBId = p2.Id, PersonCId = me.Id, Introduction = $"i{i}", MetC = true },
            });
            if (i % 3 == 0)
            {
                round.Pairings.Add(new RoulettePairing { PersonAId = p2.Id, PersonBId = p3.Id });
            }
            db.RouletteRounds.Add(round);
        }
        db.RouletteRounds.Add(new RouletteRound { ProgramId = b.Id, PeriodStart = new LocalDate(2030, 2, 4), Pairings = [new() { PersonAId = p1.Id, PersonBId = me.Id }] });
        db.RouletteRounds.Add(new RouletteRound { ProgramId = b.Id, PeriodStart = new LocalDate(2030, 2, 18), Pairings = [new() { PersonAId = p1.Id, PersonBId = p2.Id }] });
        await db.SaveChangesAsync();

        await using var scope = app.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<RouletteQueries>();
        var latest = await queries.LatestPairingsAsync([a.Id, b.Id], me.Id, CancellationToken.None);

        foreach (var program in new[] { a, b })
        {
            var expected = await ReadingEachProgramAsync(program.Id, me.Id);
            Assert.Equal(Json(expected), Json(latest[program.Id]));
            Assert.Equal(Json(expected), Json((await queries.MineAsync(program.Id, me.Id, CancellationToken.None)).Pairings));
        }
        Assert.Equal(10, latest[a.Id].Count);
        Assert.Equal(new LocalDate(2030, 1, 7).PlusWeeks(11).ToDateOnly(), latest[a.Id][0].PeriodStart);
        Assert.Single(latest[b.Id]);
        Assert.Empty(await queries.LatestPairingsAsync([], me.Id, CancellationToken.None));
    }

    /// <summary>What RouletteQueries.MineAsync read before the set query: the rounds, then the person's own pairings with the people.</summary>
    private async Task<List<PairingDto>> ReadingEachProgramAsync(int programId, int personId)
    {
        await using var db = app.OpenContext();
        var mine = db.RoulettePairings.Where(p => p.PersonAId == personId || p.PersonBId == personId || p.PersonCId == personId);
        var rounds = await db.RouletteRounds.AsNoTracking()
            .Where(r => r.ProgramId == programId && mine.Select(p => p.RoundId).Contains(r.Id))
            .OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Id).Take(10).ToListAsync();
        var roundIds = rounds.Select(r => r.Id).ToList();
        var own = await mine.AsNoTracking().Where(p => roundIds.Contains(p.RoundId))
            .Include(p => p.PersonA).Include(p => p.PersonB).Include(p => p.PersonC).ToListAsync();
        return rounds.Select(r => PairingDto.From(r, own.Single(p => p.RoundId == r.Id), personId)).ToList();
    }

    private static string Json(IEnumerable<PairingDto> pairings) => JsonSerializer.Serialize(pairings);
}

public sealed class SqliteLatestCoffeesTests(SqliteAppFixture app) : LatestCoffeesTests<SqliteAppFixture>(app);

public sealed class PostgresLatestCoffeesTests(PostgresAppFixture app) : LatestCoffeesTests<PostgresAppFixture>(app);
