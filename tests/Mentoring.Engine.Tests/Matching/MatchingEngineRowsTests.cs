using Mentoring.Engine.Matching;

namespace Mentoring.Engine.Tests.Matching;

/// <summary>The array input of <see cref="MatchingEngine"/> is the list input without an object per pair: same problem, same answer.</summary>
public class MatchingEngineRowsTests
{
    [Theory]
    [InlineData(1, 40, 12, 1.0)]
    [InlineData(2, 300, 60, 0.9)]
    [InlineData(3, 500, 40, 0.3)]
    [InlineData(4, 200, 200, 0.05)]
    public void Rows_give_the_same_solution_as_the_same_pairs_in_a_list(int seed, int mentees, int mentors, double density)
    {
        var random = new Random(seed);
        var capacities = Enumerable.Range(0, mentors).Select(_ => random.Next(0, 5)).ToArray();
        var priorities = Enumerable.Range(0, mentees).Select(_ => new[] { 0, 0, 1, 4, 5, 9 }[random.Next(6)]).ToArray();
        var list = new List<MatchCandidate>();
        var start = new int[mentees + 1];
        var mentor = new List<int>();
        var score = new List<double>();
        for (var e = 0; e < mentees; e++)
        {
            for (var m = 0; m < mentors; m++)
            {
                if (random.NextDouble() < density)
                {
                    // Few distinct scores, so there are many ties for the order of the pairs to break.
                    var s = Math.Round(random.Next(0, 8) / 7.0, 4);
                    list.Add(new MatchCandidate(m, e, s));
                    mentor.Add(m);
                    score.Add(s);
                }
            }
            start[e + 1] = mentor.Count;
        }
        // Longer arrays than the pairs: only the first start[^1] entries are read.
        var rows = new MatchCandidateRows(start, [.. mentor, 0, 0], [.. score, 2, -1]);

        var fromList = MatchingEngine.Solve(capacities, priorities, list);
        var fromRows = MatchingEngine.Solve(capacities, priorities, rows);

        Assert.True(fromList.Matched > 0);
        Assert.Equal(fromList.MentorOfMentee, fromRows.MentorOfMentee);
        Assert.Equal((fromList.Matched, fromList.PrioritySum, fromList.ScoreSum, fromList.Optimal),
            (fromRows.Matched, fromRows.PrioritySum, fromRows.ScoreSum, fromRows.Optimal));
    }

    [Fact]
    public void Rows_out_of_range_are_refused()
    {
        int[] capacities = [1, 1];
        Assert.Throws<ArgumentOutOfRangeException>(() => MatchingEngine.Solve(capacities, [0], new MatchCandidateRows([0, 1], [2], [0.5])));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatchingEngine.Solve(capacities, [0], new MatchCandidateRows([0, 1], [0], [1.5])));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatchingEngine.Solve(capacities, [0, 0], new MatchCandidateRows([0, 2, 1], [0, 1], [0.5, 0.5])));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatchingEngine.Solve(capacities, [0], new MatchCandidateRows([0, 3], [0], [0.5])));
    }
}
