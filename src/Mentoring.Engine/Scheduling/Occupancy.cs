namespace Mentoring.Engine.Scheduling;

/// <summary>
/// Who is busy when, who comes in on which day, and how full the rooms are, for a partial
/// schedule: the greedy start, the final fill-in pass and the reasons for what stays out.
/// </summary>
internal sealed class Occupancy
{
    private readonly ScheduleProblem problem;
    private readonly RoomCapacity rooms;
    private readonly HashSet<long> busy = [];
    private readonly HashSet<long> office = [];
    private readonly int[] roomLoad;
    private readonly Placements placements;

    // Per person, the sessions they are in and where: for real-time clashes across host zones.
    private readonly Dictionary<int, List<(int Session, Placement At)>> placed = [];

    public Occupancy(ScheduleProblem problem, RoomCapacity rooms, Placements placements)
    {
        this.problem = problem;
        this.rooms = rooms;
        this.placements = placements;
        roomLoad = new int[problem.Days.Count * 3 * rooms.ThresholdCount];
    }

    /// <summary>
    /// Whether every attendee is free: no session in the same day and slot (the contract's rule)
    /// and none that overlaps it in real time (a slot of a host in another zone).
    /// </summary>
    public bool AttendeesFree(int session, Placement at) =>
        problem.Sessions[session].Attendees.All(p => !busy.Contains(PersonSlot(p, at)) && !OverlapsInRealTime(p, session, at));

    private bool OverlapsInRealTime(int person, int session, Placement at) =>
        placements.RealTimeMatters && placed.TryGetValue(person, out var theirs)
        && theirs.Any(other => placements.Overlap(session, at, other.Session, other.At));

    public bool RoomFree(int session, Placement at)
    {
        for (var k = 0; k <= rooms.TopThreshold(session); k++)
        {
            if (roomLoad[RoomKey(at, k)] >= rooms.RoomsAtLeast[k])
            {
                return false;
            }
        }
        return true;
    }

    public bool CanPlace(int session, Placement at) => AttendeesFree(session, at) && RoomFree(session, at);

    public void Place(int session, Placement at)
    {
        var s = problem.Sessions[session];
        foreach (var p in s.Attendees)
        {
            busy.Add(PersonSlot(p, at));
            if (placements.RealTimeMatters)
            {
                (placed.TryGetValue(p, out var theirs) ? theirs : placed[p] = []).Add((session, at));
            }
            if (s.Kind.IsInPerson())
            {
                office.Add(PersonDay(p, at.Day));
            }
        }
        for (var k = 0; k <= rooms.TopThreshold(session); k++)
        {
            roomLoad[RoomKey(at, k)]++;
        }
    }

    /// <summary>Whether the person already comes in to the office on that day.</summary>
    public bool InOffice(int person, int day) => office.Contains(PersonDay(person, day));

    private long PersonDay(int person, int day) => ((long)person * problem.Days.Count) + day;

    private long PersonSlot(int person, Placement at) => (PersonDay(person, at.Day) * 3) + (int)at.Slot;

    private int RoomKey(Placement at, int threshold) => (((at.Day * 3) + (int)at.Slot) * rooms.ThresholdCount) + threshold;
}
