namespace Mentoring.Engine.Matching;

/// <summary>
/// A validated <c>match</c> problem with every id interned to an index.
/// Scores are held as integers in units of 10^-4 (the contract allows at most 4 decimals),
/// so that every sum the solver compares is exact.
/// </summary>
internal sealed class MatchProblem
{
    /// <summary>One unit of score: a score of 1 is held as 10 000.</summary>
    public const int ScoreScale = 10_000;

    public MatchProblem(string[] mentorIds, int[] capacities, string[] menteeIds, byte[] priorities, MenteePairs pairs)
    {
        MentorIds = mentorIds;
        Capacities = capacities;
        MenteeIds = menteeIds;
        Priorities = priorities;
        Pairs = pairs;
    }

    public string[] MentorIds { get; }

    /// <summary>How many mentees each mentor takes (≥ 0).</summary>
    public int[] Capacities { get; }

    public string[] MenteeIds { get; }

    /// <summary>Each mentee's priority, 0..9.</summary>
    public byte[] Priorities { get; }

    public MenteePairs Pairs { get; }

    /// <summary>How long the solver may search; past it, the best matching found so far is returned, not proven optimal.</summary>
    public double TimeLimitSeconds { get; init; } = double.PositiveInfinity;

    public int MentorCount => MentorIds.Length;

    public int MenteeCount => MenteeIds.Length;
}

/// <summary>
/// The allowed pairs grouped by mentee (compressed rows): the pairs of mentee <c>e</c> are the
/// indexes <c>Start[e] .. Start[e + 1] - 1</c> of <see cref="Mentor"/> and <see cref="Score"/>.
/// </summary>
internal sealed class MenteePairs
{
    public MenteePairs(int[] start, int[] mentor, int[] score)
    {
        Start = start;
        Mentor = mentor;
        Score = score;
    }

    public int[] Start { get; }

    public int[] Mentor { get; }

    /// <summary>Score in units of 10^-4, 0..10 000.</summary>
    public int[] Score { get; }

    public int Count => Mentor.Length;

    /// <summary>
    /// Groups pairs given in input order by mentee, keeping the input order inside each mentee
    /// (a stable counting sort: two passes, no comparisons).
    /// </summary>
    public static MenteePairs Group(int menteeCount, ReadOnlySpan<int> pairMentee, ReadOnlySpan<int> pairMentor, ReadOnlySpan<int> pairScore)
    {
        var start = new int[menteeCount + 1];
        foreach (var e in pairMentee)
        {
            start[e + 1]++;
        }
        for (var e = 0; e < menteeCount; e++)
        {
            start[e + 1] += start[e];
        }
        var next = start.AsSpan(0, menteeCount).ToArray();
        var mentor = new int[pairMentee.Length];
        var score = new int[pairMentee.Length];
        for (var i = 0; i < pairMentee.Length; i++)
        {
            var at = next[pairMentee[i]]++;
            mentor[at] = pairMentor[i];
            score[at] = pairScore[i];
        }
        return new MenteePairs(start, mentor, score);
    }
}
