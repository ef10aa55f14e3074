using System.Text.Json.Nodes;
using Mentoring.Engine.Scheduling;
using Mentoring.Engine.Tests.Support;
using NodaTime;

namespace Mentoring.Engine.Tests.Scheduling;

/// <summary>
/// Two sessions of one person clash when they overlap in real time, whatever their slots are
/// called: the London afternoon (13–17) is the New York morning (09–12 there, 14–17 in London).
/// </summary>
public sealed class ScheduleRealTimeClashTests
{
    // j1 works in London. x1 (hosted in London, with k from New York) fits only the London afternoon;
    // x2 (hosted in New York) only the New York morning. Both are j1's and overlap from 14:00 to 17:00 London time.
    private const string People = """
        [{"id":"s1","timeZone":"Europe/London"},{"id":"s2","timeZone":"America/New_York"},
         {"id":"j1","timeZone":"Europe/London"},{"id":"k","timeZone":"America/New_York"}]
        """;

    private const string Sessions = """
        [{"id":"x1","kind":"virtual-checkin","host":"s1","participants":["j1","k"]},
         {"id":"x2","kind":"virtual-checkin","host":"s2","participants":["j1"]}]
        """;

    [Fact]
    public void Sessions_that_overlap_in_real_time_are_not_both_placed_on_one_day()
    {
        using var folder = new TempFolder();
        var result = Run(folder, $$"""{"days":["2026-12-07"],"rooms":[],"people":{{People}},"sessions":{{Sessions}},"timeLimitSeconds":5}""");

        var assignments = result["assignments"]!.AsArray();
        Assert.Single(assignments);
        Assert.Single(result["unscheduled"]!.AsArray());
        Assert.Equal(
            "nobody free in that slot: attendees have other sessions in every possible slot",
            result["unscheduledReasons"]!.AsObject().Single().Value!.GetValue<string>());
        Assert.True(result["optimal"]!.GetValue<bool>());
        AssertChecked(folder);
    }

    [Fact]
    public void On_two_days_both_are_placed_on_different_days()
    {
        using var folder = new TempFolder();
        var result = Run(folder, $$"""{"days":["2026-12-07","2026-12-08"],"rooms":[],"people":{{People}},"sessions":{{Sessions}},"timeLimitSeconds":5}""");

        var assignments = result["assignments"]!.AsArray();
        Assert.Equal(2, assignments.Count);
        Assert.NotEqual(assignments[0]!["date"]!.GetValue<string>(), assignments[1]!["date"]!.GetValue<string>());
        AssertChecked(folder);
    }

    [Fact]
    public void The_typed_entry_point_keeps_the_same_rule()
    {
        var none = Array.Empty<LocalDate>();
        var request = new ScheduleRequest<int, int>(
            [new LocalDate(2026, 12, 7)],
            [],
            [
                new SchedulePerson<int>(1, "Europe/London", none, none),
                new SchedulePerson<int>(2, "America/New_York", none, none),
                new SchedulePerson<int>(3, "Europe/London", none, none),
                new SchedulePerson<int>(4, "America/New_York", none, none),
            ],
            [
                new ScheduleSession<int>(SessionKind.VirtualCheckin, 1, [3, 4]),
                new ScheduleSession<int>(SessionKind.VirtualCheckin, 2, [3]),
            ],
            TimeSpan.FromSeconds(5));

        var result = ScheduleEngine.Solve(request);

        Assert.Single(result.Assignments, a => a is not null);
        Assert.Single(result.Unscheduled);
        Assert.True(result.Optimal);
    }

    private static JsonObject Run(TempFolder folder, string json)
    {
        File.WriteAllText(folder.File("problem.json"), json);
        var run = Processes.Mentoring("engine", "schedule", "--in", folder.File("problem.json"), "--out", folder.File("result.json"));
        Assert.True(run.ExitCode == 0, run.StandardError);
        return JsonNode.Parse(File.ReadAllText(folder.File("result.json")))!.AsObject();
    }

    /// <summary>The reference checker still accepts the result: the contract's own rules hold.</summary>
    private static void AssertChecked(TempFolder folder)
    {
        var check = Processes.EngineCheck("check-schedule", folder.File("problem.json"), folder.File("result.json"));
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
    }
}
