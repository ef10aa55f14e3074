using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mentoring.Engine.Matching;

namespace Mentoring.Benchmarks;

/// <summary>
/// <c>engine match</c> in process: reading the JSON, and the auction against OR-Tools' min-cost
/// flow on the same problem, for the contract's dense and sparse shapes (made the way
/// engine_check.py gen-match makes them; the largest shape is timed by bench/match.sh).
/// <c>dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*MatchBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
public class MatchBenchmarks
{
    private byte[] json = [];
    private MatchProblem problem = null!;

    [Params("dense", "sparse")]
    public string Shape { get; set; } = "dense";

    [GlobalSetup]
    public void Setup()
    {
        json = Shape == "dense"
            ? Generate(mentees: 2000, mentors: 500, capacityLow: 4, capacityHigh: 4, density: 1)
            : Generate(mentees: 20_000, mentors: 5000, capacityLow: 1, capacityHigh: 5, density: 0.008);
        problem = MatchProblemReader.Read(json);
    }

    [Benchmark]
    public int Read() => MatchProblemReader.Read(json).Pairs.Count;

    [Benchmark(Baseline = true)]
    public long SolveWithOrTools() => OrToolsMatchSolver.Solve(problem).ScoreSum;

    [Benchmark]
    public long SolveWithAuction() => AuctionMatchSolver.Solve(problem)!.ScoreSum;

    /// <summary>Like gen-match: priorities from {0,0,0,1,2,3,5,9}, about density × mentors pairs per mentee.</summary>
    private static byte[] Generate(int mentees, int mentors, int capacityLow, int capacityHigh, double density)
    {
        var random = new Random(1);
        int[] priorityChoices = [0, 0, 0, 1, 2, 3, 5, 9];
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("mentors");
            for (var m = 0; m < mentors; m++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", $"m{m}");
                writer.WriteNumber("capacity", random.Next(capacityLow, capacityHigh + 1));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("mentees");
            for (var e = 0; e < mentees; e++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", $"e{e}");
                writer.WriteNumber("priority", priorityChoices[random.Next(priorityChoices.Length)]);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("pairs");
            var everyone = Enumerable.Range(0, mentors).ToArray();
            for (var e = 0; e < mentees; e++)
            {
                var count = density >= 1 ? mentors : Math.Max(1, (int)Math.Round(density * mentors * (0.3 + 1.4 * random.NextDouble())));
                count = Math.Min(count, mentors);
                for (var i = 0; i < count; i++)
                {
                    // A partial shuffle draws `count` distinct mentors.
                    var j = random.Next(i, mentors);
                    (everyone[i], everyone[j]) = (everyone[j], everyone[i]);
                }
                foreach (var m in everyone.AsSpan(0, count))
                {
                    writer.WriteStartObject();
                    writer.WriteString("mentor", $"m{m}");
                    writer.WriteString("mentee", $"e{e}");
                    writer.WriteNumber("score", Math.Round((decimal)random.NextDouble(), 4));
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
