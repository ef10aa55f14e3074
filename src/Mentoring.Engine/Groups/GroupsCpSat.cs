using System.Globalization;
using Google.OrTools.Sat;

namespace Mentoring.Engine.Groups;

/// <summary>
/// Levels 3 and 4 with CP-SAT: x[m, h] seats member m at host h, placement and capacities as hard
/// constraints (levels 1 and 2 stay exact), and the objective repeats·(bound + 1) − mixing. Starts
/// from the local search's seating as a hint. Runs one worker with a deterministic time limit, so
/// a problem always gets the same answer; <c>Optimal</c> only when CP-SAT proves it.
/// </summary>
internal static class GroupsCpSat
{
    /// <summary>Seat variables above which the model is left out (CP-SAT would not finish in useful time).</summary>
    private const int MaxSeatVariables = 40_000;

    public static bool Fits(GroupsProblem problem, Placement placement)
    {
        var hosts = problem.Capacity.Count(c => c > 0);
        return (long)(placement.Certain.Length + placement.Tied.Length) * hosts <= MaxSeatVariables;
    }

    public static GroupsSolution Solve(GroupsProblem problem, Placement placement, GroupsSolution hint, int mixingBound)
    {
        var hosts = Enumerable.Range(0, problem.HostCount).Where(h => problem.Capacity[h] > 0).ToArray();
        var members = placement.Certain.Concat(placement.Tied).Order().ToArray();
        var model = new CpModel();
        var seat = new Dictionary<(int Member, int Host), BoolVar>();
        var repeats = LinearExpr.NewBuilder();

        foreach (var m in members)
        {
            var row = new List<BoolVar>(hosts.Length);
            foreach (var h in hosts)
            {
                var x = model.NewBoolVar($"x{m}_{h}");
                seat[(m, h)] = x;
                row.Add(x);
                model.AddHint(x, hint.TableOf[m] == h ? 1 : 0);
                if (problem.History.Contains(problem.MemberId[m], problem.HostId[h]))
                {
                    repeats.Add(x);
                }
            }
            if (Array.BinarySearch(placement.Certain, m) >= 0)
            {
                model.AddExactlyOne(row);
            }
            else
            {
                model.AddAtMostOne(row);
            }
        }
        model.Add(LinearExpr.Sum(placement.Tied.SelectMany(m => hosts.Select(h => seat[(m, h)]))) == placement.TieSeats);
        foreach (var h in hosts)
        {
            model.Add(LinearExpr.Sum(members.Select(m => seat[(m, h)])) <= problem.Capacity[h]);
        }

        // Two members who have met count once when they share any table.
        var isMember = new bool[problem.MemberCount];
        foreach (var m in members)
        {
            isMember[m] = true;
        }
        foreach (var a in members)
        {
            foreach (var id in problem.History.Neighbours(problem.MemberId[a]))
            {
                var b = problem.MemberOfId[id];
                if (b > a && isMember[b])
                {
                    var together = model.NewBoolVar($"met{a}_{b}");
                    foreach (var h in hosts)
                    {
                        model.Add(together >= seat[(a, h)] + seat[(b, h)] - 1);
                    }
                    repeats.Add(together);
                }
            }
        }

        // present[g, h] only when someone of group g sits at h.
        var mixing = LinearExpr.NewBuilder();
        foreach (var group in members.GroupBy(m => problem.Group[m]))
        {
            foreach (var h in hosts)
            {
                var present = model.NewBoolVar($"g{group.Key}_{h}");
                model.AddBoolOr(group.Select(m => (ILiteral)seat[(m, h)])).OnlyEnforceIf(present);
                mixing.Add(present);
            }
        }
        model.Minimize((LinearExpr)repeats * (mixingBound + 1L) - mixing);

        var limit = problem.TimeLimitSeconds.ToString("R", CultureInfo.InvariantCulture);
        var safety = (problem.TimeLimitSeconds * 3).ToString("R", CultureInfo.InvariantCulture);
        var solver = new CpSolver
        {
            StringParameters = $"num_workers:8 interleave_search:true random_seed:{problem.Seed & int.MaxValue} max_deterministic_time:{limit} max_time_in_seconds:{safety}",
        };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return hint;
        }

        var seating = new Seating(problem);
        foreach (var m in members)
        {
            foreach (var h in hosts)
            {
                if (solver.BooleanValue(seat[(m, h)]))
                {
                    seating.Place(m, h);
                }
            }
        }
        var solved = new GroupsSolution(seating.TableOf, seating.TotalRepeats(), seating.TotalMixing(), status == CpSolverStatus.Optimal);
        var better = solved.Repeats < hint.Repeats || (solved.Repeats == hint.Repeats && solved.Mixing >= hint.Mixing);
        return better ? solved : hint;
    }
}
