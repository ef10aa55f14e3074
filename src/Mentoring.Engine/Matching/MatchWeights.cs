namespace Mentoring.Engine.Matching;

/// <summary>
/// Folds levels 2 and 3 of the objective into one integer weight per pair:
/// <c>priority × P + score</c>, where P is larger than any score sum a matching can reach, so a
/// higher priority sum always wins and the score sum only breaks its ties. Level 1 (the number
/// matched) is left to the solvers, which find a maximum flow first.
/// </summary>
internal readonly struct MatchWeights
{
    private MatchWeights(long priorityWeight) => PriorityWeight = priorityWeight;

    /// <summary>Larger than any reachable score sum: 10^4 × (most mentees that can be matched) + 1.</summary>
    public long PriorityWeight { get; }

    /// <summary>The largest weight of a pair.</summary>
    public long Max => 9 * PriorityWeight + MatchProblem.ScoreScale;

    public static MatchWeights For(MatchProblem problem)
    {
        long slots = 0;
        foreach (var c in problem.Capacities)
        {
            slots += c;
        }
        var mostMatched = Math.Min(slots, problem.MenteeCount);
        return new MatchWeights(MatchProblem.ScoreScale * mostMatched + 1);
    }

    public long Of(int priority, int score) => priority * PriorityWeight + score;
}
