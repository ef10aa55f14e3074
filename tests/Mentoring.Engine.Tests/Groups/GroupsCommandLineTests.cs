using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Engine.Tests.Support;

namespace Mentoring.Engine.Tests.Groups;

/// <summary><c>mentoring engine groups</c> as an outside user runs it, judged by the contract's reference checker.</summary>
public class GroupsCommandLineTests
{
    // hosts, members, largest capacity, seed: more seats than members and fewer, one host, big tables.
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 1, 1, 2, 1 },
        { 3, 5, 4, 2 },
        { 10, 20, 4, 3 },
        { 10, 50, 4, 4 },
        { 5, 12, 3, 5 },
        { 1, 10, 12, 6 },
        { 30, 60, 3, 7 },
        { 20, 200, 8, 8 },
        { 2, 50, 5, 9 },
        { 100, 300, 4, 10 },
        { 200, 1000, 6, 11 },
        { 50, 100, 10, 12 },
        { 400, 800, 2, 13 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Reference_checker_accepts_the_seating(int hosts, int members, int cap, int seed)
    {
        using var folder = new TempFolder();
        var problem = Generate(folder, hosts, members, cap, seed);
        var result = folder.File("result.json");

        var run = Processes.Mentoring("engine", "groups", "--in", problem, "--out", result);
        Assert.True(run.ExitCode == 0, run.StandardError);

        var check = Processes.EngineCheck("check-groups", problem, result);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        using var json = JsonDocument.Parse(File.ReadAllBytes(result));
        Assert.Equal(hosts, json.RootElement.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public void Result_has_the_contract_fields_and_avoids_the_repeat()
    {
        const string Problem = """
            {"hosts": [{"id": "s1", "capacity": 2}],
             "members": [{"id": "a", "group": "R&D"}, {"id": "b", "group": "R&D"}, {"id": "c", "group": "Sales"}],
             "history": [["s1", "a"]], "seed": 7}
            """;
        var run = Processes.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), "engine", "groups", "--in", "-"], Problem);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(
            """{"groups":[{"host":"s1","members":["b","c"]}],"unplaced":["a"],"repeats":0,"mixing":2,"optimal":true,""",
            run.StandardOutput[..run.StandardOutput.IndexOf("\"elapsedMs\"", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Same_input_and_seed_give_the_same_seating_and_another_seed_another()
    {
        using var folder = new TempFolder();
        var problem = Generate(folder, 200, 1000, 6, 21);
        var first = Seating(Processes.Mentoring("engine", "groups", "--in", problem));
        Assert.Equal(first, Seating(Processes.Mentoring("engine", "groups", "--in", problem)));

        var node = JsonNode.Parse(File.ReadAllText(problem))!;
        node["seed"] = 22;
        var reseeded = folder.File("reseeded.json");
        File.WriteAllText(reseeded, node.ToJsonString());
        Assert.NotEqual(first, Seating(Processes.Mentoring("engine", "groups", "--in", reseeded)));
    }

    [Theory]
    [InlineData("""{"hosts": [], "members": [], "history": [}""", "invalid JSON at line 1, position 42:")]
    [InlineData("""{"members": [], "history": []}""", "hosts: required array is missing")]
    [InlineData("""{"hosts": [], "history": []}""", "members: required array is missing")]
    [InlineData("""{"hosts": [], "members": []}""", "history: required array is missing (give [] when nobody has met yet)")]
    [InlineData("""{"hosts": [{"id": "s1", "capacity": 2}, {"id": "s2", "capacity": -1}], "members": [], "history": []}""", "hosts[1].capacity: -1 is negative; a host takes 0 or more members")]
    [InlineData("""{"hosts": [{"id": "s1"}], "members": [], "history": []}""", "hosts[0].capacity: required integer is missing")]
    [InlineData("""{"hosts": [{"id": "s1", "capacity": 1.5}], "members": [], "history": []}""", "hosts[0].capacity: expected an integer, got 1.5")]
    [InlineData("""{"hosts": [], "members": [{"id": "j1"}, {"id": "j2", "priority": 12}], "history": []}""", "members[1].priority: 12 is outside 0..9")]
    [InlineData("""{"hosts": [], "members": [{"id": "j1", "priority": -1}], "history": []}""", "members[0].priority: -1 is outside 0..9")]
    [InlineData("""{"hosts": [{"id": "s1", "capacity": 1}], "members": [{"id": "s1"}], "history": []}""", "members[0].id: duplicate id \"s1\"")]
    [InlineData("""{"hosts": [{"id": "s1", "capacity": 1}], "members": [{"id": "j1"}], "history": [["s1", "j1"], ["j1", "x9"]]}""", "history[1][1]: unknown host or member id \"x9\"")]
    [InlineData("""{"history": [["s1", "x9"]], "hosts": [{"id": "s1", "capacity": 1}], "members": [{"id": "j1"}]}""", "history[0][1]: unknown host or member id \"x9\"")]
    [InlineData("""{"hosts": [], "members": [{"group": "x"}], "history": []}""", "members[0].id: required string is missing")]
    [InlineData("""{"hosts": [], "members": [], "history": [], "timeLimitSeconds": 0}""", "timeLimitSeconds: 0 is not a number of seconds in (0, 86400]")]
    public void Invalid_input_exits_2_with_one_line_naming_the_field(string problem, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.File("problem.json");
        File.WriteAllText(path, problem);

        var run = Processes.Mentoring("engine", "groups", "--in", path, "--out", folder.File("result.json"));

        Assert.Equal(2, run.ExitCode);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
    }

    /// <summary>A generated problem, with a short time limit so that an unproven one does not hold up the tests.</summary>
    private static string Generate(TempFolder folder, int hosts, int members, int cap, int seed)
    {
        var gen = Processes.EngineCheck("gen-groups", "--seed", $"{seed}", "--hosts", $"{hosts}", "--members", $"{members}", "--cap", $"{cap}");
        Assert.Equal(0, gen.ExitCode);
        var node = JsonNode.Parse(gen.StandardOutput)!;
        node["timeLimitSeconds"] = 1;
        var path = folder.File("problem.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    private static string Seating(ProcessResult run)
    {
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StandardOutput);
        return json.RootElement.GetProperty("groups").GetRawText();
    }
}
