using Mentoring.Engine.Common;
using Mentoring.Engine.Roulette;

namespace Mentoring.Engine.Tests.Roulette;

/// <summary>The engine's rounds against every possible round on small random problems.</summary>
public class RouletteExactnessTests
{
    public static TheoryData<int> Counts => [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    [Theory]
    [MemberData(nameof(Counts))]
    public void Solver_round_is_a_partition_and_as_good_as_the_best_round(int count)
    {
        var random = new Random(count * 7919);
        for (var trial = 0; trial < (count <= 9 ? 60 : 12); trial++)
        {
            var oracle = RouletteOracle.Random(random, count);
            var problem = RouletteProblem.Parse(oracle.ToUtf8());
            var round = RouletteSolver.Solve(problem);

            var groups = Groups(round);
            Assert.Equal(Enumerable.Range(0, count), groups.SelectMany(g => g).Order());
            Assert.Equal(count % 2 == 1, round.Trio is not null);
            var score = oracle.Score(groups);
            Assert.Equal(oracle.Best(), score);
            Assert.Equal((score.Repeats, score.Cross), (round.Repeats, round.CrossGroup));
            Assert.True(round.Optimal);
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Exact_solver_alone_reaches_the_best_round_from_a_poor_start(int count)
    {
        var random = new Random(count * 104729);
        for (var trial = 0; trial < (count <= 9 ? 40 : 8); trial++)
        {
            var oracle = RouletteOracle.Random(random, count);
            var problem = RouletteProblem.Parse(oracle.ToUtf8());
            var score = new RouletteScore(problem);
            var start = WorstStart(problem, score);

            var round = RouletteExact.Solve(problem, score, new SeededRandom(trial), start);

            Assert.Equal(oracle.Best(), oracle.Score(Groups(round)));
            Assert.True(round.Optimal);
        }
    }

    [Fact]
    public void Cross_group_bound_is_the_best_any_round_reaches_without_history()
    {
        var random = new Random(31);
        for (var trial = 0; trial < 300; trial++)
        {
            var count = random.Next(2, 12);
            var oracle = RouletteOracle.Random(random, count);
            var free = new RouletteOracle { Count = count, Group = oracle.Group, Zone = new string?[count], History = [] };
            var problem = RouletteProblem.Parse(free.ToUtf8());
            var sizes = new int[problem.GroupCount];
            foreach (var g in problem.Group)
            {
                sizes[g]++;
            }

            Assert.Equal(free.Best().Cross, CrossGroupBound.Compute(sizes, count, out _));
        }
    }

    [Fact]
    public void Repeats_are_forced_only_when_everyone_has_met_everyone()
    {
        // Four people who have all met: two repeats are unavoidable, and the round is still optimal.
        var oracle = new RouletteOracle
        {
            Count = 4,
            Group = ["a", "a", "b", "b"],
            Zone = new string?[4],
            History = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)],
        };
        var round = RouletteSolver.Solve(RouletteProblem.Parse(oracle.ToUtf8()));
        Assert.Equal(2, round.Repeats);
        Assert.Equal(2, round.CrossGroup);
        Assert.True(round.Optimal);
    }

    /// <summary>Pairs in input order (trio last three): a deliberately weak incumbent.</summary>
    private static RouletteRound WorstStart(RouletteProblem problem, RouletteScore score)
    {
        var n = problem.Count;
        var partner = new int[n];
        var pairsEnd = n % 2 == 0 ? n : n - 3;
        for (var i = 0; i < pairsEnd; i += 2)
        {
            partner[i] = i + 1;
            partner[i + 1] = i;
        }
        int[]? trio = null;
        if (n % 2 == 1)
        {
            trio = [n - 3, n - 2, n - 1];
            partner[n - 3] = partner[n - 2] = partner[n - 1] = -1;
        }
        return new RouletteRound(partner, trio, score);
    }

    private static List<int[]> Groups(RouletteRound round)
    {
        var groups = new List<int[]>();
        for (var u = 0; u < round.Partner.Length; u++)
        {
            if (round.Partner[u] > u)
            {
                groups.Add([u, round.Partner[u]]);
            }
        }
        if (round.Trio is not null)
        {
            groups.Add(round.Trio);
        }
        return groups;
    }
}
