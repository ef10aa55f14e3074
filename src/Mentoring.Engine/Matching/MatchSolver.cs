namespace Mentoring.Engine.Matching;

/// <summary>Picks the exact solver for a problem.</summary>
internal static class MatchSolver
{
    public static MatchResult Solve(MatchProblem problem) => OrToolsMatchSolver.Solve(problem);
}
