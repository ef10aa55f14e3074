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

    public Occupancy(ScheduleProblem problem, RoomCapacity rooms)
    {
        this.problem = problem;
        this.rooms = rooms;
        roomLoad = new int[problem.Days.Count * 3 * rooms.ThresholdCount];
    }

    public bool AttendeesFree(int session, Placement at) =>
        problem.Sessions[session].Attendees.All(p => !busy.Contains(PersonSlot(p, at)));

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
