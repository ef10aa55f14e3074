using Mentoring.Engine.Tests.Support;

namespace Mentoring.Engine.Tests.Scheduling;

/// <summary>Invalid problems through the real executable: exit 2 and one line that names the field.</summary>
public sealed class ScheduleBadInputTests
{
    private const string People =
        """[{"id":"s1","timeZone":"Europe/London","officeDays":["2026-12-07"]},{"id":"j1"}]""";

    private const string Session = """{"id":"x1","kind":"lunch","host":"s1","participants":["j1"]}""";

    public static TheoryData<string, string> Cases => new()
    {
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[{"id":"x1","kind":"lunch","host":"s1","participants":["j1","j99"]}]}""",
            "sessions[0].participants[1]: unknown person \"j99\""
        },
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[{"id":"x1","kind":"lunch","host":"s9","participants":["j1"]}]}""",
            "sessions[0].host: unknown person \"s9\""
        },
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[{"id":"x1","kind":"brunch","host":"s1","participants":["j1"]}]}""",
            "sessions[0].kind: unknown kind \"brunch\" (one of lunch, group-lunch, coworking, group-mentoring, virtual-coworking, virtual-coffee, virtual-checkin)"
        },
        {
            $$"""{"days":["2026-12-07","2026-12-08","2026-13-01"],"people":{{People}},"sessions":[]}""",
            "days[2]: \"2026-13-01\" is not a date (yyyy-MM-dd)"
        },
        {
            $$"""{"days":["2026-12-07","2026-12-07"],"people":{{People}},"sessions":[]}""",
            "days[1]: duplicate date \"2026-12-07\""
        },
        {
            """{"days":["2026-12-07"],"people":[{"id":"s1","officeDays":["7 Dec"]}],"sessions":[]}""",
            "people[0].officeDays[0]: \"7 Dec\" is not a date (yyyy-MM-dd)"
        },
        {
            """{"days":["2026-12-07"],"people":[{"id":"s1"},{"id":"j1","timeZone":"Mars/Olympus_Mons"}],"sessions":[]}""",
            "people[1].timeZone: unknown IANA time zone \"Mars/Olympus_Mons\""
        },
        {
            """{"days":["2026-12-07"],"people":[{"id":"s1"},{"id":"j1"},{"id":"s1"}],"sessions":[]}""",
            "people[2].id: duplicate id \"s1\""
        },
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[{{Session}},{{Session}}]}""",
            "sessions[1].id: duplicate id \"x1\""
        },
        {
            $$"""{"days":["2026-12-07"],"rooms":[{"id":"r1","capacity":4},{"id":"r1","capacity":2}],"people":{{People}},"sessions":[]}""",
            "rooms[1].id: duplicate id \"r1\""
        },
        {
            $$"""{"days":["2026-12-07"],"rooms":[{"id":"r1","capacity":0}],"people":{{People}},"sessions":[]}""",
            "rooms[0].capacity: 0 is less than 1"
        },
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[{"id":"x1","kind":"lunch","host":"s1","participants":["s1"]}]}""",
            "sessions[0].participants[0]: \"s1\" is the host of this session"
        },
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[{"id":"x1","kind":"coworking","host":"s1","participants":["j1","j1"]}]}""",
            "sessions[0].participants[1]: \"j1\" is listed twice"
        },
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[],"timeLimitSeconds":0}""",
            "timeLimitSeconds: 0 is outside (0, 86400]"
        },
        {
            $$"""{"people":{{People}},"sessions":[]}""",
            "days: missing"
        },
        {
            $$"""{"days":["2026-12-07"],"people":{{People}},"sessions":[{"kind":"lunch","host":"s1","participants":["j1"]}]}""",
            "sessions[0].id: missing"
        },
        {
            "{\"days\":[\"2026-12-07\"],\n\"rooms\":[{\"id\":\"r1\",\"capacity\":\"six\"}]}",
            "rooms[0].capacity: value of the wrong type at line 2, position 37"
        },
        {
            "{\"days\":[\"2026-12-07\"],\n  \"people\": [ {\"id\":\"s1\"}, ]\n}",
            "invalid JSON at line 2, position 28: The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options."
        },
        {
            "{\"days\":[\"2026-12-07\"",
            "invalid JSON at line 1, position 22: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed."
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_input_exits_2_with_one_line_naming_the_field(string problem, string message)
    {
        using var folder = new TempFolder();
        var input = folder.File("problem.json");
        File.WriteAllText(input, problem);
        var run = Processes.Mentoring("engine", "schedule", "--in", input, "--out", folder.File("result.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.StandardError.TrimEnd('\n', '\r'));
        Assert.False(File.Exists(folder.File("result.json")));
    }

    [Fact]
    public void Dates_outside_the_planned_days_are_ignored()
    {
        using var folder = new TempFolder();
        var input = folder.File("problem.json");
        File.WriteAllText(input, """
            {"days":["2026-12-07"],
             "people":[{"id":"s1","officeDays":["2026-12-07","2027-01-04"],"unavailable":["2026-12-25"]},
                       {"id":"j1","officeDays":["2026-12-07"]}],
             "sessions":[{"id":"x1","kind":"lunch","host":"s1","participants":["j1"]}],
             "timeLimitSeconds":5}
            """);
        var run = Processes.Mentoring("engine", "schedule", "--in", input, "--out", "-");
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("\"session\":\"x1\",\"date\":\"2026-12-07\",\"slot\":\"lunch\",\"room\":null", run.StandardOutput, StringComparison.Ordinal);
    }
}
