using Mentoring.Engine.Matching;

namespace Mentoring.Engine.Tests.Matching;

/// <summary>The solvers against an exhaustive search on small random problems.</summary>
public class MatchSolverTests
{
    [Fact]
    public void Auction_and_min_cost_flow_reach_the_brute_force_optimum()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 3000; round++)
        {
            var problem = MatchTestProblems.Random(random, maxMentors: 4, maxMentees: 7);
            var best = BruteForce(problem);

            var auction = AuctionMatchSolver.Solve(problem);
            Assert.NotNull(auction);   // small problems never need the fallback
            AssertFeasible(problem, auction);
            Assert.Equal(best, (auction.Matched, auction.PrioritySum, auction.ScoreSum));

            var flow = OrToolsMatchSolver.Solve(problem);
            AssertFeasible(problem, flow);
            Assert.Equal(best, (flow.Matched, flow.PrioritySum, flow.ScoreSum));
        }
    }

    [Theory]
    [InlineData(40, 150)]   // more mentees than units: many left unmatched
    [InlineData(60, 30)]    // more units than mentees: many units left empty
    public void Auction_agrees_with_min_cost_flow_on_larger_problems(int maxMentors, int maxMentees)
    {
        var random = new Random(maxMentors);
        for (var round = 0; round < 100; round++)
        {
            var problem = MatchTestProblems.Random(random, maxMentors, maxMentees);
            var auction = AuctionMatchSolver.Solve(problem);
            Assert.NotNull(auction);
            AssertFeasible(problem, auction);
            var flow = OrToolsMatchSolver.Solve(problem);
            Assert.Equal((flow.Matched, flow.PrioritySum, flow.ScoreSum), (auction.Matched, auction.PrioritySum, auction.ScoreSum));
        }
    }

    [Fact]
    public void Priority_comes_before_score_and_count_before_priority()
    {
        // m0 takes one mentee. e0 (priority 1, score 1) loses to e1 (priority 2, score 0).
        var byPriority = Problem([1], [1, 2], (0, 0, 10_000), (0, 1, 0));
        Assert.Equal(1, AuctionMatchSolver.Solve(byPriority)!.ChosenPair[1] >= 0 ? 1 : 0);

        // Two matched mentees of priority 0 beat one of priority 9: e0 can only go to m0.
        var byCount = Problem([1, 1], [0, 9, 0], (0, 0, 0), (0, 1, 10_000), (1, 1, 10_000), (1, 2, 0));
        var result = AuctionMatchSolver.Solve(byCount)!;
        Assert.Equal((2, 9L, 10_000L), (result.Matched, result.PrioritySum, result.ScoreSum));
    }

    [Fact]
    public void Zero_capacities_and_mentees_without_pairs_are_left_out()
    {
        var problem = Problem([0, 2], [5, 5, 5], (0, 0, 10_000), (1, 1, 5000));
        var result = AuctionMatchSolver.Solve(problem)!;
        Assert.Equal([-1, 1, -1], result.ChosenPair.Select(k => k < 0 ? -1 : problem.Pairs.Mentor[k]));
    }

    [Fact]
    public void Empty_problems_are_solved()
    {
        var result = AuctionMatchSolver.Solve(Problem([], []))!;
        Assert.Equal(0, result.Matched);
        Assert.Equal(0, AuctionMatchSolver.Solve(Problem([3], [1, 2]))!.Matched);
    }

    private static MatchProblem Problem(int[] capacities, byte[] priorities, params (int Mentor, int Mentee, int Score)[] pairs) =>
        new(
            capacities.Select((_, m) => $"m{m}").ToArray(),
            capacities,
            priorities.Select((_, e) => $"e{e}").ToArray(),
            priorities,
            MenteePairs.Group(priorities.Length, pairs.Select(p => p.Mentee).ToArray(), pairs.Select(p => p.Mentor).ToArray(), pairs.Select(p => p.Score).ToArray()));

    private static void AssertFeasible(MatchProblem problem, MatchResult result)
    {
        var used = new int[problem.MentorCount];
        for (var e = 0; e < problem.MenteeCount; e++)
        {
            var k = result.ChosenPair[e];
            if (k >= 0)
            {
                Assert.InRange(k, problem.Pairs.Start[e], problem.Pairs.Start[e + 1] - 1);
                used[problem.Pairs.Mentor[k]]++;
            }
        }
        for (var m = 0; m < problem.MentorCount; m++)
        {
            Assert.True(used[m] <= problem.Capacities[m], $"mentor {m} over capacity");
        }
    }

    /// <summary>Every way to give each mentee one of its pairs or none, within capacities.</summary>
    private static (int Matched, long Priority, long Score) BruteForce(MatchProblem problem)
    {
        var left = (int[])problem.Capacities.Clone();
        var best = (Matched: 0, Priority: 0L, Score: 0L);
        Visit(0, 0, 0, 0);
        return best;

        void Visit(int mentee, int matched, long priority, long score)
        {
            if (mentee == problem.MenteeCount)
            {
                if ((matched, priority, score).CompareTo(best) > 0)
                {
                    best = (matched, priority, score);
                }
                return;
            }
            Visit(mentee + 1, matched, priority, score);
            for (var k = problem.Pairs.Start[mentee]; k < problem.Pairs.Start[mentee + 1]; k++)
            {
                var m = problem.Pairs.Mentor[k];
                if (left[m] > 0)
                {
                    left[m]--;
                    Visit(mentee + 1, matched + 1, priority + problem.Priorities[mentee], score + problem.Pairs.Score[k]);
                    left[m]++;
                }
            }
        }
    }
}
