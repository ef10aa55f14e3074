using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mentoring.Engine.Common;
using Mentoring.Engine.Groups;
using Mentoring.Engine.Roulette;

namespace Mentoring.Benchmarks;

/// <summary>
/// Levels 3 and 4 of groups: the seeded local search against CP-SAT alone (started from the plain
/// round-robin deal) on the same problem; the engine runs CP-SAT only when the search cannot prove
/// its seating. Each benchmark returns repeats·10⁶ − mixing (lower is better) so the quality shows
/// next to the time.
/// <c>dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*GroupsLevels*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class GroupsLevelsBenchmarks
{
    private GroupsProblem _problem = null!;
    private Placement _placement = null!;
    private int _bound;

    [Params(20, 60)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = GroupsProblem.Parse(GroupsData.Generate(Hosts, members: Hosts * 10, maxCapacity: 8, seed: 3, timeLimitSeconds: 30));
        _placement = Placement.Choose(_problem);
        _bound = GroupsSolver.MixingBound(_problem, _placement);
    }

    [Benchmark(Baseline = true)]
    public long LocalSearch()
    {
        var seating = GroupsSearch.Run(_problem, _placement, new SeededRandom(1), _bound);
        return (seating.TotalRepeats() * 1_000_000L) - seating.TotalMixing();
    }

    [Benchmark]
    public long CpSatAlone()
    {
        var dealt = new Seating(_problem);
        dealt.Deal([.. _placement.Certain, .. _placement.Tied.Take(_placement.TieSeats)], new SeededRandom(1));
        var start = new GroupsSolution(dealt.TableOf, dealt.TotalRepeats(), dealt.TotalMixing(), Optimal: false);
        var solved = GroupsCpSat.Solve(_problem, _placement, start, _bound);
        return (solved.Repeats * 1_000_000L) - solved.Mixing;
    }
}

/// <summary>
/// Whole groups problems, parse included, shaped like <c>engine_check.py gen-groups</c> plus
/// member–member history (which the generator leaves out).
/// <c>dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*GroupsLarge*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class GroupsLargeBenchmarks
{
    private byte[] _json = [];

    [Params(1_000, 5_000)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup() => _json = GroupsData.Generate(Hosts, members: Hosts * 8, maxCapacity: 8, seed: 1, timeLimitSeconds: 10);

    [Benchmark]
    public int ParseAndSolve() => GroupsSolver.Solve(GroupsProblem.Parse(_json)).Mixing;
}

/// <summary>Problems like engine_check.py gen-groups's, with earlier tables' members having met each other too.</summary>
internal static class GroupsData
{
    public static byte[] Generate(int hosts, int members, int maxCapacity, int seed, double timeLimitSeconds)
    {
        var random = new Random(seed);
        var capacity = Enumerable.Range(0, hosts).Select(_ => random.Next(2, maxCapacity + 1)).ToArray();
        var priorities = new[] { 0, 0, 1, 3, 9 };
        var history = new HashSet<(string, string)>();
        var everyone = Enumerable.Range(0, members).ToArray();
        for (var round = 0; round < 3; round++)
        {
            for (var h = 0; h < hosts; h++)
            {
                var table = random.GetItems(everyone, Math.Min(capacity[h], members)).Distinct().ToArray();
                foreach (var m in table)
                {
                    history.Add(($"s{h}", $"j{m}"));
                    foreach (var other in table.Where(o => o > m))
                    {
                        history.Add(($"j{m}", $"j{other}"));
                    }
                }
            }
        }
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            hosts = capacity.Select((c, h) => new { id = $"s{h}", capacity = c }),
            members = Enumerable.Range(0, members).Select(m => new { id = $"j{m}", group = $"g{random.Next(6)}", priority = priorities[random.Next(priorities.Length)] }),
            history = history.Select(p => new[] { p.Item1, p.Item2 }),
            seed,
            timeLimitSeconds,
        }));
    }
}
