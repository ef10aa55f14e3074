// The exact reference for `mentoring engine schedule` (see bench/README.md, "schedule").
//
//   dotnet ScheduleReference.dll PROBLEM.json [SECONDS_LEVELS_1_2] [SECONDS_LEVEL_3]
//
// Solves the contract's lexicographic objective level by level as a MILP with SCIP (600 s for
// each of levels 1 and 2, 60 s for level 3 unless told otherwise) and prints
// {"sessions","hostOfficeDays","attendeeOfficeDays","proven":[…],"bounds":[…],"seconds"}.
// It shares no code with the engine on purpose: time zones through the BCL's TimeZoneInfo instead
// of NodaTime, a variable per room instead of capacity counts, and none of the engine's cuts.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Google.OrTools.LinearSolver;

var problem = JsonDocument.Parse(File.ReadAllBytes(args[0])).RootElement;
var secondsPerLevel = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 600;
var secondsLevel3 = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60;
var clock = Stopwatch.StartNew();

var days = problem.GetProperty("days").EnumerateArray().Select(d => d.GetString()!).ToArray();
var rooms = problem.TryGetProperty("rooms", out var roomList)
    ? roomList.EnumerateArray().Select(r => r.GetProperty("capacity").GetInt32()).ToArray()
    : [];
var people = problem.GetProperty("people").EnumerateArray().ToDictionary(
    p => p.GetProperty("id").GetString()!,
    p => (
        Zone: p.TryGetProperty("timeZone", out var z) && z.ValueKind == JsonValueKind.String ? z.GetString() : null,
        Office: Dates(p, "officeDays"),
        Unavailable: Dates(p, "unavailable")));
var sessions = problem.GetProperty("sessions").EnumerateArray().Select(s => (
    Kind: s.GetProperty("kind").GetString()!,
    Attendees: s.GetProperty("participants").EnumerateArray().Select(p => p.GetString()!).Prepend(s.GetProperty("host").GetString()!).ToArray()))
    .ToArray();
var hosts = sessions.Select(s => s.Attendees[0]).ToHashSet();

string[] slots = ["morning", "lunch", "afternoon"];
(int, int)[] hours = [(9, 12), (12, 13), (13, 17)];

var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available");
solver.SetNumThreads(2);
var all = new List<Variable>();
var byPersonSlot = new Dictionary<(string, int, int), List<Variable>>();
var byRoomSlot = new Dictionary<(int, int, int), List<Variable>>();
var inPersonByPersonDay = new Dictionary<(string, int), List<Variable>>();
for (var s = 0; s < sessions.Length; s++)
{
    var (kind, who) = sessions[s];
    var once = solver.MakeConstraint(0, 1);
    for (var d = 0; d < days.Length; d++)
    {
        if (who.Any(w => people[w].Unavailable.Contains(days[d])))
        {
            continue;
        }
        for (var t = 0; t < 3; t++)
        {
            if (!Allowed(kind, who, d, t))
            {
                continue;
            }
            // Sessions that need a room get one variable per room that holds them.
            var roomsFor = kind is "coworking" or "group-mentoring"
                ? Enumerable.Range(0, rooms.Length).Where(r => rooms[r] >= who.Length).ToArray()
                : [-1];
            foreach (var r in roomsFor)
            {
                var v = solver.MakeBoolVar($"x{s}_{d}_{t}_{r}");
                all.Add(v);
                once.SetCoefficient(v, 1);
                foreach (var w in who)
                {
                    Add(byPersonSlot, (w, d, t), v);
                    if (kind is "lunch" or "group-lunch" or "coworking" or "group-mentoring")
                    {
                        Add(inPersonByPersonDay, (w, d), v);
                    }
                }
                if (r >= 0)
                {
                    Add(byRoomSlot, (r, d, t), v);
                }
            }
        }
    }
}
foreach (var list in byPersonSlot.Values.Concat(byRoomSlot.Values))
{
    var c = solver.MakeConstraint(0, 1);
    list.ForEach(v => c.SetCoefficient(v, 1));
}
var hostDays = new List<Variable>();
var otherDays = new List<Variable>();
var officeDayOf = new List<(Variable Y, List<Variable> Sessions)>();
foreach (var ((person, d), list) in inPersonByPersonDay)
{
    var y = solver.MakeBoolVar($"y{person}_{d}");
    officeDayOf.Add((y, list));
    (hosts.Contains(person) ? hostDays : otherDays).Add(y);
    foreach (var v in list)
    {
        var c = solver.MakeConstraint(0, double.PositiveInfinity);
        c.SetCoefficient(y, 1);
        c.SetCoefficient(v, -1);
    }
}

var values = new List<long>();
var proven = new List<bool>();
var bounds = new List<double>();
Level(all, maximize: true, secondsPerLevel);
Level(hostDays, maximize: false, secondsPerLevel);
Level(otherDays, maximize: false, secondsLevel3);
Console.WriteLine(JsonSerializer.Serialize(new
{
    sessions = values[0],
    hostOfficeDays = values[1],
    attendeeOfficeDays = values[2],
    proven,
    bounds,
    seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
}));
return 0;

// Optimises one level, then holds it at the value found for the levels after it.
void Level(List<Variable> terms, bool maximize, double seconds)
{
    var objective = solver.Objective();
    objective.Clear();
    terms.ForEach(v => objective.SetCoefficient(v, 1));
    if (maximize)
    {
        objective.SetMaximization();
    }
    else
    {
        objective.SetMinimization();
    }
    solver.SetTimeLimit((long)(seconds * 1000));
    // Without a reset the wrapper hands SCIP the changed model incrementally and it stops at once
    // with a stale "feasible".
    solver.Reset();
    var status = solver.Solve();
    if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
    {
        throw new InvalidOperationException($"SCIP: {status}");
    }
    var value = (long)Math.Round(objective.Value());
    // Start the next level from this solution (after Reset SCIP would start from scratch), with
    // office days only where a session is.
    var sessionValues = all.Select(v => Math.Round(v.SolutionValue())).ToArray();
    var dayValues = officeDayOf.Select(o => o.Sessions.Max(v => Math.Round(v.SolutionValue()))).ToArray();
    solver.SetHint([.. all, .. officeDayOf.Select(o => o.Y)], [.. sessionValues, .. dayValues]);
    values.Add(value);
    proven.Add(status == Solver.ResultStatus.OPTIMAL);
    bounds.Add(Math.Round(objective.BestBound(), 3));
    var hold = maximize ? solver.MakeConstraint(value, double.PositiveInfinity) : solver.MakeConstraint(double.NegativeInfinity, value);
    terms.ForEach(v => hold.SetCoefficient(v, 1));
}

bool Allowed(string kind, string[] who, int d, int t)
{
    switch (kind)
    {
        case "lunch" or "group-lunch" or "coworking" or "group-mentoring":
            var slotOk = kind is "lunch" or "group-lunch" ? t == 1 : t != 1;
            return slotOk && who.All(w => people[w].Office.Contains(days[d]));
        case "virtual-coworking" or "virtual-coffee" or "virtual-checkin":
            var hostZone = Zone(people[who[0]].Zone);
            var date = DateTime.ParseExact(days[d], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var start = ToUtc(date.AddHours(hours[t].Item1), hostZone);
            var end = ToUtc(date.AddHours(hours[t].Item2), hostZone);
            return who.All(w =>
            {
                var zone = people[w].Zone is null ? hostZone : Zone(people[w].Zone);
                var localDay = TimeZoneInfo.ConvertTimeFromUtc(start, zone).Date;
                var workStart = ToUtc(localDay.AddHours(9), zone);
                var workEnd = ToUtc(localDay.AddHours(17), zone);
                var from = start > workStart ? start : workStart;
                var to = end < workEnd ? end : workEnd;
                return (to - from).TotalSeconds >= 3600 - 1;
            });
        default:
            throw new InvalidOperationException($"unknown kind {kind}");
    }
}

static TimeZoneInfo Zone(string? id) => id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);

// A local time that the clocks skip is read with the offset from before the change, as Python's zoneinfo does.
static DateTime ToUtc(DateTime local, TimeZoneInfo zone) =>
    zone.IsInvalidTime(local)
        ? DateTime.SpecifyKind(local - zone.GetUtcOffset(local.AddHours(-3)), DateTimeKind.Utc)
        : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

static HashSet<string> Dates(JsonElement person, string name) =>
    person.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(d => d.GetString()!).ToHashSet() : [];

static void Add<TKey>(Dictionary<TKey, List<Variable>> map, TKey key, Variable v)
    where TKey : notnull
{
    if (!map.TryGetValue(key, out var list))
    {
        map[key] = list = [];
    }
    list.Add(v);
}
