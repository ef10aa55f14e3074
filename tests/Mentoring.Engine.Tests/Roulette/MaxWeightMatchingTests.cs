using Mentoring.Engine.Roulette;

namespace Mentoring.Engine.Tests.Roulette;

public class MaxWeightMatchingTests
{
    [Fact]
    public void Path_of_three_edges_takes_the_two_outer_edges_when_they_weigh_more()
    {
        var result = MaxWeightMatching.Solve(4, [0, 1, 2], [1, 2, 3], [5, 8, 5]);
        Assert.Equal([1, 0, 3, 2], result.Mate);
    }

    // Cases from van Rantwijk's test suite for mwmatching.py (vertex 0 unused), answers confirmed with networkx.
    [Theory]
    [InlineData(new[] { 1, 1, 2, 3 }, new[] { 2, 3, 3, 4 }, new long[] { 8, 9, 10, 7 }, new[] { -1, 2, 1, 4, 3 })]
    [InlineData(new[] { 1, 1, 2, 3, 1, 4 }, new[] { 2, 3, 3, 4, 6, 5 }, new long[] { 8, 9, 10, 7, 5, 6 }, new[] { -1, 6, 3, 2, 5, 4, 1 })]
    [InlineData(new[] { 1, 1, 2, 1, 4, 1 }, new[] { 2, 3, 3, 4, 5, 6 }, new long[] { 9, 8, 10, 5, 4, 3 }, new[] { -1, 6, 3, 2, 5, 4, 1 })]
    [InlineData(new[] { 1, 1, 1, 2, 3, 4, 4, 5 }, new[] { 2, 5, 6, 3, 4, 5, 8, 7 }, new long[] { 23, 22, 15, 25, 22, 25, 14, 13 }, new[] { -1, 6, 3, 2, 8, 7, 1, 5, 4 })]
    public void Blossom_cases_match_the_reference(int[] from, int[] to, long[] weight, int[] expected)
    {
        var result = MaxWeightMatching.Solve(expected.Length, from, to, weight);
        Assert.Equal(expected, result.Mate);
    }

    [Fact]
    public void Random_graphs_match_brute_force_and_the_duals_prove_it()
    {
        var random = new Random(20260105);
        for (var trial = 0; trial < 600; trial++)
        {
            var n = random.Next(1, 11);
            var density = random.NextDouble();
            var maxWeight = random.Next(2) == 0 ? 5 : 1000;
            List<int> from = [], to = [];
            List<long> weight = [];
            for (var u = 0; u < n; u++)
            {
                for (var v = u + 1; v < n; v++)
                {
                    if (random.NextDouble() < density)
                    {
                        from.Add(u);
                        to.Add(v);
                        weight.Add(random.Next(maxWeight + 1));
                    }
                }
            }
            var result = MaxWeightMatching.Solve(n, [.. from], [.. to], [.. weight]);
            var best = BruteForce(n, [.. from], [.. to], [.. weight]);

            AssertIsMatching(result.Mate, [.. from], [.. to]);
            Assert.Equal(best, MatchingWeight(result.Mate, [.. from], [.. to], [.. weight]));
            AssertDualsProveOptimality(n, result, [.. from], [.. to], [.. weight], best);
        }
    }

    /// <summary>Dual feasibility on every edge and a dual objective equal to the matching's weight.</summary>
    private static void AssertDualsProveOptimality(int n, MaxWeightMatching.Result result, int[] from, int[] to, long[] weight, long best)
    {
        Assert.All(result.VertexDual, y => Assert.True(y >= 0));
        for (var k = 0; k < from.Length; k++)
        {
            var slack = result.VertexDual[from[k]] + result.VertexDual[to[k]] - (2 * weight[k]);
            foreach (var blossom in result.Blossoms)
            {
                if (blossom.Vertices.Contains(from[k]) && blossom.Vertices.Contains(to[k]))
                {
                    slack += 2 * blossom.Dual;
                }
            }
            Assert.True(slack >= 0, $"edge {from[k]}-{to[k]} violates the dual");
        }
        var objective = result.VertexDual.Sum() + result.Blossoms.Sum(b => 2 * b.Dual * (b.Vertices.Length / 2));
        Assert.Equal(2 * best, objective);
        Assert.Equal(n, result.Mate.Length);
    }

    private static void AssertIsMatching(int[] mate, int[] from, int[] to)
    {
        for (var v = 0; v < mate.Length; v++)
        {
            if (mate[v] >= 0)
            {
                Assert.Equal(v, mate[mate[v]]);
                var u = mate[v];
                Assert.Contains(Enumerable.Range(0, from.Length), k => (from[k] == u && to[k] == v) || (from[k] == v && to[k] == u));
            }
        }
    }

    private static long MatchingWeight(int[] mate, int[] from, int[] to, long[] weight)
    {
        var total = 0L;
        for (var k = 0; k < from.Length; k++)
        {
            if (mate[from[k]] == to[k])
            {
                total += weight[k];
            }
        }
        return total;
    }

    /// <summary>Best matching weight by trying, for the lowest free vertex, every edge or leaving it out.</summary>
    private static long BruteForce(int n, int[] from, int[] to, long[] weight)
    {
        var used = new bool[n];
        return Best(0);

        long Best(int v)
        {
            while (v < n && used[v])
            {
                v++;
            }
            if (v == n)
            {
                return 0;
            }
            used[v] = true;
            var best = Best(v + 1);
            for (var k = 0; k < from.Length; k++)
            {
                var other = from[k] == v ? to[k] : to[k] == v ? from[k] : -1;
                if (other >= 0 && !used[other])
                {
                    used[other] = true;
                    best = Math.Max(best, weight[k] + Best(v + 1));
                    used[other] = false;
                }
            }
            used[v] = false;
            return best;
        }
    }
}
