namespace Mentoring.Engine.Matching;

/// <summary>Picks the exact solver for a problem.</summary>
internal static class MatchSolver
{
    /// <summary>
    /// The auction first (3 to 7 times faster than OR-Tools' min-cost flow on the contract's
    /// shapes, see bench/README.md); OR-Tools, which checks its own arithmetic, when the
    /// auction's 64-bit headroom is short or its optimality proof does not close. OR-Tools has
    /// no time limit: such a problem (about a million matchable mentees) runs to the optimum.
    /// </summary>
    public static MatchResult Solve(MatchProblem problem) =>
        AuctionMatchSolver.Solve(problem) ?? OrToolsMatchSolver.Solve(problem);
}
