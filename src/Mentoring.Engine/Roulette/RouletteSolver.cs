using Mentoring.Engine.Common;

namespace Mentoring.Engine.Roulette;

/// <summary>
/// One roulette round: the fast search first; when it reaches the upper bounds of all three levels
/// (no repeat, the cross-group bound, every pair sharing working hours) the round is proven
/// optimal. Otherwise, up to <see cref="ExactLimit"/> people, the exact matching decides.
/// </summary>
internal static class RouletteSolver
{
    /// <summary>
    /// Largest count solved exactly when the search cannot prove its round: the matching is O(n³)
    /// on the complete graph; at this size well under a second, up to about 3.5 s for an odd count
    /// whose history holds nearly every pair.
    /// </summary>
    public const int ExactLimit = 1000;

    public static RouletteRound Solve(RouletteProblem problem)
    {
        var n = problem.Count;
        if (n == 1)
        {
            throw JsonInput.Invalid("participants", "one participant cannot be paired: a round needs nobody or at least two people");
        }
        var score = new RouletteScore(problem);
        if (n == 0)
        {
            return new RouletteRound([], null, score) { Optimal = true };
        }

        var random = new SeededRandom(problem.Seed);
        var groupSizes = new int[problem.GroupCount];
        foreach (var g in problem.Group)
        {
            groupSizes[g]++;
        }
        var crossBound = CrossGroupBound.Compute(groupSizes, n, out var trioGroups);
        var round = RouletteSearch.Run(problem, score, random, crossBound, trioGroups);
        if (round.Repeats == 0 && round.CrossGroup == crossBound && round.Overlap == score.InnerPairs)
        {
            return new RouletteRound(round.Partner, round.Trio, score) { Optimal = true };
        }
        return n <= ExactLimit ? RouletteExact.Solve(problem, score, random, round) : round;
    }
}
