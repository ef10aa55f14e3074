namespace Mentoring.Engine.Matching;

/// <summary>
/// An assignment: for each mentee the pair it got (an index into <see cref="MenteePairs"/>) or -1,
/// with the three figures of the lexicographic objective.
/// </summary>
internal sealed class MatchResult
{
    public MatchResult(MatchProblem problem, int[] chosenPair, bool optimal)
    {
        ChosenPair = chosenPair;
        Optimal = optimal;
        for (var e = 0; e < chosenPair.Length; e++)
        {
            if (chosenPair[e] >= 0)
            {
                Matched++;
                PrioritySum += problem.Priorities[e];
                ScoreSum += problem.Pairs.Score[chosenPair[e]];
            }
        }
    }

    /// <summary>Per mentee, the index of its pair in <see cref="MatchProblem.Pairs"/>, or -1 when unmatched.</summary>
    public int[] ChosenPair { get; }

    /// <summary>True when the solver proved this the optimum; false when it stopped at the time limit.</summary>
    public bool Optimal { get; }

    public int Matched { get; }

    public long PrioritySum { get; }

    /// <summary>In units of 10^-4.</summary>
    public long ScoreSum { get; }
}
