using System.Text.Json;
using Mentoring.Engine.Tests.Support;

namespace Mentoring.Engine.Tests.Roulette;

/// <summary>
/// <c>mentoring engine roulette</c> as an outside user runs it, judged by the contract's reference
/// checker (which verifies optimality with networkx for up to 400 people).
/// </summary>
public class RouletteCommandLineTests
{
    // n, groups, history rounds, seed: sparse and dense histories (dense ones force repeats), odd
    // and even counts, one group (nothing can be cross-group) and many small groups.
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 2, 1, 0, 1 },
        { 3, 2, 1, 2 },
        { 10, 3, 2, 3 },
        { 11, 3, 2, 4 },
        { 12, 3, 60, 5 },
        { 13, 3, 60, 6 },
        { 40, 3, 200, 7 },
        { 41, 2, 200, 8 },
        { 60, 5, 10, 9 },
        { 61, 5, 10, 10 },
        { 100, 4, 500, 11 },
        { 101, 4, 500, 12 },
        { 150, 100, 5, 13 },
        { 200, 2, 150, 14 },
        { 201, 40, 20, 15 },
        { 299, 6, 900, 16 },
        { 399, 7, 300, 17 },
        { 400, 1, 10, 18 },
        { 400, 5, 2000, 19 },
        { 400, 3, 52, 20 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Reference_checker_accepts_the_round(int n, int groups, int rounds, int seed)
    {
        using var folder = new TempFolder();
        var problem = Generate(folder, n, groups, rounds, seed);
        var result = folder.File("result.json");

        var run = Processes.Mentoring("engine", "roulette", "--in", problem, "--out", result);
        Assert.True(run.ExitCode == 0, run.StandardError);

        var check = Processes.EngineCheck("check-roulette", problem, result);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        using var json = JsonDocument.Parse(File.ReadAllBytes(result));
        Assert.True(json.RootElement.GetProperty("optimal").GetBoolean());
    }

    [Fact]
    public void Result_has_exactly_the_contract_fields()
    {
        using var folder = new TempFolder();
        var problem = Generate(folder, 7, 3, 1, 1);
        var run = Processes.Mentoring("engine", "roulette", "--in", problem, "--out", "-");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(["pairs", "trio", "repeats", "crossGroup", "optimal", "elapsedMs"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, json.RootElement.GetProperty("pairs").GetArrayLength());
        Assert.Equal(3, json.RootElement.GetProperty("trio").GetArrayLength());
    }

    [Fact]
    public void Same_input_and_seed_give_the_same_round_and_another_seed_another_round()
    {
        using var folder = new TempFolder();
        var problem = Generate(folder, 1001, 8, 5, 42);
        var first = Round(Processes.Mentoring("engine", "roulette", "--in", problem));
        var second = Round(Processes.Mentoring("engine", "roulette", "--in", problem));
        Assert.Equal(first, second);

        var reseeded = folder.File("reseeded.json");
        File.WriteAllText(reseeded, File.ReadAllText(problem).Replace("\"seed\": 42", "\"seed\": 43", StringComparison.Ordinal));
        Assert.NotEqual(first, Round(Processes.Mentoring("engine", "roulette", "--in", reseeded)));
    }

    [Fact]
    public void Thousands_of_people_get_a_proven_repeat_free_round()
    {
        using var folder = new TempFolder();
        var problem = Generate(folder, 6001, 40, 52, 3);
        var result = folder.File("result.json");

        Assert.Equal(0, Processes.Mentoring("engine", "roulette", "--in", problem, "--out", result).ExitCode);
        Assert.Equal(0, Processes.EngineCheck("check-roulette", problem, result).ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllBytes(result));
        Assert.Equal(0, json.RootElement.GetProperty("repeats").GetInt32());
        Assert.True(json.RootElement.GetProperty("optimal").GetBoolean());
    }

    [Theory]
    [InlineData("""{"participants": [], "history": []}""", """{"pairs":[],"trio":null,"repeats":0,"crossGroup":0,"optimal":true""")]
    [InlineData("""{"history": [["b","a"]], "participants": [{"id":"a","group":"x"},{"id":"b","group":"y"}]}""", """{"pairs":[["a","b"]],"trio":null,"repeats":1,"crossGroup":1,"optimal":true""")]
    [InlineData("""{"participants": [{"id":"a"},{"id":"b"},{"id":"c"}], "history": [], "extra": {"ignored": [1, 2]}}""", """{"pairs":[],"trio":["a","b","c"],"repeats":0,"crossGroup":0,"optimal":true""")]
    [InlineData("""{"participants": [{"id":"p\u0031"},{"id":"p2"}], "history": [["p1","p2"]]}""", """{"pairs":[["p1","p2"]],"trio":null,"repeats":1,"crossGroup":0,"optimal":true""")]
    public void Small_problems_have_the_obvious_round(string problem, string expectedStart)
    {
        var run = Processes.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), "engine", "roulette", "--in", "-", "--out", "-"], problem);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.StartsWith(expectedStart, run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"participants": [{"id": "p1",, ]}""", "invalid JSON at line 1, position 31:")]
    [InlineData("{\n  \"participants\": [\n    {\"id\": \"p1\"}\n    {\"id\": \"p2\"}\n  ]\n}", "invalid JSON at line 4, position 5:")]
    [InlineData("""[1, 2]""", "$: the problem must be a JSON object")]
    [InlineData("""{"history": []}""", "participants: required array is missing")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}]}""", "history: required array is missing (give [] when nobody has met yet)")]
    [InlineData("""{"participants": {"id": "p1"}, "history": []}""", "participants: expected an array, got an object")]
    [InlineData("""{"participants": [{"id": "p1"}, {"group": "x"}], "history": []}""", "participants[1].id: required string is missing")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": 7}], "history": []}""", "participants[1].id: expected a string, got 7")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}, {"id": "p1"}], "history": []}""", "participants[2].id: duplicate id \"p1\"")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}], "history": [["p1", "p2"], ["p2", "p99"]]}""", "history[1][1]: unknown participant id \"p99\"")]
    [InlineData("""{"history": [["p1", "p2"], ["p99", "p2"]], "participants": [{"id": "p1"}, {"id": "p2"}]}""", "history[1][0]: unknown participant id \"p99\"")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}], "history": [["p1", "p2", "p1"]]}""", "history[0]: expected a pair of two ids, got more than two")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}], "history": [["p1"]]}""", "history[0]: expected a pair of two ids, got 1")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}], "history": ["p1"]}""", "history[0]: expected a pair of two ids, got \"p1\"")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}], "history": [["p1", 2]]}""", "history[0][1]: expected an id string, got 2")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2"}], "history": [["p2", "p2"]]}""", "history[0]: a pair needs two different ids, got \"p2\" twice")]
    [InlineData("""{"participants": [{"id": "p1"}, {"id": "p2", "timeZone": "Europe/Paris"}, {"id": "p3", "timeZone": "Mars/Base"}], "history": []}""", "participants[2].timeZone: unknown time zone \"Mars/Base\"")]
    [InlineData("""{"participants": [{"id": "p1", "group": 3}], "history": []}""", "participants[0].group: expected a string, got 3")]
    [InlineData("""{"participants": [{"id": "p1"}], "history": []}""", "participants: one participant cannot be paired: a round needs nobody or at least two people")]
    [InlineData("""{"participants": [], "history": [], "seed": "x"}""", "seed: expected an integer, got \"x\"")]
    [InlineData("""{"participants": [], "history": [], "date": "5/1/2026"}""", "date: expected a date like \"2026-01-05\", got \"5/1/2026\"")]
    public void Invalid_input_exits_2_with_one_line_naming_the_field(string problem, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.File("problem.json");
        File.WriteAllText(path, problem);

        var run = Processes.Mentoring("engine", "roulette", "--in", path, "--out", folder.File("result.json"));

        Assert.Equal(2, run.ExitCode);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("result.json")));
    }

    [Fact]
    public void An_id_that_is_not_UTF_8_is_invalid_input()
    {
        using var folder = new TempFolder();
        var path = folder.File("problem.json");
        File.WriteAllBytes(path, [.. "{\"participants\":[{\"id\":\"b\"},{\"id\":\"a"u8, 0xFF, .. "\"}],\"history\":[]}"u8]);

        var run = Processes.Mentoring("engine", "roulette", "--in", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("participants[1].id: is not valid UTF-8", run.StandardError.Trim());
    }

    private static string Generate(TempFolder folder, int n, int groups, int rounds, int seed)
    {
        var gen = Processes.EngineCheck("gen-roulette", "--seed", $"{seed}", "--n", $"{n}", "--groups", $"{groups}", "--rounds", $"{rounds}");
        Assert.Equal(0, gen.ExitCode);
        var path = folder.File("problem.json");
        File.WriteAllText(path, gen.StandardOutput);
        return path;
    }

    /// <summary>The round of a run, without its timing.</summary>
    private static string Round(ProcessResult run)
    {
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StandardOutput);
        return json.RootElement.GetProperty("pairs").GetRawText() + json.RootElement.GetProperty("trio").GetRawText();
    }
}
