using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mentoring.Engine.Roulette;

/// <summary><c>mentoring engine roulette</c>: one round of virtual coffee roulette (shared/contracts/engine.md).</summary>
internal sealed class RouletteCommand : IEngineCommand
{
    public string Name => "roulette";

    public string Description => "One round of coffee roulette: pairs (a trio for an odd count) with the fewest repeats, most cross-group pairs, shared working hours.";

    public void Run(ReadOnlyMemory<byte> problemJson, Stream result)
    {
        var problem = RouletteProblem.Parse(problemJson.Span);
        var clock = Stopwatch.StartNew();
        var round = RouletteEngine.Solve(problem);
        var elapsed = clock.ElapsedMilliseconds;
        Write(problem, round, elapsed, result);
    }

    private static void Write(RouletteProblem problem, RouletteRound round, long elapsedMs, Stream result)
    {
        var ids = problem.Ids!;
        using var json = new Utf8JsonWriter(result, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("pairs");
        for (var u = 0; u < round.Partner.Length; u++)
        {
            if (round.Partner[u] > u)
            {
                json.WriteStartArray();
                json.WriteStringValue(ids[u]);
                json.WriteStringValue(ids[round.Partner[u]]);
                json.WriteEndArray();
            }
        }
        json.WriteEndArray();
        if (round.Trio is null)
        {
            json.WriteNull("trio");
        }
        else
        {
            json.WriteStartArray("trio");
            foreach (var v in round.Trio.Order())
            {
                json.WriteStringValue(ids[v]);
            }
            json.WriteEndArray();
        }
        json.WriteNumber("repeats", round.Repeats);
        json.WriteNumber("crossGroup", round.CrossGroup);
        json.WriteBoolean("optimal", round.Optimal);
        json.WriteNumber("elapsedMs", elapsedMs);
        json.WriteEndObject();
    }
}
