namespace Mentoring.Engine.Matching;

/// <summary>An allowed pair, by index into the mentor and mentee lists, with its score in [0, 1] (4 decimals count).</summary>
public readonly record struct MatchCandidate(int Mentor, int Mentee, double Score);

/// <summary>
/// Allowed pairs grouped by mentee, for a dense problem (millions of pairs) without an object per pair:
/// the pairs of mentee <c>e</c> are entries <c>Start[e] .. Start[e + 1] - 1</c> of <see cref="Mentor"/>
/// (a mentor index) and <see cref="Score"/> (in [0, 1], 4 decimals count). Only the first
/// <c>Start[^1]</c> entries are read, so the arrays may be longer. The same pairs as a list of
/// <see cref="MatchCandidate"/> in mentee order give the same solution.
/// </summary>
public sealed record MatchCandidateRows(int[] Start, int[] Mentor, double[] Score);

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
        return Solve(mentorCapacities, menteePriorities, MenteePairs.Group(menteeCount, pairMentee, pairMentor, pairScore));
    }

    /// <summary>The same solve for pairs already grouped by mentee, read straight from arrays.</summary>
    public static MatchSolution Solve(IReadOnlyList<int> mentorCapacities, IReadOnlyList<int> menteePriorities, MatchCandidateRows candidates)
    {
        ArgumentNullException.ThrowIfNull(mentorCapacities);
        ArgumentNullException.ThrowIfNull(menteePriorities);
        ArgumentNullException.ThrowIfNull(candidates);
        var menteeCount = menteePriorities.Count;
        var start = candidates.Start;
        if (start.Length != menteeCount + 1 || start[0] != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(candidates), "start needs one entry per mentee and one more, from 0");
        }
        for (var e = 0; e < menteeCount; e++)
        {
            if (start[e + 1] < start[e])
            {
                throw new ArgumentOutOfRangeException(nameof(candidates), $"start of mentee {e + 1} is before mentee {e}'s");
            }
        }
        var count = start[menteeCount];
        if (count > candidates.Mentor.Length || count > candidates.Score.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(candidates), "fewer mentors or scores than pairs");
        }
        var mentor = candidates.Mentor.AsSpan(0, count).ToArray();
        var score = new int[count];
        var mentors = (uint)mentorCapacities.Count;
        for (var i = 0; i < count; i++)
        {
            var value = candidates.Score[i];
            if ((uint)mentor[i] >= mentors || value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(candidates), $"candidate {i} is out of range");
            }
            score[i] = (int)Math.Round(value * MatchProblem.ScoreScale, MidpointRounding.AwayFromZero);
        }
        return Solve(mentorCapacities, menteePriorities, new MenteePairs([.. start], mentor, score));
    }

    private static MatchSolution Solve(IReadOnlyList<int> mentorCapacities, IReadOnlyList<int> menteePriorities, MenteePairs pairs)
    {
        var menteeCount = menteePriorities.Count;
        var problem = new MatchProblem(
            Enumerable.Range(0, mentorCapacities.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            mentorCapacities.Select(c => Math.Max(0, c)).ToArray(),
            Enumerable.Range(0, menteeCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            menteePriorities.Select(p => (byte)Math.Clamp(p, 0, 9)).ToArray(),
            pairs);
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
