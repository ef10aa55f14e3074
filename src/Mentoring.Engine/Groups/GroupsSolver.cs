
using Mentoring.Engine.Common;

namespace Mentoring.Engine.Groups;

/// <summary>A seating: each member's host (or -1), with its repeats and mixing.</summary>
internal sealed record GroupsSolution(int[] TableOf, int Repeats, int Mixing, bool Optimal);

/// <summary>
/// Groups: placement by priority (levels 1–2, exact by construction), then repeats and mixing
/// (levels 3–4) by local search; proven optimal when the search reaches no repeats and the mixing
/// bound, otherwise CP-SAT takes the search's seating as a hint and proves or improves it within
/// the time limit, when the model is small enough.
/// </summary>
internal static class GroupsSolver
{
    public static GroupsSolution Solve(GroupsProblem problem)
    {
        var placement = Placement.Choose(problem);
        var bound = MixingBound(problem, placement);
        var seating = GroupsSearch.Run(problem, placement, new SeededRandom(problem.Seed), bound);
        var found = new GroupsSolution(seating.TableOf, seating.TotalRepeats(), seating.TotalMixing(), Optimal: false);
        if (found.Repeats == 0 && found.Mixing == bound)
        {
            return found with { Optimal = true };
        }
        return GroupsCpSat.Fits(problem, placement) ? GroupsCpSat.Solve(problem, placement, found, bound) : found;
    }

    /// <summary>
    /// The most mixing any seating of the placed members can have, ignoring history. Mixing counts
    /// (group, table) pairs with someone of the group at the table: a flow from groups (at most the
    /// group's placed members) to tables (at most one per group, at most the table's seats). By
    /// max-flow/min-cut on this complete bipartite graph the bound is the minimum over k of the
    /// seats outside the k largest tables plus Σ min(group size, k). At the cut-off priority a group
    /// counts with as many tied members as could be placed, which keeps the bound valid for any choice.
    /// </summary>
    public static int MixingBound(GroupsProblem problem, Placement placement)
    {
        var placed = placement.Count;
        var groupSize = new long[problem.GroupCount];
        foreach (var m in placement.Certain)
        {
            groupSize[problem.Group[m]]++;
        }
        var tiedSize = new long[problem.GroupCount];
        foreach (var m in placement.Tied)
        {
            tiedSize[problem.Group[m]]++;
        }
        for (var g = 0; g < groupSize.Length; g++)
        {
            groupSize[g] += Math.Min(tiedSize[g], placement.TieSeats);
        }
        var sizes = groupSize.Where(s => s > 0).Order().ToArray();
        var seats = problem.Capacity.Where(c => c > 0).Select(c => (long)Math.Min(c, placed)).OrderDescending().ToArray();

        var best = (long)placed;
        var outside = seats.Sum();
        long smallGroups = 0;  // Σ sizes ≤ k
        var next = 0;          // first group size > k
        for (var k = 0; k <= seats.Length; k++)
        {
            while (next < sizes.Length && sizes[next] <= k)
            {
                smallGroups += sizes[next++];
            }
            best = Math.Min(best, outside + smallGroups + ((long)k * (sizes.Length - next)));
            if (k < seats.Length)
            {
                outside -= seats[k];
            }
        }
        return (int)best;
    }
}
