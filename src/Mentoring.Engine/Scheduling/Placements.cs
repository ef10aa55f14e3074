using NodaTime;

using Mentoring.Engine.Common;

namespace Mentoring.Engine.Scheduling;

/// <summary>A day (index into <see cref="ScheduleProblem.Days"/>) and a slot.</summary>
internal readonly record struct Placement(int Day, Slot Slot);

/// <summary>Why a session stays unscheduled; the strings go out in <c>unscheduledReasons</c>.</summary>
internal static class UnscheduledReasons
{
    public const string NoDays = "no days to schedule on";
    public const string NoRoomLargeEnough = "no room large enough";
    public const string NoCommonOfficeDay = "no common office day";
    public const string UnavailableOnCommonOfficeDays = "an attendee is unavailable on every common office day";
    public const string UnavailableEveryDay = "an attendee is unavailable on every day";
    public const string NoWorkingHours = "no slot inside everyone's working hours";
    public const string AttendeesBusy = "nobody free in that slot: attendees have other sessions in every possible slot";
    public const string RoomsTaken = "no free room: every possible slot has an attendee busy or all fitting rooms taken";
}

/// <summary>
/// Where each session may go on its own, before any other session is placed: the days and slots
/// its kind, its attendees' office days, unavailability and working hours allow (and, for a
/// session that needs a room, only when some room is large enough). A session with none gets a
/// reason instead.
/// </summary>
internal sealed class Placements
{
    private readonly int[] zoneOfSession;
    private readonly Interval[][] slotTimes;

    private Placements(Placement[][] bySession, string?[] reasons, int[] zoneOfSession, Interval[][] slotTimes)
    {
        BySession = bySession;
        Reasons = reasons;
        this.zoneOfSession = zoneOfSession;
        this.slotTimes = slotTimes;
    }

    /// <summary>
    /// Whether sessions are planned in more than one host zone: only then can two sessions
    /// overlap in real time without sharing a day and slot, and the real-time checks are needed.
    /// </summary>
    public bool RealTimeMatters => slotTimes.Length > 1;

    /// <summary>When a session placed at <paramref name="at"/> takes place: the slot in its host's zone (UTC without one).</summary>
    public Interval Time(int session, Placement at) => slotTimes[zoneOfSession[session]][(at.Day * 3) + (int)at.Slot];

    /// <summary>Whether two placed sessions overlap in real time.</summary>
    public bool Overlap(int a, Placement atA, int b, Placement atB)
    {
        var x = Time(a, atA);
        var y = Time(b, atB);
        return x.Start < y.End && y.Start < x.End;
    }

    /// <summary>The feasible placements of each session, in day then slot order.</summary>
    public Placement[][] BySession { get; }

    /// <summary>Why a session has no feasible placement; null when it has one.</summary>
    public string?[] Reasons { get; }

    public static Placements Compute(ScheduleProblem problem)
    {
        var dayCount = problem.Days.Count;
        var largestRoom = problem.Rooms.Count == 0 ? 0 : problem.Rooms.Max(r => r.Capacity);
        var windows = new Dictionary<(string Host, string Attendee), bool[]>();
        var bySession = new Placement[problem.Sessions.Count][];
        var reasons = new string?[problem.Sessions.Count];

        for (var s = 0; s < problem.Sessions.Count; s++)
        {
            var session = problem.Sessions[s];
            var attendees = session.Attendees.Select(p => problem.People[p]).ToArray();
            var placements = new List<Placement>();
            string? reason = null;
            if (dayCount == 0)
            {
                reason = UnscheduledReasons.NoDays;
            }
            else if (session.Kind.NeedsRoom() && session.Size > largestRoom)
            {
                reason = UnscheduledReasons.NoRoomLargeEnough;
            }
            else if (session.Kind.IsInPerson())
            {
                var anyCommonOfficeDay = false;
                for (var d = 0; d < dayCount; d++)
                {
                    if (!attendees.All(a => a.OfficeDay[d]))
                    {
                        continue;
                    }
                    anyCommonOfficeDay = true;
                    if (attendees.Any(a => a.Unavailable[d]))
                    {
                        continue;
                    }
                    placements.AddRange(Slots.All.Where(t => session.Kind.Allows(t)).Select(t => new Placement(d, t)));
                }
                reason = anyCommonOfficeDay ? UnscheduledReasons.UnavailableOnCommonOfficeDays : UnscheduledReasons.NoCommonOfficeDay;
            }
            else
            {
                // A person without a time zone shares the host's; a host without one works in UTC
                // (as the reference checker takes it).
                var hostZone = attendees[0].Zone ?? DateTimeZone.Utc;
                var slotFits = attendees
                    .Select(a => Windows(windows, problem.Days, hostZone, a.Zone ?? hostZone))
                    .ToArray();
                var anyAvailableDay = false;
                for (var d = 0; d < dayCount; d++)
                {
                    if (attendees.Any(a => a.Unavailable[d]))
                    {
                        continue;
                    }
                    anyAvailableDay = true;
                    foreach (var t in Slots.All)
                    {
                        if (slotFits.All(fits => fits[(d * 3) + (int)t]))
                        {
                            placements.Add(new Placement(d, t));
                        }
                    }
                }
                reason = anyAvailableDay ? UnscheduledReasons.NoWorkingHours : UnscheduledReasons.UnavailableEveryDay;
            }
            bySession[s] = [.. placements];
            reasons[s] = placements.Count == 0 ? reason : null;
        }

        // Every slot as real time, per host zone: two sessions of one person clash when these overlap.
        var zoneIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotTimes = new List<Interval[]>();
        var zoneOfSession = new int[problem.Sessions.Count];
        for (var s = 0; s < problem.Sessions.Count; s++)
        {
            var zone = problem.People[problem.Sessions[s].Host].Zone ?? DateTimeZone.Utc;
            if (!zoneIndex.TryGetValue(zone.Id, out var z))
            {
                z = zoneIndex[zone.Id] = slotTimes.Count;
                var times = new Interval[dayCount * 3];
                for (var d = 0; d < dayCount; d++)
                {
                    foreach (var t in Slots.All)
                    {
                        times[(d * 3) + (int)t] = t.Interval(problem.Days[d], zone);
                    }
                }
                slotTimes.Add(times);
            }
            zoneOfSession[s] = z;
        }
        return new Placements(bySession, reasons, zoneOfSession, [.. slotTimes]);
    }

    /// <summary>
    /// For a host zone and an attendee zone, which (day, slot) pairs leave the attendee an hour of
    /// working time; the same pair of zones recurs across many sessions, so it is worked out once.
    /// </summary>
    private static bool[] Windows(
        Dictionary<(string, string), bool[]> cache, IReadOnlyList<LocalDate> days, DateTimeZone hostZone, DateTimeZone attendeeZone)
    {
        var key = (hostZone.Id, attendeeZone.Id);
        if (!cache.TryGetValue(key, out var fits))
        {
            fits = new bool[days.Count * 3];
            for (var d = 0; d < days.Count; d++)
            {
                foreach (var t in Slots.All)
                {
                    fits[(d * 3) + (int)t] = WorkingHours.HasWorkingHour(t.Interval(days[d], hostZone), attendeeZone);
                }
            }
            cache[key] = fits;
        }
        return fits;
    }
}
