using Google.OrTools.Graph;

namespace Mentoring.Engine.Matching;

/// <summary>Exact matching with OR-Tools' min-cost max-flow (cost-scaling push-relabel).</summary>
internal static class OrToolsMatchSolver
{
    public static MatchResult Solve(MatchProblem problem)
    {
        int n = problem.MenteeCount, m = problem.MentorCount;
        var pairs = problem.Pairs;
        var weights = MatchWeights.For(problem);
        using var flow = new MinCostFlow(n + m + 2, n + m + pairs.Count);
        int source = n + m, sink = n + m + 1;
        for (var e = 0; e < n; e++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, e, 1, 0);
        }
        for (var k = 0; k < m; k++)
        {
            flow.AddArcWithCapacityAndUnitCost(n + k, sink, Math.Min(problem.Capacities[k], n), 0);
        }
        var firstPairArc = n + m;
        for (var e = 0; e < n; e++)
        {
            for (var k = pairs.Start[e]; k < pairs.Start[e + 1]; k++)
            {
                flow.AddArcWithCapacityAndUnitCost(e, n + pairs.Mentor[k], 1, -weights.Of(problem.Priorities[e], pairs.Score[k]));
            }
        }
        flow.SetNodeSupply(source, n);
        flow.SetNodeSupply(sink, -n);
        var status = flow.SolveMaxFlowWithMinCost();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"min-cost flow ended with {status}");
        }
        var chosen = new int[n];
        Array.Fill(chosen, -1);
        for (var e = 0; e < n; e++)
        {
            for (var k = pairs.Start[e]; k < pairs.Start[e + 1]; k++)
            {
                if (flow.Flow(firstPairArc + k) > 0)
                {
                    chosen[e] = k;
                }
            }
        }
        return new MatchResult(problem, chosen, optimal: true);
    }
}
