using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Mentoring.Engine.Scheduling;

namespace Mentoring.Benchmarks;

/// <summary>
/// The schedule engine's stages on a generated 80 hosts × 300 juniors × 10 days problem:
/// reading and validating it, working out every feasible placement (time zones included), and a
/// whole run with a 5-second limit on a 20 × 80 problem. The side-by-side run against the exact
/// reference is bench/schedule.sh.
/// <c>dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*Schedule*'</c>
/// </summary>
[MemoryDiagnoser]
public class ScheduleBenchmarks
{
    private byte[] large = [];
    private byte[] medium = [];
    private ScheduleProblem largeProblem = null!;

    [GlobalSetup]
    public void Setup()
    {
        large = Generate(80, 300);
        medium = Generate(20, 80, timeLimitSeconds: 5);
        largeProblem = ScheduleParser.Parse(large);
    }

    [Benchmark]
    public int Parse_80x300() => ScheduleParser.Parse(large).Sessions.Count;

    [Benchmark]
    public int Placements_80x300() => Placements.Compute(largeProblem).BySession.Length;

    [Benchmark]
    public long Solve_20x80_limit_5s()
    {
        using var output = new MemoryStream();
        new ScheduleCommand().Run(medium, output);
        return output.Length;
    }

    /// <summary>A problem from the reference generator, with a third of its sessions made virtual across three zones.</summary>
    private static byte[] Generate(int hosts, int juniors, int? timeLimitSeconds = null)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { EngineCheck(), "gen-schedule", "--seed", "1", "--hosts", $"{hosts}", "--juniors", $"{juniors}", "--days", "10" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var json = System.Text.Json.Nodes.JsonNode.Parse(process.StandardOutput.ReadToEnd())!.AsObject();
        process.WaitForExit();
        var random = new Random(1);
        string[] zones = ["Europe/London", "America/New_York", "Asia/Kolkata"];
        foreach (var person in json["people"]!.AsArray())
        {
            person!["timeZone"] = zones[random.Next(zones.Length)];
        }
        foreach (var session in json["sessions"]!.AsArray().Where(_ => random.Next(3) == 0))
        {
            session!["kind"] = "virtual-coffee";
        }
        if (timeLimitSeconds is { } limit)
        {
            json["timeLimitSeconds"] = limit;
        }
        return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static string EngineCheck()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mentoring.slnx")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "tools", "engine_check.py");
            }
        }
        throw new InvalidOperationException("Mentoring.slnx not found above " + AppContext.BaseDirectory);
    }
}
