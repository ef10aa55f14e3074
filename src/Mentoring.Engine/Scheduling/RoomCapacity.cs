namespace Mentoring.Engine.Scheduling;

/// <summary>
/// Rooms without a variable per room. A session fits every room at least as large as it is, so
/// the rooms that fit form a chain of nested sets, and by Hall's theorem the sessions of one day
/// and slot can be given distinct rooms exactly when, for every session size k, the sessions of
/// size ≥ k number at most the rooms of capacity ≥ k. The model counts per size threshold;
/// <see cref="Assign"/> picks the actual rooms afterwards.
/// </summary>
internal sealed class RoomCapacity
{
    private readonly ScheduleProblem problem;
    private readonly int[] thresholds;
    private readonly int[] thresholdOfSession;

    public RoomCapacity(ScheduleProblem problem, Placements placements)
    {
        this.problem = problem;
        thresholds = problem.Sessions
            .Where((s, i) => s.Kind.NeedsRoom() && placements.BySession[i].Length > 0)
            .Select(s => s.Size)
            .Distinct()
            .Order()
            .ToArray();
        RoomsAtLeast = thresholds.Select(k => problem.Rooms.Count(r => r.Capacity >= k)).ToArray();
        thresholdOfSession = problem.Sessions
            .Select(s => s.Kind.NeedsRoom() ? Array.BinarySearch(thresholds, s.Size) : -1)
            .ToArray();
    }

    /// <summary>How many size thresholds there are.</summary>
    public int ThresholdCount => thresholds.Length;

    /// <summary>For each threshold k, how many rooms have at least that capacity.</summary>
    public int[] RoomsAtLeast { get; }

    /// <summary>
    /// The highest threshold a session counts towards (it counts towards all below as well), or
    /// -1 when it needs no room or cannot be placed.
    /// </summary>
    public int TopThreshold(int session) => thresholdOfSession[session];

    /// <summary>
    /// Gives each room-needing session of one day and slot a room: the largest sessions first,
    /// each the smallest free room that holds it. Every room taken before holds the current
    /// session too, so when the counts above hold this never runs out.
    /// </summary>
    public int[] Assign(IReadOnlyList<int> sessions)
    {
        var order = problem.Rooms.Select((r, i) => i).OrderBy(i => problem.Rooms[i].Capacity).ToArray();
        var taken = new bool[problem.Rooms.Count];
        var rooms = new int[sessions.Count];
        foreach (var i in Enumerable.Range(0, sessions.Count).OrderByDescending(i => problem.Sessions[sessions[i]].Size))
        {
            var size = problem.Sessions[sessions[i]].Size;
            var free = Array.FindIndex(order, r => !taken[r] && problem.Rooms[r].Capacity >= size);
            if (free < 0)
            {
                throw new InvalidOperationException("room counts hold but no room is left; the room model is wrong");
            }
            var room = order[free];
            taken[room] = true;
            rooms[i] = room;
        }
        return rooms;
    }
}
