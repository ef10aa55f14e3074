namespace Mentoring.Engine.Matching;

/// <summary>An allowed pair, by index into the mentor and mentee lists, with its score in [0, 1] (4 decimals count).</summary>
public readonly record struct MatchCandidate(int Mentor, int Mentee, double Score);

/// <summary>The engine's answer: each mentee's mentor index (or -1), and whether it is proven optimal.</summary>
public sealed record MatchSolution(int[] MentorOfMentee, int Matched, long PrioritySum, double ScoreSum, bool Optimal);

/// <summary>
/// The exact matching engine for the app's own features: the same solver as <c>mentoring engine match</c>,
/// with the same lexicographic objective (most matched, then priority sum, then score sum).
/// </summary>
public static class MatchingEngine
{
    public static MatchSolution Solve(IReadOnlyList<int> mentorCapacities, IReadOnlyList<int> menteePriorities, IReadOnlyList<MatchCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(mentorCapacities);
        ArgumentNullException.ThrowIfNull(menteePriorities);
        ArgumentNullException.ThrowIfNull(candidates);
        var menteeCount = menteePriorities.Count;
        var pairMentee = new int[candidates.Count];
        var pairMentor = new int[candidates.Count];
        var pairScore = new int[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if ((uint)c.Mentor >= (uint)mentorCapacities.Count || (uint)c.Mentee >= (uint)menteeCount || c.Score is < 0 or > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(candidates), $"candidate {i} is out of range");
            }
            pairMentee[i] = c.Mentee;
            pairMentor[i] = c.Mentor;
            pairScore[i] = (int)Math.Round(c.Score * MatchProblem.ScoreScale, MidpointRounding.AwayFromZero);
        }
        var problem = new MatchProblem(
            Enumerable.Range(0, mentorCapacities.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            mentorCapacities.Select(c => Math.Max(0, c)).ToArray(),
            Enumerable.Range(0, menteeCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            menteePriorities.Select(p => (byte)Math.Clamp(p, 0, 9)).ToArray(),
            MenteePairs.Group(menteeCount, pairMentee, pairMentor, pairScore));
        var result = Solve(problem);
        var mentorOf = new int[menteeCount];
        for (var e = 0; e < menteeCount; e++)
        {
            var pair = result.ChosenPair[e];
            mentorOf[e] = pair < 0 ? -1 : problem.Pairs.Mentor[pair];
        }
        return new MatchSolution(mentorOf, result.Matched, result.PrioritySum, (double)result.ScoreSum / MatchProblem.ScoreScale, result.Optimal);
    }

    /// <summary>The solve behind both entry points: this API and the command line's JSON adapter.</summary>
    internal static MatchResult Solve(MatchProblem problem) => MatchSolver.Solve(problem);
}
