using Mentoring.Engine.Tests.Support;

namespace Mentoring.Engine.Tests.Matching;

/// <summary>
/// <c>mentoring engine match</c> through the real executable: generated problems checked for
/// exact optimality by shared/tools/engine_check.py, and invalid inputs refused with exit 2.
/// </summary>
public class MatchCommandLineTests
{
    // The checker needs networkx and scipy, which Debian installs for /usr/bin/python3; a
    // python3 found first on PATH (pyenv, a venv) may not have them.
    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static TheoryData<string> Shapes() =>
    [
        "--mentees 1 --mentors 1 --cap 0-0",
        "--mentees 1 --mentors 1 --cap 1-1",
        "--mentees 5 --mentors 1 --cap 2-2 --dense",
        "--mentees 3 --mentors 6 --cap 1-3 --dense",
        "--mentees 12 --mentors 4 --cap 0-2 --density 0.5",
        "--mentees 20 --mentors 5 --cap 0-1 --density 0.3",
        "--mentees 30 --mentors 10 --cap 1-3 --density 0.1",
        "--mentees 40 --mentors 40 --cap 1-1 --density 0.05",
        "--mentees 50 --mentors 8 --cap 3-9 --dense",
        "--mentees 60 --mentors 20 --cap 0-5 --density 0.2",
        "--mentees 80 --mentors 30 --cap 1-2 --density 0.04",
        "--mentees 100 --mentors 25 --cap 4-4 --dense",
        "--mentees 100 --mentors 100 --cap 1-1 --density 0.02",
        "--mentees 120 --mentors 10 --cap 1-20 --density 0.3",
        "--mentees 150 --mentors 50 --cap 1-5 --density 0.06",
        "--mentees 150 --mentors 200 --cap 1-3 --density 0.01",
        "--mentees 200 --mentors 20 --cap 0-3 --density 0.5",
        "--mentees 200 --mentors 50 --cap 4-4 --dense",
        "--mentees 200 --mentors 60 --cap 2-6 --density 0.03",
        "--mentees 250 --mentors 30 --cap 5-10 --density 0.1",
        "--mentees 300 --mentors 100 --cap 1-5 --density 0.02",
        "--mentees 300 --mentors 40 --cap 1-2 --density 0.2",
        "--mentees 300 --mentors 300 --cap 1-1 --density 0.01",
        "--mentees 10 --mentors 50 --cap 1-4 --density 0.1",
        "--mentees 40 --mentors 200 --cap 0-2 --density 0.02",
        "--mentees 400 --mentors 80 --cap 1-5 --density 0.025",
        "--mentees 500 --mentors 100 --cap 5-5 --density 0.05",
        "--mentees 500 --mentors 20 --cap 1-40 --density 0.2",
        "--mentees 600 --mentors 150 --cap 1-5 --density 0.008",
        "--mentees 800 --mentors 200 --cap 4-4 --density 0.02",
        "--mentees 1000 --mentors 250 --cap 1-5 --density 0.01",
        "--mentees 1 --mentors 30 --cap 1-1 --density 0.5",
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Generated_problems_are_solved_to_the_exact_optimum(string shape)
    {
        using var folder = new TempFolder();
        string problem = folder.File("problem.json"), result = folder.File("result.json");
        var generated = Check(["gen-match", "--seed", (shape.GetHashCode(StringComparison.Ordinal) & 0xFFFF).ToString(System.Globalization.CultureInfo.InvariantCulture), .. shape.Split(' ')]);
        Assert.Equal(0, generated.ExitCode);
        File.WriteAllText(problem, generated.StandardOutput);

        var run = Processes.Mentoring("engine", "match", "--in", problem, "--out", result);
        Assert.True(run.ExitCode == 0, run.StandardError);

        var check = Check(["check-match", problem, result]);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        Assert.StartsWith("optimal:", check.StandardOutput.Trim().Split('\n')[^1], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "{\"mentors\": [}", "invalid JSON at line 1, position 14:" },
        { "{\n  \"mentors\": [],\n  \"mentees\": [x]\n}", "invalid JSON at line 3, position 15:" },
        { "{\"mentees\": [], \"pairs\": []}", "mentors: missing" },
        { "{\"mentors\": [], \"pairs\": []}", "mentees: missing" },
        { "{\"mentors\": [], \"mentees\": []}", "pairs: missing (profile-based scoring is done by the app)" },
        { "{\"mentors\": [{\"id\":\"m1\",\"capacity\":1},{\"id\":\"m1\",\"capacity\":1}], \"mentees\": [], \"pairs\": []}", "mentors[1].id: duplicate id \"m1\"" },
        { "{\"mentors\": [{\"id\":\"m1\",\"capacity\":-1}], \"mentees\": [], \"pairs\": []}", "mentors[0].capacity: -1 is negative" },
        { "{\"mentors\": [{\"id\":\"m1\",\"capacity\":1.5}], \"mentees\": [], \"pairs\": []}", "mentors[0].capacity: 1.5 is not an integer" },
        { "{\"mentors\": [], \"mentees\": [{\"id\":\"e1\",\"priority\":12}], \"pairs\": []}", "mentees[0].priority: 12 is outside 0..9" },
        { "{\"mentors\": [], \"mentees\": [{\"id\":\"e1\",\"priority\":\"high\"}], \"pairs\": []}", "mentees[0].priority: expected an integer, got a string" },
        { "{\"mentors\": [{\"id\":\"m1\",\"capacity\":1}], \"mentees\": [{\"id\":\"e1\"}], \"pairs\": [{\"mentor\":\"m9\",\"mentee\":\"e1\",\"score\":0.5}]}", "pairs[0].mentor: unknown mentor id \"m9\"" },
        { "{\"mentors\": [{\"id\":\"m1\",\"capacity\":1}], \"mentees\": [{\"id\":\"e1\"}], \"pairs\": [{\"mentor\":\"m1\",\"mentee\":\"e1\",\"score\":0.12345}]}", "pairs[0].score: 0.12345 has more than 4 decimals" },
        { "{\"mentors\": [{\"id\":\"m1\",\"capacity\":1}], \"mentees\": [{\"id\":\"e1\"}], \"pairs\": [{\"mentor\":\"m1\",\"mentee\":\"e1\",\"score\":1.5}]}", "pairs[0].score: 1.5 is outside [0, 1]" },
        { "{\"mentors\": [{\"id\":\"m1\",\"capacity\":1}], \"mentees\": [{\"id\":\"e1\"}], \"pairs\": [{\"mentor\":\"m1\",\"mentee\":\"e1\",\"score\":0.5},{\"mentor\":\"m1\",\"mentee\":\"e1\",\"score\":0.7}]}", "pairs[1]: pair m1/e1 is listed twice" },
        { "{\"mentors\": [], \"mentees\": [], \"pairs\": [], \"timeLimitSeconds\": 0}", "timeLimitSeconds: 0 is not positive" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Invalid_input_exits_2_with_one_line_naming_the_field(string json, string message)
    {
        using var folder = new TempFolder();
        var problem = folder.File("problem.json");
        File.WriteAllText(problem, json);

        var run = Processes.Mentoring("engine", "match", "--in", problem, "--out", folder.File("result.json"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("result.json")));
    }

    [Fact]
    public void Reads_standard_input_and_writes_the_contract_fields()
    {
        const string json = """
            { "pairs": [ { "mentor": "m1", "mentee": "e1", "score": 0.8125 }, { "mentor": "m1", "mentee": "e2", "score": 1e-4 } ],
              "mentors": [ { "id": "m1", "capacity": 1, "name": "ignored" } ],
              "mentees": [ { "id": "e1", "priority": 3 }, { "id": "e2" } ] }
            """;
        var run = Processes.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), "engine", "match", "--in", "-", "--out", "-"], json);

        Assert.True(run.ExitCode == 0, run.StandardError);
        using var result = System.Text.Json.JsonDocument.Parse(run.StandardOutput);
        var root = result.RootElement;
        var match = Assert.Single(root.GetProperty("matches").EnumerateArray());
        Assert.Equal("m1", match.GetProperty("mentor").GetString());
        Assert.Equal("e1", match.GetProperty("mentee").GetString());
        Assert.Equal(0.8125m, match.GetProperty("score").GetDecimal());
        Assert.Equal(["e2"], root.GetProperty("unmatched").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(1, root.GetProperty("matched").GetInt32());
        Assert.Equal(3, root.GetProperty("prioritySum").GetInt32());
        Assert.Equal(0.8125m, root.GetProperty("scoreSum").GetDecimal());
        Assert.True(root.GetProperty("optimal").GetBoolean());
        Assert.True(root.GetProperty("elapsedMs").GetInt64() >= 0);
    }

    [Fact]
    public void A_time_limit_that_runs_out_gives_a_feasible_matching_not_claimed_optimal()
    {
        using var folder = new TempFolder();
        string problem = folder.File("problem.json"), result = folder.File("result.json");
        var generated = Check(["gen-match", "--seed", "5", "--mentees", "2000", "--mentors", "400", "--cap", "1-5", "--density", "0.02"]);
        Assert.Equal(0, generated.ExitCode);
        var json = generated.StandardOutput;
        File.WriteAllText(problem, "{\"timeLimitSeconds\": 1e-9, " + json[1..]);

        var run = Processes.Mentoring("engine", "match", "--in", problem, "--out", result);

        Assert.True(run.ExitCode == 0, run.StandardError);
        using var input = System.Text.Json.JsonDocument.Parse(json);
        using var output = System.Text.Json.JsonDocument.Parse(File.ReadAllText(result));
        Assert.False(output.RootElement.GetProperty("optimal").GetBoolean());
        var capacity = input.RootElement.GetProperty("mentors").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("capacity").GetInt32());
        var allowed = input.RootElement.GetProperty("pairs").EnumerateArray()
            .Select(p => (p.GetProperty("mentor").GetString(), p.GetProperty("mentee").GetString())).ToHashSet();
        var matches = output.RootElement.GetProperty("matches").EnumerateArray()
            .Select(m => (Mentor: m.GetProperty("mentor").GetString()!, Mentee: m.GetProperty("mentee").GetString()!)).ToList();
        Assert.All(matches, m => Assert.Contains((m.Mentor, m.Mentee), allowed));
        Assert.Equal(matches.Count, matches.Select(m => m.Mentee).Distinct().Count());
        Assert.All(matches.GroupBy(m => m.Mentor), g => Assert.True(g.Count() <= capacity[g.Key]));
        Assert.Equal(matches.Count, output.RootElement.GetProperty("matched").GetInt32());
        Assert.Equal(2000 - matches.Count, output.RootElement.GetProperty("unmatched").GetArrayLength());
    }

    private static ProcessResult Check(string[] args) => Processes.Run(Python, [RepoPaths.EngineCheck, .. args]);
}
