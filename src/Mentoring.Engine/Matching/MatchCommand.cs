using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mentoring.Engine.Matching;

/// <summary>
/// <c>mentoring engine match</c>: mentor/mentee assignment with capacities, exactly optimal for
/// the lexicographic objective of shared/contracts/engine.md (number matched, then priority sum,
/// then score sum).
/// <para>
/// The hot loops (reading pairs, the matching and the auction) run once per problem over
/// millions of items, so they are marked <c>AggressiveOptimization</c>: compiled fully optimised
/// at once instead of tiering up while they run, which saved about 10% of the CPU time of the
/// largest contract shape (bench/README.md). Process-wide switches (TieredPGO off, tiered
/// compilation off) were measured too: within noise once these methods are marked.
/// </para>
/// </summary>
public sealed class MatchCommand : IEngineCommand
{
    public string Name => "match";

    public string Description => "Assign mentees to mentors with capacities: most matched, then highest priority sum, then best score sum (exact).";

    public void Run(ReadOnlyMemory<byte> problemJson, Stream result)
    {
        var problem = MatchProblemReader.Read(problemJson.Span);
        var clock = Stopwatch.StartNew();
        var solution = MatchingEngine.Solve(problem);
        var elapsedMs = clock.ElapsedMilliseconds;
        Write(problem, solution, elapsedMs, result);
    }

    private static void Write(MatchProblem problem, MatchResult solution, long elapsedMs, Stream result)
    {
        // Ids print as they are (é, not \u00E9): HR staff read these files.
        var options = new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var json = new Utf8JsonWriter(result, options);
        json.WriteStartObject();
        json.WriteStartArray("matches");
        var pairs = problem.Pairs;
        for (var e = 0; e < problem.MenteeCount; e++)
        {
            var k = solution.ChosenPair[e];
            if (k < 0)
            {
                continue;
            }
            json.WriteStartObject();
            json.WriteString("mentor", problem.MentorIds[pairs.Mentor[k]]);
            json.WriteString("mentee", problem.MenteeIds[e]);
            json.WriteNumber("score", FourDecimals(pairs.Score[k]));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("unmatched");
        for (var e = 0; e < problem.MenteeCount; e++)
        {
            if (solution.ChosenPair[e] < 0)
            {
                json.WriteStringValue(problem.MenteeIds[e]);
            }
        }
        json.WriteEndArray();
        json.WriteNumber("matched", solution.Matched);
        json.WriteNumber("prioritySum", solution.PrioritySum);
        json.WriteNumber("scoreSum", FourDecimals(solution.ScoreSum));
        json.WriteBoolean("optimal", solution.Optimal);
        json.WriteNumber("elapsedMs", elapsedMs);
        json.WriteEndObject();
    }

    /// <summary>Units of 10^-4 as a decimal that prints with exactly 4 decimals (0.5 → 0.5000).</summary>
    private static decimal FourDecimals(long units) => new((int)(units & 0xFFFF_FFFF), (int)(units >> 32), 0, false, 4);
}
