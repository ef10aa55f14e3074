using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Google.OrTools.Sat;
using Mentoring.Engine.Common;
using Mentoring.Engine.Roulette;

namespace Mentoring.Benchmarks;

/// <summary>
/// The exact roulette matching: the hand-written blossom algorithm against CP-SAT on the same
/// weighted complete graph (CP-SAT is the OR-Tools tool that can model a general-graph matching;
/// its assignment solver is bipartite only). Dense histories make the weights varied.
/// <c>dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*RouletteMatching*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RouletteMatchingBenchmarks
{
    private RouletteProblem _problem = null!;
    private RouletteScore _score = null!;

    [Params(100, 200)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = RouletteProblem.Parse(RouletteData.Generate(People, groups: 5, rounds: People * 2, seed: 7));
        _score = new RouletteScore(_problem);
    }

    [Benchmark(Baseline = true)]
    public long Blossom()
    {
        var start = new RouletteRound(new int[People], null, _score);
        return RouletteExact.Solve(_problem, _score, new SeededRandom(1), start).Value;
    }

    [Benchmark]
    public long CpSat()
    {
        var model = new CpModel();
        var n = People;
        var pairs = new List<(int U, int V, BoolVar X)>();
        var incident = new List<BoolVar>[n];
        for (var v = 0; v < n; v++)
        {
            incident[v] = [];
        }
        var objective = LinearExpr.NewBuilder();
        for (var u = 0; u < n; u++)
        {
            for (var v = u + 1; v < n; v++)
            {
                var x = model.NewBoolVar($"x{u}_{v}");
                pairs.Add((u, v, x));
                incident[u].Add(x);
                incident[v].Add(x);
                objective.AddTerm(x, _score.Weight(u, v));
            }
        }
        foreach (var edges in incident)
        {
            model.AddExactlyOne(edges);
        }
        model.Maximize(objective);
        var solver = new CpSolver { StringParameters = "num_workers:2 max_time_in_seconds:120" };
        solver.Solve(model);
        return (long)solver.ObjectiveValue;
    }
}

/// <summary>
/// A whole round, parse included, on problems shaped like <c>engine_check.py gen-roulette --groups 40 --rounds 52</c>.
/// <c>dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*RouletteRound*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RouletteRoundBenchmarks
{
    private byte[] _json = [];
    private RouletteProblem _problem = null!;

    [Params(10_000, 100_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = RouletteData.Generate(People, groups: 40, rounds: 52, seed: 1);
        _problem = RouletteProblem.Parse(_json);
    }

    [Benchmark]
    public int Parse() => RouletteProblem.Parse(_json).Count;

    [Benchmark]
    public int Solve() => RouletteSolver.Solve(_problem).Repeats;
}

/// <summary>Problems like engine_check.py gen-roulette's: random groups and zones, history from random past rounds.</summary>
internal static class RouletteData
{
    private static readonly string[] Zones = ["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "America/Los_Angeles"];

    public static byte[] Generate(int people, int groups, int rounds, int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, people).Select(i => $"p{i}").ToArray();
        var history = new HashSet<(int, int)>();
        var order = Enumerable.Range(0, people).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            random.Shuffle(order);
            for (var i = 0; i + 1 < people; i += 2)
            {
                history.Add((Math.Min(order[i], order[i + 1]), Math.Max(order[i], order[i + 1])));
            }
        }
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            participants = ids.Select(id => new { id, group = $"g{random.Next(groups)}", timeZone = Zones[random.Next(Zones.Length)] }),
            history = history.Select(h => new[] { ids[h.Item1], ids[h.Item2] }),
            seed,
        }));
    }
}
