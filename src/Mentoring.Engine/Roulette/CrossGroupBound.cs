namespace Mentoring.Engine.Roulette;

/// <summary>
/// The most cross-group pairs any round can have, from the group sizes alone (history ignored),
/// and the trio's group make-up that reaches it. When a repeat-free round reaches this bound it is
/// optimal on levels 1 and 2.
/// </summary>
/// <remarks>
/// With m people in pairs (m even) and a largest group of g, at most min(m/2, m − g) pairs are
/// cross-group: beyond m − g, the largest group must pair within itself. The bound is reached by
/// ordering people by group, largest group first, and pairing position i with i + m/2. With a trio,
/// the bound is the best over the trio's make-up (three groups, two, or one) taken from the three
/// largest groups: taking from smaller groups never leaves a smaller largest group behind.
/// </remarks>
internal static class CrossGroupBound
{
    /// <summary>The bound; <paramref name="trioGroups"/> gets the trio's groups (null when <paramref name="count"/> is even).</summary>
    public static int Compute(int[] groupSizes, int count, out int[]? trioGroups)
    {
        trioGroups = null;
        if (count % 2 == 0)
        {
            return Pairs(count, groupSizes.Length == 0 ? 0 : groupSizes.Max());
        }

        // The three largest groups (ties by index), and the largest of the rest.
        var order = Enumerable.Range(0, groupSizes.Length).OrderByDescending(g => groupSizes[g]).ThenBy(g => g).ToArray();
        var top = order.Take(3).ToArray();
        var rest = order.Length > 3 ? groupSizes[order[3]] : 0;
        var best = -1;
        var taken = new int[top.Length];
        for (var a = 0; a < top.Length; a++)
        {
            for (var b = a; b < top.Length; b++)
            {
                for (var c = b; c < top.Length; c++)
                {
                    Array.Clear(taken);
                    taken[a]++;
                    taken[b]++;
                    taken[c]++;
                    var largest = rest;
                    var feasible = true;
                    for (var i = 0; i < top.Length; i++)
                    {
                        feasible &= taken[i] <= groupSizes[top[i]];
                        largest = Math.Max(largest, groupSizes[top[i]] - taken[i]);
                    }
                    if (!feasible)
                    {
                        continue;
                    }
                    var inTrio = a != b && b != c ? 3 : a == c ? 0 : 2;
                    var total = inTrio + Pairs(count - 3, largest);
                    if (total > best)
                    {
                        best = total;
                        trioGroups = [top[a], top[b], top[c]];
                    }
                }
            }
        }
        return best;
    }

    private static int Pairs(int count, int largestGroup) => Math.Min(count / 2, count - largestGroup);
}
