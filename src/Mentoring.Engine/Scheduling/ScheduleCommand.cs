using System.Diagnostics;
using System.Text.Json;
using Mentoring.Engine.Common;

namespace Mentoring.Engine.Scheduling;

/// <summary><c>mentoring engine schedule</c>: sessions onto days, slots and rooms (shared/contracts/engine.md).</summary>
public sealed class ScheduleCommand : IEngineCommand
{
    public string Name => "schedule";

    public string Description =>
        "Put in-person and virtual sessions on days, slots and rooms: most sessions, then fewest host office days, then fewest other office days.";

    public void Run(ReadOnlyMemory<byte> problemJson, Stream result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problem = ScheduleParser.Parse(problemJson);
        var clock = Stopwatch.StartNew();
        var solution = ScheduleEngine.Solve(problem, EngineOptions.Default);
        Write(problem, solution, clock.ElapsedMilliseconds, result);
    }

    private static void Write(ScheduleProblem problem, ScheduleSolution solution, long elapsedMs, Stream result)
    {
        using var json = new Utf8JsonWriter(result);
        json.WriteStartObject();
        json.WriteStartArray("assignments");
        for (var s = 0; s < problem.Sessions.Count; s++)
        {
            if (solution.Assignments[s] is not { } a)
            {
                continue;
            }
            json.WriteStartObject();
            json.WriteString("session", problem.Sessions[s].Id);
            json.WriteString("date", ScheduleParser.Format(problem.Days[a.Day]));
            json.WriteString("slot", Slots.Names[(int)a.Slot]);
            if (a.Room >= 0)
            {
                json.WriteString("room", problem.Rooms[a.Room].Id);
            }
            else
            {
                json.WriteNull("room");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("unscheduled");
        foreach (var s in solution.Reasons.Keys.Order())
        {
            json.WriteStringValue(problem.Sessions[s].Id);
        }
        json.WriteEndArray();
        json.WriteStartObject("unscheduledReasons");
        foreach (var (s, reason) in solution.Reasons.OrderBy(r => r.Key))
        {
            json.WriteString(problem.Sessions[s].Id, reason);
        }
        json.WriteEndObject();
        json.WriteNumber("hostOfficeDays", solution.HostOfficeDays);
        json.WriteNumber("attendeeOfficeDays", solution.AttendeeOfficeDays);
        json.WriteBoolean("optimal", solution.Optimal);
        json.WriteNumber("elapsedMs", elapsedMs);
        json.WriteEndObject();
    }
}
