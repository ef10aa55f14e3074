using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mentoring.Engine.Tests.Support;

namespace Mentoring.Engine.Tests.Scheduling;

/// <summary>
/// Generated problems of many shapes through the real executable, each result checked by the
/// reference checker (engine_check.py check-schedule: every rule, and host office days against
/// its lower bound).
/// </summary>
public sealed partial class ScheduleCheckerTests
{
    [Theory]
    [InlineData(1, 1, 4, 1, false)]
    [InlineData(2, 3, 8, 2, false)]
    [InlineData(3, 6, 20, 5, false)]
    [InlineData(4, 12, 30, 10, false)]
    [InlineData(5, 25, 90, 10, false)]
    [InlineData(6, 8, 12, 3, true)]
    [InlineData(7, 20, 60, 5, true)]
    [InlineData(8, 40, 150, 10, true)]
    public void Generated_problems_pass_the_reference_checker(int seed, int hosts, int juniors, int days, bool worldwide)
    {
        using var folder = new TempFolder();
        var generated = Processes.EngineCheck(
            "gen-schedule", "--seed", $"{seed}", "--hosts", $"{hosts}", "--juniors", $"{juniors}", "--days", $"{days}");
        Assert.True(generated.ExitCode == 0, generated.StandardError);
        var problem = JsonNode.Parse(generated.StandardOutput)!.AsObject();
        problem["timeLimitSeconds"] = 5;
        if (worldwide)
        {
            Spread(problem, new Random(seed));
        }
        var input = folder.File("problem.json");
        var output = folder.File("result.json");
        File.WriteAllText(input, problem.ToJsonString());

        var run = Processes.Mentoring("engine", "schedule", "--in", input, "--out", output);
        Assert.True(run.ExitCode == 0, run.StandardError);
        var check = Processes.EngineCheck("check-schedule", input, output);
        Assert.True(check.ExitCode == 0, check.StandardOutput);

        var result = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        var figures = CheckerFigures().Match(check.StandardOutput);
        Assert.True(figures.Success, check.StandardOutput);
        Assert.Equal(result["assignments"]!.AsArray().Count, int.Parse(figures.Groups["scheduled"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(result["hostOfficeDays"]!.GetValue<int>(), int.Parse(figures.Groups["host"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(
            result["unscheduled"]!.AsArray().Select(u => u!.GetValue<string>()).Order(),
            result["unscheduledReasons"]!.AsObject().Select(r => r.Key).Order());
    }

    /// <summary>
    /// Sends a third of the people to New York or Bengaluru (a few without a zone at all) and turns
    /// a third of the sessions virtual, so that the checker also judges working hours.
    /// </summary>
    private static void Spread(JsonObject problem, Random random)
    {
        string?[] zones = ["America/New_York", "Asia/Kolkata", null];
        foreach (var person in problem["people"]!.AsArray())
        {
            if (random.Next(3) == 0)
            {
                var zone = zones[random.Next(zones.Length)];
                if (zone is null)
                {
                    person!.AsObject().Remove("timeZone");
                }
                else
                {
                    person!["timeZone"] = zone;
                }
            }
        }
        string[] virtualKinds = ["virtual-coworking", "virtual-coffee", "virtual-checkin"];
        foreach (var session in problem["sessions"]!.AsArray())
        {
            if (random.Next(3) == 0)
            {
                session!["kind"] = virtualKinds[random.Next(virtualKinds.Length)];
            }
        }
    }

    [GeneratedRegex(@"valid: scheduled=(?<scheduled>\d+)/\d+ hostOfficeDays=(?<host>\d+)")]
    private static partial Regex CheckerFigures();
}
