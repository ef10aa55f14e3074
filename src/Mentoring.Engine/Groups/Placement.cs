namespace Mentoring.Engine.Groups;

/// <summary>
/// Who gets a seat (objective levels 1 and 2, exact): as many members as there are seats, taken
/// by priority. Everyone above the cut-off priority is placed; of those at the cut-off, any
/// <see cref="TieSeats"/> may be, and the later stages choose which to help levels 3 and 4.
/// </summary>
internal sealed class Placement
{
    private Placement(int[] certain, int[] tied, int tieSeats)
    {
        Certain = certain;
        Tied = tied;
        TieSeats = tieSeats;
    }

    /// <summary>Members who must be placed.</summary>
    public int[] Certain { get; }

    /// <summary>Members at the cut-off priority: <see cref="TieSeats"/> of them are placed.</summary>
    public int[] Tied { get; }

    public int TieSeats { get; }

    public int Count => Certain.Length + TieSeats;

    public static Placement Choose(GroupsProblem problem)
    {
        var seats = 0L;
        foreach (var c in problem.Capacity)
        {
            seats += c;
        }
        var count = (int)Math.Min(seats, problem.MemberCount);
        if (count == 0)
        {
            return new Placement([], [], 0);
        }
        var byPriority = Enumerable.Range(0, problem.MemberCount).OrderByDescending(m => problem.Priority[m]).ThenBy(m => m).ToArray();
        var cutOff = problem.Priority[byPriority[count - 1]];
        var certain = byPriority.Where(m => problem.Priority[m] > cutOff).Order().ToArray();
        var tied = byPriority.Where(m => problem.Priority[m] == cutOff).Order().ToArray();
        return new Placement(certain, tied, count - certain.Length);
    }
}
