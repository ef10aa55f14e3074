using System.Text.Json.Nodes;
using Mentoring.Engine.Scheduling;
using static Mentoring.Engine.Tests.Scheduling.ScheduleTimeZoneTests;

namespace Mentoring.Engine.Tests.Scheduling;

/// <summary>Each unscheduled session says why, in <c>unscheduledReasons</c>.</summary>
public sealed class ScheduleReasonsTests
{
    [Fact]
    public void Each_reason_names_what_stands_in_the_way()
    {
        var people = new[]
        {
            Office("s1", ["2026-12-07", "2026-12-08"]),
            Office("j1", ["2026-12-07"]),
            Office("j2", ["2026-12-08"]),
            Office("j3", ["2026-12-07", "2026-12-08"], unavailable: ["2026-12-07"]),
            Office("j4", ["2026-12-07", "2026-12-08"], unavailable: ["2026-12-07", "2026-12-08"]),
            Office("j5", ["2026-12-07", "2026-12-08"]),
            Office("j6", ["2026-12-07", "2026-12-08"]),
            Office("j7", ["2026-12-07"]),
            Office("j8", ["2026-12-07"]),
            Person("ny", "America/New_York"),
            Person("in", "Asia/Kolkata"),
        };
        people[0]["timeZone"] = "Europe/London";
        var problem = Problem(["2026-12-07", "2026-12-08"], people,
        [
            Session("common", "lunch", "s1", "j1", "j2"),
            Session("unavailable", "group-lunch", "s1", "j1", "j3"),
            Session("never", "virtual-coffee", "s1", "j4"),
            Session("room", "coworking", "s1", "j5", "j6"),
            Session("hours", "virtual-checkin", "ny", "in"),
            // j7 and j8 share one office day and one lunch slot: one of these two stays out.
            Session("first", "lunch", "j7", "j8"),
            Session("second", "lunch", "j8", "j7"),
        ]);
        problem["rooms"] = new JsonArray(new JsonObject { ["id"] = "booth", ["capacity"] = 2 });

        var reasons = ScheduleBruteForceTests.Solve(problem)["unscheduledReasons"]!.AsObject()
            .ToDictionary(r => r.Key, r => r.Value!.GetValue<string>());

        Assert.Equal(UnscheduledReasons.NoCommonOfficeDay, reasons["common"]);
        Assert.Equal(UnscheduledReasons.UnavailableOnCommonOfficeDays, reasons["unavailable"]);
        Assert.Equal(UnscheduledReasons.UnavailableEveryDay, reasons["never"]);
        Assert.Equal(UnscheduledReasons.NoRoomLargeEnough, reasons["room"]);
        Assert.Equal(UnscheduledReasons.NoWorkingHours, reasons["hours"]);
        var clash = Assert.Single(reasons, r => r.Key is "first" or "second");
        Assert.Equal(UnscheduledReasons.AttendeesBusy, clash.Value);
        Assert.Equal(6, reasons.Count);
    }

    [Fact]
    public void A_full_room_is_named_as_the_reason()
    {
        // Three coworking sessions of different people on one office day and one room: two slots.
        var people = Enumerable.Range(0, 6).Select(i => Office($"p{i}", ["2026-12-07"])).ToArray();
        var problem = Problem(["2026-12-07"], people,
            [Session("a", "coworking", "p0", "p1"), Session("b", "coworking", "p2", "p3"), Session("c", "group-mentoring", "p4", "p5")]);
        problem["rooms"] = new JsonArray(new JsonObject { ["id"] = "r1", ["capacity"] = 4 });

        var result = ScheduleBruteForceTests.Solve(problem);
        Assert.Equal(2, result["assignments"]!.AsArray().Count);
        Assert.All(result["assignments"]!.AsArray(), a => Assert.Equal("r1", a!["room"]!.GetValue<string>()));
        var reason = Assert.Single(result["unscheduledReasons"]!.AsObject());
        Assert.Equal(UnscheduledReasons.RoomsTaken, reason.Value!.GetValue<string>());
        Assert.True(result["optimal"]!.GetValue<bool>());
    }

    [Fact]
    public void Without_days_nothing_is_scheduled_and_the_reason_says_so()
    {
        var problem = Problem([], [Person("s1", null), Person("j1", null)], [Session("x1", "virtual-checkin", "s1", "j1")]);
        var result = ScheduleBruteForceTests.Solve(problem);
        Assert.Empty(result["assignments"]!.AsArray());
        Assert.Equal(UnscheduledReasons.NoDays, result["unscheduledReasons"]!["x1"]!.GetValue<string>());
        Assert.True(result["optimal"]!.GetValue<bool>());
    }

    private static JsonObject Office(string id, string[] officeDays, string[]? unavailable = null)
    {
        var person = Person(id, null);
        person["officeDays"] = new JsonArray(officeDays.Select(d => (JsonNode)d).ToArray());
        person["unavailable"] = new JsonArray((unavailable ?? []).Select(d => (JsonNode)d).ToArray());
        return person;
    }
}
