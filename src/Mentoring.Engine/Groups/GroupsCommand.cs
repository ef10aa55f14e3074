using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mentoring.Engine.Groups;

/// <summary><c>mentoring engine groups</c>: group lunches, cohorts and coworking tables (shared/contracts/engine.md).</summary>
internal sealed class GroupsCommand : IEngineCommand
{
    public string Name => "groups";

    public string Description => "Tables for group lunches, cohorts and coworking: most members placed by priority, fewest repeats, most mixed teams.";

    public void Run(ReadOnlyMemory<byte> problemJson, Stream result)
    {
        var problem = GroupsProblem.Parse(problemJson.Span);
        var clock = Stopwatch.StartNew();
        var solution = GroupsEngine.Solve(problem);
        var elapsed = clock.ElapsedMilliseconds;
        Write(problem, solution, elapsed, result);
    }

    private static void Write(GroupsProblem problem, GroupsSolution solution, long elapsedMs, Stream result)
    {
        // Members of each table and the unplaced, in input order.
        var tables = new List<int>[problem.HostCount];
        for (var h = 0; h < tables.Length; h++)
        {
            tables[h] = [];
        }
        var unplaced = new List<int>();
        for (var m = 0; m < problem.MemberCount; m++)
        {
            (solution.TableOf[m] >= 0 ? tables[solution.TableOf[m]] : unplaced).Add(m);
        }

        var ids = problem.Ids!;
        using var json = new Utf8JsonWriter(result, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("groups");
        for (var h = 0; h < tables.Length; h++)
        {
            json.WriteStartObject();
            json.WriteString("host", ids[problem.HostId[h]]);
            json.WriteStartArray("members");
            foreach (var m in tables[h])
            {
                json.WriteStringValue(ids[problem.MemberId[m]]);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("unplaced");
        foreach (var m in unplaced)
        {
            json.WriteStringValue(ids[problem.MemberId[m]]);
        }
        json.WriteEndArray();
        json.WriteNumber("repeats", solution.Repeats);
        json.WriteNumber("mixing", solution.Mixing);
        json.WriteBoolean("optimal", solution.Optimal);
        json.WriteNumber("elapsedMs", elapsedMs);
        json.WriteEndObject();
    }
}
