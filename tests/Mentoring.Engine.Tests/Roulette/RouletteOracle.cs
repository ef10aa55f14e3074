using System.Text;
using System.Text.Json;

namespace Mentoring.Engine.Tests.Roulette;

/// <summary>
/// A small roulette problem and a brute-force judge written independently of the engine: it tries
/// every round and scores it from the raw data (history as id pairs, groups as strings, working
/// hours through .NET's own time zone data rather than NodaTime).
/// </summary>
internal sealed class RouletteOracle
{
    private static readonly string?[] Zones = ["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "America/Los_Angeles", null];

    public required int Count { get; init; }

    public required string?[] Group { get; init; }

    public required string?[] Zone { get; init; }

    public required HashSet<(int, int)> History { get; init; }

    public long Seed { get; init; }

    public static RouletteOracle Random(Random random, int count)
    {
        var groups = random.Next(1, 5);
        var density = random.NextDouble() * random.NextDouble() * 1.2;
        var history = new HashSet<(int, int)>();
        for (var u = 0; u < count; u++)
        {
            for (var v = u + 1; v < count; v++)
            {
                if (random.NextDouble() < density)
                {
                    history.Add((u, v));
                }
            }
        }
        return new RouletteOracle
        {
            Count = count,
            Group = [.. Enumerable.Range(0, count).Select(_ => random.Next(groups + 1) == 0 ? null : $"g{random.Next(groups)}")],
            Zone = [.. Enumerable.Range(0, count).Select(_ => Zones[random.Next(Zones.Length)])],
            History = history,
            Seed = random.Next(),
        };
    }

    public string ToJson()
    {
        var participants = Enumerable.Range(0, Count).Select(i => new Dictionary<string, string?>
        {
            ["id"] = $"p{i}",
            ["group"] = Group[i],
            ["timeZone"] = Zone[i],
        });
        return JsonSerializer.Serialize(new
        {
            participants,
            history = History.Select(h => new[] { $"p{h.Item1}", $"p{h.Item2}" }),
            seed = Seed,
        });
    }

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToJson());

    /// <summary>(repeats, crossGroup, overlap) over all pairs of the round, the trio's included.</summary>
    public (int Repeats, int Cross, int Overlap) Score(IEnumerable<int[]> groups)
    {
        int repeats = 0, cross = 0, overlap = 0;
        foreach (var g in groups)
        {
            for (var i = 0; i < g.Length; i++)
            {
                for (var j = i + 1; j < g.Length; j++)
                {
                    var (u, v) = (Math.Min(g[i], g[j]), Math.Max(g[i], g[j]));
                    repeats += History.Contains((u, v)) ? 1 : 0;
                    cross += Group[u] != Group[v] ? 1 : 0;
                    overlap += HoursOverlap(Zone[u], Zone[v]) ? 1 : 0;
                }
            }
        }
        return (repeats, cross, overlap);
    }

    /// <summary>The lexicographically best (repeats, cross, overlap) over every round.</summary>
    public (int Repeats, int Cross, int Overlap) Best()
    {
        var best = (Repeats: int.MaxValue, Cross: -1, Overlap: -1);
        foreach (var round in AllRounds())
        {
            var score = Score(round);
            if (Better(score, best))
            {
                best = score;
            }
        }
        return best;
    }

    public static bool Better((int Repeats, int Cross, int Overlap) a, (int Repeats, int Cross, int Overlap) b) =>
        a.Repeats != b.Repeats ? a.Repeats < b.Repeats : a.Cross != b.Cross ? a.Cross > b.Cross : a.Overlap > b.Overlap;

    /// <summary>Every partition into pairs, with exactly one trio when the count is odd.</summary>
    public IEnumerable<List<int[]>> AllRounds()
    {
        var everyone = Enumerable.Range(0, Count).ToList();
        if (Count % 2 == 0)
        {
            foreach (var pairs in Pairings(everyone))
            {
                yield return pairs;
            }
            yield break;
        }
        for (var a = 0; a < Count; a++)
        {
            for (var b = a + 1; b < Count; b++)
            {
                for (var c = b + 1; c < Count; c++)
                {
                    var rest = everyone.Where(v => v != a && v != b && v != c).ToList();
                    foreach (var pairs in Pairings(rest))
                    {
                        yield return [.. pairs, new[] { a, b, c }];
                    }
                }
            }
        }
    }

    private static IEnumerable<List<int[]>> Pairings(List<int> people)
    {
        if (people.Count == 0)
        {
            yield return [];
            yield break;
        }
        var first = people[0];
        for (var i = 1; i < people.Count; i++)
        {
            var rest = people.Where((_, k) => k != 0 && k != i).ToList();
            foreach (var pairs in Pairings(rest))
            {
                yield return [[first, people[i]], .. pairs];
            }
        }
    }

    /// <summary>At least an hour of 09:00–17:00 in common on the engine's default date (Monday 5 January 2026).</summary>
    public static bool HoursOverlap(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return true;
        }
        var (startA, endA) = WorkingDay(a);
        var (startB, endB) = WorkingDay(b);
        var from = startA > startB ? startA : startB;
        var to = endA < endB ? endA : endB;
        return to - from >= TimeSpan.FromHours(1);
    }

    private static (DateTime, DateTime) WorkingDay(string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        return (TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 1, 5, 9, 0, 0), tz), TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 1, 5, 17, 0, 0), tz));
    }
}
