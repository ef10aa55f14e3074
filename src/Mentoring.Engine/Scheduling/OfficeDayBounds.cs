namespace Mentoring.Engine.Scheduling;

/// <summary>
/// A lower bound on one person's office days, used as a cut in the model. Without it CP-SAT's
/// bound stays far below the optimum and levels 2 and 3 run into the time limit unproven.
/// <para>
/// Relaxation: only this person's own in-person sessions, each on a day where it is feasible;
/// per day at most one of them at lunch and two in the morning/afternoon. Let <c>m</c> be the
/// most of them that fit at all and <c>k</c> the fewest days that hold <c>m</c>. The sessions
/// that fit form a matroid (a sum of two transversal matroids) and every augmenting step opens at
/// most one new day, so a schedule with <c>n</c> of them needs at least <c>k − (m − n)</c> days.
/// </para>
/// </summary>
internal static class OfficeDayBounds
{
    /// <summary>Day sets tried per person; past it the bound is the smallest size not yet refuted (still valid).</summary>
    private const int CombinationBudget = 5_000;

    /// <summary>
    /// The bound's parts for one person's in-person sessions, and a set of <c>FewestDays</c> days
    /// that holds <c>MostSessions</c> of them (null when the search ran out of budget first).
    /// </summary>
    internal sealed record Bound(int MostSessions, int FewestDays, int[]? Days);

    /// <param name="sessions">Per session: whether it is a lunch, and the days it may go on.</param>
    public static Bound Compute(IReadOnlyList<(bool Lunch, int[] Days)> sessions)
    {
        var lunches = sessions.Where(s => s.Lunch).Select(s => s.Days).ToArray();
        var halves = sessions.Where(s => !s.Lunch).Select(s => s.Days).ToArray();
        var allDays = sessions.SelectMany(s => s.Days).Distinct().Order().ToArray();
        var lunchMost = Matching(lunches, allDays, 1);
        var halfMost = Matching(halves, allDays, 2);
        var most = lunchMost + halfMost;
        if (most == 0)
        {
            return new Bound(0, 0, []);
        }
        var tried = 0;
        for (var k = Math.Max(lunchMost, (halfMost + 1) / 2); k < allDays.Length; k++)
        {
            var pick = Enumerable.Range(0, k).ToArray();
            do
            {
                if (++tried > CombinationBudget)
                {
                    return new Bound(most, k, null);
                }
                var chosen = pick.Select(i => allDays[i]).ToArray();
                if (Matching(lunches, chosen, 1) == lunchMost && Matching(halves, chosen, 2) == halfMost)
                {
                    return new Bound(most, k, chosen);
                }
            }
            while (NextCombination(pick, allDays.Length));
        }
        return new Bound(most, allDays.Length, allDays);
    }

    /// <summary>The most sessions that fit on <paramref name="days"/> with <paramref name="perDay"/> per day (augmenting paths).</summary>
    private static int Matching(int[][] sessions, int[] days, int perDay)
    {
        var holder = new int[days.Length * perDay];
        Array.Fill(holder, -1);
        var matched = 0;
        for (var s = 0; s < sessions.Length; s++)
        {
            if (Augment(s, sessions, days, perDay, holder, new bool[holder.Length]))
            {
                matched++;
            }
        }
        return matched;
    }

    private static bool Augment(int s, int[][] sessions, int[] days, int perDay, int[] holder, bool[] seen)
    {
        foreach (var day in sessions[s])
        {
            var d = Array.BinarySearch(days, day);
            if (d < 0)
            {
                continue;
            }
            for (var place = d * perDay; place < (d + 1) * perDay; place++)
            {
                if (seen[place])
                {
                    continue;
                }
                seen[place] = true;
                if (holder[place] < 0 || Augment(holder[place], sessions, days, perDay, holder, seen))
                {
                    holder[place] = s;
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Steps <paramref name="pick"/> to the next k-subset of 0..n-1 in lexicographic order.</summary>
    private static bool NextCombination(int[] pick, int n)
    {
        var k = pick.Length;
        var i = k - 1;
        while (i >= 0 && pick[i] == n - k + i)
        {
            i--;
        }
        if (i < 0)
        {
            return false;
        }
        pick[i]++;
        for (var j = i + 1; j < k; j++)
        {
            pick[j] = pick[j - 1] + 1;
        }
        return true;
    }
}
