using System.Text;
using System.Text.Json;

namespace Mentoring.Engine.Tests.Groups;

/// <summary>
/// A tiny groups problem and a brute-force judge written independently of the engine: it tries
/// every seating (each member at a host or unplaced) and scores it from the raw data.
/// </summary>
internal sealed class GroupsOracle
{
    public required int[] Capacity { get; init; }

    public required string?[] Group { get; init; }

    public required int[] Priority { get; init; }

    /// <summary>Pairs of ids ("s0", "j3").</summary>
    public required HashSet<(string, string)> History { get; init; }

    public int Hosts => Capacity.Length;

    public int Members => Group.Length;

    public static GroupsOracle Random(Random random)
    {
        var hosts = random.Next(1, 4);
        var members = random.Next(1, 8);
        var groups = random.Next(1, 4);
        var ids = Enumerable.Range(0, hosts).Select(h => $"s{h}").Concat(Enumerable.Range(0, members).Select(m => $"j{m}")).ToArray();
        var density = random.NextDouble() * 0.7;
        var history = new HashSet<(string, string)>();
        for (var a = 0; a < ids.Length; a++)
        {
            for (var b = a + 1; b < ids.Length; b++)
            {
                if (random.NextDouble() < density)
                {
                    history.Add((ids[a], ids[b]));
                }
            }
        }
        return new GroupsOracle
        {
            Capacity = [.. Enumerable.Range(0, hosts).Select(_ => random.Next(0, 4))],
            Group = [.. Enumerable.Range(0, members).Select(_ => random.Next(groups + 1) == 0 ? null : $"g{random.Next(groups)}")],
            Priority = [.. Enumerable.Range(0, members).Select(_ => random.Next(3) == 0 ? 0 : random.Next(10))],
            History = history,
        };
    }

    public byte[] ToUtf8(long seed = 1) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        hosts = Capacity.Select((c, h) => new { id = $"s{h}", capacity = c }),
        members = Group.Select((g, m) => new Dictionary<string, object?> { ["id"] = $"j{m}", ["group"] = g, ["priority"] = Priority[m] }),
        history = History.Select(p => new[] { p.Item1, p.Item2 }),
        seed,
        timeLimitSeconds = 5,
    }));

    /// <summary>(placed, prioritySum, repeats, mixing) of a seating (host per member, -1 unplaced).</summary>
    public (int Placed, int Priority, int Repeats, int Mixing) Score(int[] tableOf)
    {
        int placed = 0, priority = 0, repeats = 0, mixing = 0;
        for (var h = 0; h < Hosts; h++)
        {
            var at = Enumerable.Range(0, Members).Where(m => tableOf[m] == h).ToArray();
            placed += at.Length;
            priority += at.Sum(m => Priority[m]);
            repeats += at.Count(m => Met($"s{h}", $"j{m}"));
            repeats += at.SelectMany(a => at.Where(b => b > a).Select(b => (a, b))).Count(p => Met($"j{p.a}", $"j{p.b}"));
            mixing += at.Select(m => Group[m] ?? "\0none").Distinct().Count();
        }
        return (placed, priority, repeats, mixing);
    }

    private bool Met(string a, string b) => History.Contains((a, b)) || History.Contains((b, a));

    public (int Placed, int Priority, int Repeats, int Mixing) Best()
    {
        var best = (Placed: -1, Priority: -1, Repeats: int.MaxValue, Mixing: -1);
        var tableOf = new int[Members];
        var load = new int[Hosts];
        Search(0);
        return best;

        void Search(int m)
        {
            if (m == Members)
            {
                var score = Score(tableOf);
                if (Better(score, best))
                {
                    best = score;
                }
                return;
            }
            for (var h = -1; h < Hosts; h++)
            {
                if (h >= 0 && load[h] == Capacity[h])
                {
                    continue;
                }
                tableOf[m] = h;
                if (h >= 0)
                {
                    load[h]++;
                }
                Search(m + 1);
                if (h >= 0)
                {
                    load[h]--;
                }
            }
        }
    }

    private static bool Better((int Placed, int Priority, int Repeats, int Mixing) a, (int Placed, int Priority, int Repeats, int Mixing) b) =>
        a.Placed != b.Placed ? a.Placed > b.Placed
        : a.Priority != b.Priority ? a.Priority > b.Priority
        : a.Repeats != b.Repeats ? a.Repeats < b.Repeats
        : a.Mixing > b.Mixing;
}
