using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Engine.Scheduling;

namespace Mentoring.Engine.Tests.Scheduling;

/// <summary>
/// The engine against an exhaustive search on tiny random problems: the three levels of the
/// objective must equal the true optimum, and the schedule itself must hold every rule. The
/// search works the rules out on its own (time zones through the BCL's TimeZoneInfo, rooms one by
/// one), so a shared mistake is unlikely.
/// </summary>
public sealed class ScheduleBruteForceTests
{
    private static readonly string?[] Zones = ["Europe/London", "America/New_York", "Asia/Kolkata", null];

    private static readonly string[] Kinds =
        ["lunch", "group-lunch", "coworking", "group-mentoring", "virtual-coworking", "virtual-coffee", "virtual-checkin"];

    [Fact]
    public void Matches_the_exhaustive_optimum_on_small_random_problems()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var problem = RandomProblem(new Random(seed));
            var result = Solve(problem);
            var instance = new Instance(problem);
            var (count, hostDays, otherDays) = instance.Optimum();

            var context = $"seed {seed}: {problem.ToJsonString()}\nresult {result.ToJsonString()}";
            var (gotCount, gotHost, gotOther) = instance.Check(result, context);
            Assert.True(result["optimal"]!.GetValue<bool>(), context);
            Assert.Equal((count, hostDays, otherDays), (gotCount, gotHost, gotOther));
            Assert.Equal(gotHost, result["hostOfficeDays"]!.GetValue<int>());
            Assert.Equal(gotOther, result["attendeeOfficeDays"]!.GetValue<int>());
        }
    }

    [Fact]
    public void Rooms_of_different_sizes_are_shared_out_exactly()
    {
        // Two slots on one day, rooms of 2, 3 and 5, and sessions of sizes 5, 3, 3, 2, 2, 2: the
        // room counts must let through exactly what a per-room assignment allows.
        var people = new JsonArray();
        var sessions = new JsonArray();
        int[] sizes = [5, 3, 3, 2, 2, 2, 4];
        var next = 0;
        for (var s = 0; s < sizes.Length; s++)
        {
            var who = Enumerable.Range(next, sizes[s]).Select(i => $"p{i}").ToArray();
            next += sizes[s];
            foreach (var id in who)
            {
                people.Add(new JsonObject { ["id"] = id, ["officeDays"] = new JsonArray("2026-12-07") });
            }
            sessions.Add(new JsonObject
            {
                ["id"] = $"x{s}",
                ["kind"] = s % 2 == 0 ? "coworking" : "group-mentoring",
                ["host"] = who[0],
                ["participants"] = new JsonArray(who.Skip(1).Select(w => (JsonNode)w).ToArray()),
            });
        }
        var problem = new JsonObject
        {
            ["days"] = new JsonArray("2026-12-07"),
            ["rooms"] = new JsonArray(
                new JsonObject { ["id"] = "small", ["capacity"] = 2 },
                new JsonObject { ["id"] = "mid", ["capacity"] = 3 },
                new JsonObject { ["id"] = "big", ["capacity"] = 5 }),
            ["people"] = people,
            ["sessions"] = sessions,
        };
        var result = Solve(problem);
        var instance = new Instance(problem);
        var (count, _, _) = instance.Check(result, result.ToJsonString());
        Assert.Equal(instance.Optimum().Count, count);
        Assert.Equal(6, count);
    }

    internal static JsonObject Solve(JsonObject problem)
    {
        using var output = new MemoryStream();
        new ScheduleCommand().Run(Encoding.UTF8.GetBytes(problem.ToJsonString()), output);
        return JsonNode.Parse(output.ToArray())!.AsObject();
    }

    private static JsonObject RandomProblem(Random random)
    {
        var dayCount = random.Next(1, 4);
        var days = Enumerable.Range(0, dayCount)
            .Select(d => new DateOnly(2026, 3, 26).AddDays(d * random.Next(1, 3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Distinct()
            .ToArray();
        var personCount = random.Next(2, 6);
        var people = new JsonArray();
        for (var p = 0; p < personCount; p++)
        {
            var person = new JsonObject
            {
                ["id"] = $"p{p}",
                ["officeDays"] = new JsonArray(days.Where(_ => random.Next(3) > 0).Select(d => (JsonNode)d).ToArray()),
                ["unavailable"] = new JsonArray(days.Where(_ => random.Next(6) == 0).Select(d => (JsonNode)d).ToArray()),
            };
            if (Zones[random.Next(Zones.Length)] is { } zone)
            {
                person["timeZone"] = zone;
            }
            people.Add(person);
        }
        var rooms = new JsonArray();
        for (var r = random.Next(0, 3); r > 0; r--)
        {
            rooms.Add(new JsonObject { ["id"] = $"r{r}", ["capacity"] = random.Next(1, 5) });
        }
        var sessions = new JsonArray();
        for (var s = random.Next(1, 6); s > 0; s--)
        {
            var who = Enumerable.Range(0, personCount).OrderBy(_ => random.Next()).Take(random.Next(2, Math.Min(4, personCount) + 1)).ToArray();
            sessions.Add(new JsonObject
            {
                ["id"] = $"x{s}",
                ["kind"] = Kinds[random.Next(Kinds.Length)],
                ["host"] = $"p{who[0]}",
                ["participants"] = new JsonArray(who.Skip(1).Select(p => (JsonNode)$"p{p}").ToArray()),
            });
        }
        return new JsonObject
        {
            ["days"] = new JsonArray(days.Select(d => (JsonNode)d).ToArray()),
            ["rooms"] = rooms,
            ["people"] = people,
            ["sessions"] = sessions,
            ["timeLimitSeconds"] = 10,
        };
    }

    /// <summary>The rules, worked out independently of the engine, and an exhaustive search over them.</summary>
    private sealed class Instance
    {
        private static readonly (int Start, int End)[] SlotHours = [(9, 12), (12, 13), (13, 17)];
        private static readonly string[] SlotNames = ["morning", "lunch", "afternoon"];

        private readonly string[] days;
        private readonly (string Id, int Capacity)[] rooms;
        private readonly Dictionary<string, (string? Zone, HashSet<string> Office, HashSet<string> Unavailable)> people;
        private readonly (string Id, string Kind, string[] Who)[] sessions;
        private readonly HashSet<string> hosts;

        public Instance(JsonObject problem)
        {
            days = problem["days"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray();
            rooms = problem["rooms"]!.AsArray().Select(r => (r!["id"]!.GetValue<string>(), r["capacity"]!.GetValue<int>())).ToArray();
            people = problem["people"]!.AsArray().ToDictionary(
                p => p!["id"]!.GetValue<string>(),
                p => (p!["timeZone"]?.GetValue<string>(), Dates(p, "officeDays"), Dates(p, "unavailable")));
            sessions = problem["sessions"]!.AsArray().Select(s => (
                s!["id"]!.GetValue<string>(),
                s["kind"]!.GetValue<string>(),
                s["participants"]!.AsArray().Select(p => p!.GetValue<string>()).Prepend(s["host"]!.GetValue<string>()).ToArray()))
                .ToArray();
            hosts = sessions.Select(s => s.Who[0]).ToHashSet();
        }

        private static bool InPerson(string kind) => kind is "lunch" or "group-lunch" or "coworking" or "group-mentoring";

        private static bool NeedsRoom(string kind) => kind is "coworking" or "group-mentoring";

        /// <summary>Every (day, slot, room) a session may take on its own; room -1 when it needs none.</summary>
        public IEnumerable<(int Day, int Slot, int Room)> Options(int s)
        {
            var (_, kind, who) = sessions[s];
            for (var d = 0; d < days.Length; d++)
            {
                if (who.Any(w => people[w].Unavailable.Contains(days[d])))
                {
                    continue;
                }
                for (var t = 0; t < 3; t++)
                {
                    if (InPerson(kind))
                    {
                        if ((kind is "lunch" or "group-lunch") != (t == 1) || !who.All(w => people[w].Office.Contains(days[d])))
                        {
                            continue;
                        }
                    }
                    else if (!InsideWorkingHours(who, d, t))
                    {
                        continue;
                    }
                    if (!NeedsRoom(kind))
                    {
                        yield return (d, t, -1);
                        continue;
                    }
                    for (var r = 0; r < rooms.Length; r++)
                    {
                        if (rooms[r].Capacity >= who.Length)
                        {
                            yield return (d, t, r);
                        }
                    }
                }
            }
        }

        private bool InsideWorkingHours(string[] who, int d, int t)
        {
            var hostZone = Zone(people[who[0]].Zone);
            var date = DateTime.ParseExact(days[d], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var start = TimeZoneInfo.ConvertTimeToUtc(date.AddHours(SlotHours[t].Start), hostZone);
            var end = TimeZoneInfo.ConvertTimeToUtc(date.AddHours(SlotHours[t].End), hostZone);
            return who.All(w =>
            {
                var zone = people[w].Zone is null ? hostZone : Zone(people[w].Zone);
                var localDay = TimeZoneInfo.ConvertTimeFromUtc(start, zone).Date;
                var from = Max(start, TimeZoneInfo.ConvertTimeToUtc(localDay.AddHours(9), zone));
                var to = Min(end, TimeZoneInfo.ConvertTimeToUtc(localDay.AddHours(17), zone));
                return to - from >= TimeSpan.FromHours(1);
            });
        }

        private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

        private static TimeZoneInfo Zone(string? id) => id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);

        /// <summary>The slot in UTC: its hours in the host's zone (UTC without one) on that day.</summary>
        private (DateTime Start, DateTime End) Time(int s, int d, int t)
        {
            var hostZone = Zone(people[sessions[s].Who[0]].Zone);
            var date = DateTime.ParseExact(days[d], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return (TimeZoneInfo.ConvertTimeToUtc(date.AddHours(SlotHours[t].Start), hostZone),
                TimeZoneInfo.ConvertTimeToUtc(date.AddHours(SlotHours[t].End), hostZone));
        }

        /// <summary>Whether one of <paramref name="who"/> already has a session overlapping <paramref name="time"/> in real time.</summary>
        private static bool Overlaps(List<(string Who, DateTime Start, DateTime End)> busy, string[] who, (DateTime Start, DateTime End) time) =>
            busy.Any(b => who.Contains(b.Who) && b.Start < time.End && time.Start < b.End);

        /// <summary>The lexicographic optimum: (most sessions, then fewest host days, then fewest other days).</summary>
        public (int Count, int HostDays, int OtherDays) Optimum()
        {
            var options = Enumerable.Range(0, sessions.Length).Select(s => Options(s).ToArray()).ToArray();
            var taken = new HashSet<(string, int, int)>();
            var roomTaken = new HashSet<(int, int, int)>();
            var placed = new List<(int Session, int Day)>();
            var busy = new List<(string Who, DateTime Start, DateTime End)>();
            var best = (Count: -1, HostDays: 0, OtherDays: 0);
            Search(0);
            return best;

            void Search(int s)
            {
                if (s == sessions.Length)
                {
                    var (h, o) = OfficeDays(placed);
                    if (placed.Count > best.Count || (placed.Count == best.Count && (h < best.HostDays || (h == best.HostDays && o < best.OtherDays))))
                    {
                        best = (placed.Count, h, o);
                    }
                    return;
                }
                Search(s + 1);
                foreach (var (d, t, r) in options[s])
                {
                    var time = Time(s, d, t);
                    if (sessions[s].Who.Any(w => taken.Contains((w, d, t))) || (r >= 0 && roomTaken.Contains((r, d, t))) || Overlaps(busy, sessions[s].Who, time))
                    {
                        continue;
                    }
                    foreach (var w in sessions[s].Who)
                    {
                        taken.Add((w, d, t));
                        busy.Add((w, time.Start, time.End));
                    }
                    roomTaken.Add((r, d, t));
                    placed.Add((s, d));
                    Search(s + 1);
                    placed.RemoveAt(placed.Count - 1);
                    roomTaken.Remove((r, d, t));
                    busy.RemoveRange(busy.Count - sessions[s].Who.Length, sessions[s].Who.Length);
                    foreach (var w in sessions[s].Who)
                    {
                        taken.Remove((w, d, t));
                    }
                }
            }
        }

        private (int Hosts, int Others) OfficeDays(IEnumerable<(int Session, int Day)> placed)
        {
            var office = placed
                .Where(p => InPerson(sessions[p.Session].Kind))
                .SelectMany(p => sessions[p.Session].Who.Select(w => (w, p.Day)))
                .ToHashSet();
            var h = office.Count(x => hosts.Contains(x.w));
            return (h, office.Count - h);
        }

        /// <summary>Checks every rule on the engine's result; returns its three figures.</summary>
        public (int Count, int HostDays, int OtherDays) Check(JsonObject result, string context)
        {
            var taken = new HashSet<(string, int, int)>();
            var roomTaken = new HashSet<(int, int, int)>();
            var placed = new List<(int Session, int Day)>();
            var busy = new List<(string Who, DateTime Start, DateTime End)>();
            foreach (var a in result["assignments"]!.AsArray())
            {
                var s = Array.FindIndex(sessions, x => x.Id == a!["session"]!.GetValue<string>());
                var d = Array.IndexOf(days, a!["date"]!.GetValue<string>());
                var t = Array.IndexOf(SlotNames, a["slot"]!.GetValue<string>());
                var roomId = a["room"]?.GetValue<string>();
                var r = roomId is null ? -1 : Array.FindIndex(rooms, x => x.Id == roomId);
                Assert.True(s >= 0 && placed.All(p => p.Session != s), $"unknown or repeated session; {context}");
                Assert.True(Options(s).Contains((d, t, r)), $"{sessions[s].Id} may not go on {d}/{t}/{roomId}; {context}");
                Assert.True(sessions[s].Who.All(w => taken.Add((w, d, t))), $"double booking; {context}");
                var time = Time(s, d, t);
                Assert.False(Overlaps(busy, sessions[s].Who, time), $"{sessions[s].Id} overlaps another session of an attendee in real time; {context}");
                busy.AddRange(sessions[s].Who.Select(w => (w, time.Start, time.End)));
                Assert.True(r < 0 || roomTaken.Add((r, d, t)), $"room taken twice; {context}");
                placed.Add((s, d));
            }
            var unscheduled = result["unscheduled"]!.AsArray().Select(u => u!.GetValue<string>()).ToHashSet();
            Assert.Equal(sessions.Where((x, i) => placed.All(p => p.Session != i)).Select(x => x.Id).ToHashSet(), unscheduled);
            var reasons = result["unscheduledReasons"]!.AsObject();
            Assert.Equal(unscheduled, reasons.Select(r => r.Key).ToHashSet());
            var (h, o) = OfficeDays(placed);
            return (placed.Count, h, o);
        }

        private static HashSet<string> Dates(JsonNode person, string name) =>
            person[name]?.AsArray().Select(d => d!.GetValue<string>()).ToHashSet() ?? [];
    }
}
