using System.Text;
using System.Text.Json.Nodes;
using Mentoring.Engine.Common;
using Mentoring.Engine.Scheduling;
using Mentoring.Engine.Tests.Support;
using NodaTime;

namespace Mentoring.Engine.Tests.Scheduling;

/// <summary>Virtual sessions across time zones, including the days on which clocks change.</summary>
public sealed class ScheduleTimeZoneTests
{
    [Theory]
    // London 09–12 is 04–07 in New York, 12–13 is 07–08, 13–17 is 08–12: only the afternoon.
    [InlineData("Europe/London", "America/New_York", "2026-12-07", "afternoon")]
    // London 09–12 is 14:30–17:30 in Bengaluru: two and a half hours inside; nothing later is.
    [InlineData("Europe/London", "Asia/Kolkata", "2026-12-07", "morning")]
    // New York and Bengaluru never share an hour of 09:00–17:00.
    [InlineData("America/New_York", "Asia/Kolkata", "2026-12-07", "")]
    // New York 09–12 is 14–17 in London; lunch 12–13 is 17–18, just outside.
    [InlineData("America/New_York", "Europe/London", "2026-03-06", "morning")]
    // New York went to summer time on 8 March, London only on 29 March: for three weeks the New
    // York lunch slot is 16–17 in London and fits.
    [InlineData("America/New_York", "Europe/London", "2026-03-08", "morning lunch")]
    [InlineData("America/New_York", "Europe/London", "2026-03-09", "morning lunch")]
    [InlineData("America/New_York", "Europe/London", "2026-03-27", "morning lunch")]
    // London changes on the 29th (01:00 UTC): from that day the gap is five hours again.
    [InlineData("America/New_York", "Europe/London", "2026-03-29", "morning")]
    [InlineData("America/New_York", "Europe/London", "2026-03-30", "morning")]
    // The same pair the other way round: London afternoon is New York morning all along.
    [InlineData("Europe/London", "America/New_York", "2026-03-09", "afternoon")]
    [InlineData("Europe/London", "America/New_York", "2026-03-29", "afternoon")]
    // No time zone: the participant shares the host's, so every slot fits.
    [InlineData("Asia/Kolkata", null, "2026-03-29", "morning lunch afternoon")]
    public void Virtual_slots_follow_both_working_days(string hostZone, string? attendeeZone, string date, string expected)
    {
        var problem = Problem([date], [Person("h", hostZone), Person("a", attendeeZone)], [Session("x1", "virtual-checkin", "h", "a")]);
        var placements = Placements.Compute(ScheduleParser.Parse(Encoding.UTF8.GetBytes(problem.ToJsonString())));
        var slots = string.Join(' ', placements.BySession[0].Select(p => Slots.Names[(int)p.Slot]));
        Assert.Equal(expected, slots);
        if (expected.Length == 0)
        {
            Assert.Equal(UnscheduledReasons.NoWorkingHours, placements.Reasons[0]);
        }
    }

    [Fact]
    public void Slots_move_with_the_hosts_clocks()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var before = Slot.Morning.Interval(new LocalDate(2026, 3, 28), london);
        var after = Slot.Morning.Interval(new LocalDate(2026, 3, 29), london);
        Assert.Equal(Instant.FromUtc(2026, 3, 28, 9, 0), before.Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 8, 0), after.Start);
        Assert.Equal(Duration.FromHours(3), after.Duration);
    }

    [Fact]
    public void A_shorter_overlap_than_an_hour_does_not_count()
    {
        // London in summer, 12–13 BST is 11:00–12:00 UTC, 16:30–17:30 in Bengaluru: half an hour.
        var slot = Slot.Lunch.Interval(new LocalDate(2026, 6, 1), DateTimeZoneProviders.Tzdb["Europe/London"]);
        Assert.False(WorkingHours.HasWorkingHour(slot, DateTimeZoneProviders.Tzdb["Asia/Kolkata"]));
        var morning = Slot.Morning.Interval(new LocalDate(2026, 6, 1), DateTimeZoneProviders.Tzdb["Europe/London"]);
        Assert.True(WorkingHours.HasWorkingHour(morning, DateTimeZoneProviders.Tzdb["Asia/Kolkata"]));
    }

    [Fact]
    public void The_executable_uses_the_lunch_slot_only_while_the_clocks_disagree()
    {
        // Three virtual sessions between New York and London. On 6 March only the morning fits, on
        // 9 March morning and lunch: all three fit, one of them at lunch on the 9th. On 30 March it
        // is the morning alone again, so with 6 and 30 March one session stays out.
        JsonObject[] Sessions() =>
            [Session("c1", "virtual-checkin", "ny", "ldn"), Session("c2", "virtual-coffee", "ny", "ldn"), Session("c3", "virtual-coworking", "ny", "ldn")];
        using var folder = new TempFolder();

        var spring = Run(folder, "spring", Problem(["2026-03-06", "2026-03-09"], [Person("ny", "America/New_York"), Person("ldn", "Europe/London")], Sessions()));
        Assert.Empty(spring["unscheduled"]!.AsArray());
        var lunch = Assert.Single(spring["assignments"]!.AsArray(), a => a!["slot"]!.GetValue<string>() == "lunch");
        Assert.Equal("2026-03-09", lunch!["date"]!.GetValue<string>());

        var summer = Run(folder, "summer", Problem(["2026-03-06", "2026-03-30"], [Person("ny", "America/New_York"), Person("ldn", "Europe/London")], Sessions()));
        Assert.Equal(2, summer["assignments"]!.AsArray().Count);
        Assert.All(summer["assignments"]!.AsArray(), a => Assert.Equal("morning", a!["slot"]!.GetValue<string>()));
        var left = Assert.Single(summer["unscheduledReasons"]!.AsObject());
        Assert.Equal(UnscheduledReasons.AttendeesBusy, left.Value!.GetValue<string>());
    }

    private static JsonObject Run(TempFolder folder, string name, JsonObject problem)
    {
        var input = folder.File(name + ".json");
        var output = folder.File(name + ".result.json");
        File.WriteAllText(input, problem.ToJsonString());
        var run = Processes.Mentoring("engine", "schedule", "--in", input, "--out", output);
        Assert.True(run.ExitCode == 0, run.StandardError);
        var check = Processes.EngineCheck("check-schedule", input, output);
        Assert.True(check.ExitCode == 0, check.StandardOutput);
        return JsonNode.Parse(File.ReadAllText(output))!.AsObject();
    }

    internal static JsonObject Problem(string[] days, JsonObject[] people, JsonObject[] sessions) => new()
    {
        ["days"] = new JsonArray(days.Select(d => (JsonNode)d).ToArray()),
        ["rooms"] = new JsonArray(),
        ["people"] = new JsonArray(people),
        ["sessions"] = new JsonArray(sessions),
        ["timeLimitSeconds"] = 5,
    };

    internal static JsonObject Person(string id, string? zone)
    {
        var person = new JsonObject { ["id"] = id, ["officeDays"] = new JsonArray(), ["unavailable"] = new JsonArray() };
        if (zone is not null)
        {
            person["timeZone"] = zone;
        }
        return person;
    }

    internal static JsonObject Session(string id, string kind, string host, params string[] participants) => new()
    {
        ["id"] = id,
        ["kind"] = kind,
        ["host"] = host,
        ["participants"] = new JsonArray(participants.Select(p => (JsonNode)p).ToArray()),
    };
}
