using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using Mentoring.Engine.Common;

namespace Mentoring.Engine.Scheduling;

/// <summary>A session's place in the schedule; <paramref name="Room"/> is -1 for sessions without a room.</summary>
internal readonly record struct Assignment(int Day, Slot Slot, int Room);

/// <summary>The schedule and its figures; <see cref="Assignments"/> is indexed by session, null when unscheduled.</summary>
internal sealed record ScheduleSolution(
    Assignment?[] Assignments,
    IReadOnlyDictionary<int, string> Reasons,
    int HostOfficeDays,
    int AttendeeOfficeDays,
    bool Optimal);

/// <summary>
/// Schedules sessions with CP-SAT, one level of the contract's lexicographic objective at a time.
/// <para>
/// Model: a boolean x per session and feasible (day, slot) only (feasibility is worked out
/// beforehand, see <see cref="Placements"/>), a boolean y per person and day on which they could
/// come in. Each session at most once; per person, day and slot at most one session, and any
/// in-person one forces y; rooms as counts per size threshold (<see cref="RoomCapacity"/>).
/// Levels: (1) maximise sessions; fix; (2) minimise hosts' y; fix; (3) minimise the others' y.
/// Each level starts from the previous level's solution (a greedy one for the first) as a hint.
/// </para>
/// </summary>
internal sealed class ScheduleSolver
{
    /// <summary>
    /// The full-problem worker is max_lp (more LP cuts) rather than the default: on generated
    /// 80 × 300 × 10 problems it proves all three levels within seconds where default_lp left
    /// levels 2 and 3 open after a minute (see bench/README.md). The other workers (their number
    /// is <see cref="EngineOptions.Workers"/>) run CP-SAT's neighbourhood searches.
    /// </summary>
    private const string SolverParameters = "subsolvers:\"max_lp\" log_search_progress:false";

    private readonly ScheduleProblem problem;
    private readonly Placements placements;
    private readonly RoomCapacity rooms;
    private readonly bool[] isHost;

    // One candidate per session and feasible placement.
    private readonly int[] candidateSession;
    private readonly Placement[] candidatePlacement;
    private readonly int[][] candidatesOfSession;

    // Per person: their in-person sessions that have a feasible placement, and the bound on their office days.
    private readonly List<int>?[] inPersonSessionsOf;
    private readonly OfficeDayBounds.Bound?[] officeDayBounds;

    private readonly int workers;

    private ScheduleSolver(ScheduleProblem problem, EngineOptions options)
    {
        this.problem = problem;
        workers = options.CheckedWorkers;
        placements = Placements.Compute(problem);
        rooms = new RoomCapacity(problem, placements);
        isHost = new bool[problem.People.Count];
        foreach (var s in problem.Sessions)
        {
            isHost[s.Host] = true;
        }

        var sessions = new List<int>();
        var where = new List<Placement>();
        candidatesOfSession = new int[problem.Sessions.Count][];
        for (var s = 0; s < problem.Sessions.Count; s++)
        {
            candidatesOfSession[s] = new int[placements.BySession[s].Length];
            for (var i = 0; i < placements.BySession[s].Length; i++)
            {
                candidatesOfSession[s][i] = sessions.Count;
                sessions.Add(s);
                where.Add(placements.BySession[s][i]);
            }
        }
        candidateSession = [.. sessions];
        candidatePlacement = [.. where];

        inPersonSessionsOf = new List<int>[problem.People.Count];
        for (var s = 0; s < problem.Sessions.Count; s++)
        {
            if (problem.Sessions[s].Kind.IsInPerson() && candidatesOfSession[s].Length > 0)
            {
                foreach (var p in problem.Sessions[s].Attendees)
                {
                    (inPersonSessionsOf[p] ??= []).Add(s);
                }
            }
        }
        officeDayBounds = inPersonSessionsOf
            .Select(list => list is null ? null : OfficeDayBounds.Compute(list
                .Select(s => (problem.Sessions[s].Kind.Allows(Slot.Lunch), placements.BySession[s].Select(at => at.Day).Distinct().ToArray()))
                .ToList()))
            .ToArray();
    }

    public static ScheduleSolution Solve(ScheduleProblem problem, EngineOptions options)
    {
        var clock = Stopwatch.StartNew();
        return new ScheduleSolver(problem, options).Run(clock);
    }

    private ScheduleSolution Run(Stopwatch clock)
    {
        // Keep a little of the limit for the fill-in pass, rooms, reasons and the result.
        var deadline = problem.TimeLimit - TimeSpan.FromSeconds(Math.Min(3.0, problem.TimeLimit.TotalSeconds * 0.05));
        double Left() => (deadline - clock.Elapsed).TotalSeconds;

        var best = Greedy();
        var optimal = true;
        if (candidateSession.Length > 0 && Left() <= 0.01)
        {
            // No time left for a model: the greedy schedule it is, unproven.
            optimal = false;
        }
        else if (candidateSession.Length > 0)
        {
            var model = new Model(this);

            // Level 1: as many sessions as possible. Nothing to prove when every session that has
            // a feasible placement got one.
            var placeable = candidatesOfSession.Count(c => c.Length > 0);
            if (Count(best) < placeable)
            {
                var proven = model.Improve(ref best, model.Sessions, maximize: true, Left() * 0.3, c => Count(c));
                optimal &= proven || Count(best) == placeable;
            }
            model.Cp.Add(model.Sessions >= Count(best));

            // Level 2: hosts on as few office days as possible.
            optimal &= model.Improve(ref best, model.HostDays, maximize: false, Left() * 0.6, c => OfficeDays(c).Hosts);
            model.Cp.Add(model.HostDays <= OfficeDays(best).Hosts);

            // Level 3: everybody else on as few office days as possible.
            optimal &= model.Improve(ref best, model.OtherDays, maximize: false, Left(), c => OfficeDays(c).Others);
        }
        var final = FillIn(best);
        var (hosts, others) = OfficeDays(final);
        return new ScheduleSolution(AssignRooms(final), Reasons(final), hosts, others, optimal);
    }

    private static int Count(bool[] chosen) => chosen.Count(c => c);

    /// <summary>Office days of hosts (anyone who hosts a session) and of everybody else.</summary>
    private (int Hosts, int Others) OfficeDays(bool[] chosen)
    {
        var days = new HashSet<(int Person, int Day)>();
        for (var c = 0; c < chosen.Length; c++)
        {
            var session = problem.Sessions[candidateSession[c]];
            if (chosen[c] && session.Kind.IsInPerson())
            {
                foreach (var p in session.Attendees)
                {
                    days.Add((p, candidatePlacement[c].Day));
                }
            }
        }
        var hosts = days.Count(d => isHost[d.Person]);
        return (hosts, days.Count - hosts);
    }

    /// <summary>The sessions with the fewest options first, each where it brings in the fewest new people.</summary>
    private IEnumerable<int> GreedyOrder() =>
        Enumerable.Range(0, problem.Sessions.Count)
            .Where(s => candidatesOfSession[s].Length > 0)
            .OrderBy(s => candidatesOfSession[s].Length)
            .ThenByDescending(s => problem.Sessions[s].Size)
            .ThenBy(s => s);

    /// <summary>
    /// The warm start. Hosts first, most office days first: each host's in-person sessions go,
    /// by a bipartite matching, onto a smallest set of days that holds them (from
    /// <see cref="OfficeDayBounds"/>) wherever the other attendees and rooms are still free; then
    /// everything left, one session at a time.
    /// </summary>
    private bool[] Greedy()
    {
        var chosen = new bool[candidateSession.Length];
        var occupancy = new Occupancy(problem, rooms, placements);
        var scheduled = new bool[problem.Sessions.Count];
        var hosts = Enumerable.Range(0, problem.People.Count)
            .Where(p => isHost[p] && officeDayBounds[p]?.Days is not null)
            .OrderByDescending(p => officeDayBounds[p]!.FewestDays)
            .ThenBy(p => p);
        foreach (var host in hosts)
        {
            var days = officeDayBounds[host]!.Days!;
            var sessions = inPersonSessionsOf[host]!.Where(s => !scheduled[s]).ToList();
            var options = sessions
                .Select(s => candidatesOfSession[s]
                    .Where(c => Array.IndexOf(days, candidatePlacement[c].Day) >= 0 && occupancy.CanPlace(s, candidatePlacement[c]))
                    .ToArray())
                .ToArray();
            var matched = MatchToSlots(options);
            for (var i = 0; i < sessions.Count; i++)
            {
                if (matched[i] >= 0)
                {
                    chosen[matched[i]] = true;
                    scheduled[sessions[i]] = true;
                    occupancy.Place(sessions[i], candidatePlacement[matched[i]]);
                }
            }
        }
        return Extend(chosen);
    }

    /// <summary>
    /// Gives each session (row of <paramref name="options"/>: its candidates) a distinct
    /// (day, slot), as many as possible, by augmenting paths; -1 where none is left.
    /// </summary>
    private int[] MatchToSlots(int[][] options)
    {
        var holder = new Dictionary<Placement, int>();
        var match = new int[options.Length];
        Array.Fill(match, -1);
        for (var i = 0; i < options.Length; i++)
        {
            Augment(i, []);
        }
        return match;

        bool Augment(int i, HashSet<Placement> seen)
        {
            foreach (var c in options[i])
            {
                var at = candidatePlacement[c];
                if (!seen.Add(at))
                {
                    continue;
                }
                if (!holder.TryGetValue(at, out var other) || Augment(other, seen))
                {
                    holder[at] = i;
                    match[i] = c;
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// Adds every session that still fits into <paramref name="chosen"/>. After a solve that was
    /// stopped by the time limit this can only add sessions; after a proven level 1 it adds none.
    /// </summary>
    private bool[] FillIn(bool[] chosen) => Extend((bool[])chosen.Clone());

    private bool[] Extend(bool[] chosen)
    {
        var occupancy = Occupy(chosen);
        var scheduled = new bool[problem.Sessions.Count];
        for (var c = 0; c < chosen.Length; c++)
        {
            scheduled[candidateSession[c]] |= chosen[c];
        }
        // How many of a host's in-person sessions could go on each day: coming in on a busy day
        // leaves room to bring the others to the same day.
        var hostDemand = new Dictionary<(int Host, int Day), int>();
        foreach (var c in Enumerable.Range(0, chosen.Length))
        {
            var session = problem.Sessions[candidateSession[c]];
            if (session.Kind.IsInPerson())
            {
                var key = (session.Host, candidatePlacement[c].Day);
                hostDemand[key] = hostDemand.GetValueOrDefault(key) + 1;
            }
        }
        foreach (var s in GreedyOrder().Where(s => !scheduled[s]))
        {
            var session = problem.Sessions[s];
            var bestCandidate = -1;
            var bestCost = long.MaxValue;
            foreach (var c in candidatesOfSession[s])
            {
                var at = candidatePlacement[c];
                if (!occupancy.CanPlace(s, at))
                {
                    continue;
                }
                long cost = 0;
                if (session.Kind.IsInPerson())
                {
                    cost = occupancy.InOffice(session.Host, at.Day) ? 0 : 1_000_000;
                    cost += 1_000 * session.Participants.Count(p => !occupancy.InOffice(p, at.Day));
                    cost -= Math.Min(999, hostDemand.GetValueOrDefault((session.Host, at.Day)));
                }
                if (cost < bestCost)
                {
                    (bestCandidate, bestCost) = (c, cost);
                }
            }
            if (bestCandidate >= 0)
            {
                chosen[bestCandidate] = true;
                occupancy.Place(s, candidatePlacement[bestCandidate]);
            }
        }
        return chosen;
    }

    private Occupancy Occupy(bool[] chosen)
    {
        var occupancy = new Occupancy(problem, rooms, placements);
        for (var c = 0; c < chosen.Length; c++)
        {
            if (chosen[c])
            {
                occupancy.Place(candidateSession[c], candidatePlacement[c]);
            }
        }
        return occupancy;
    }

    private Assignment?[] AssignRooms(bool[] chosen)
    {
        var result = new Assignment?[problem.Sessions.Count];
        var needRoom = new Dictionary<Placement, List<int>>();
        for (var c = 0; c < chosen.Length; c++)
        {
            if (!chosen[c])
            {
                continue;
            }
            var s = candidateSession[c];
            var at = candidatePlacement[c];
            result[s] = new Assignment(at.Day, at.Slot, -1);
            if (problem.Sessions[s].Kind.NeedsRoom())
            {
                (needRoom.TryGetValue(at, out var list) ? list : needRoom[at] = []).Add(s);
            }
        }
        foreach (var (at, sessions) in needRoom)
        {
            var assigned = rooms.Assign(sessions);
            for (var i = 0; i < sessions.Count; i++)
            {
                result[sessions[i]] = new Assignment(at.Day, at.Slot, assigned[i]);
            }
        }
        return result;
    }

    private Dictionary<int, string> Reasons(bool[] chosen)
    {
        var occupancy = Occupy(chosen);
        var scheduled = new bool[problem.Sessions.Count];
        for (var c = 0; c < chosen.Length; c++)
        {
            scheduled[candidateSession[c]] |= chosen[c];
        }
        var reasons = new Dictionary<int, string>();
        for (var s = 0; s < problem.Sessions.Count; s++)
        {
            if (scheduled[s])
            {
                continue;
            }
            reasons[s] = placements.Reasons[s]
                ?? (placements.BySession[s].All(at => !occupancy.AttendeesFree(s, at))
                    ? UnscheduledReasons.AttendeesBusy
                    : UnscheduledReasons.RoomsTaken);
        }
        return reasons;
    }

    /// <summary>The CP-SAT model, built once and tightened level by level.</summary>
    private sealed class Model
    {
        private readonly ScheduleSolver owner;
        private readonly BoolVar[] x;
        private readonly Dictionary<(int Person, int Day), BoolVar> y = [];

        public Model(ScheduleSolver owner)
        {
            this.owner = owner;
            var problem = owner.problem;
            x = new BoolVar[owner.candidateSession.Length];
            for (var c = 0; c < x.Length; c++)
            {
                x[c] = Cp.NewBoolVar($"x{c}");
            }
            foreach (var candidates in owner.candidatesOfSession.Where(c => c.Length > 1))
            {
                Cp.AddAtMostOne(candidates.Select(c => x[c]));
            }

            // Per person, day and slot: the sessions they could attend then.
            var inPerson = new Dictionary<(int Person, Placement At), List<BoolVar>>();
            var virtualOnes = new Dictionary<(int Person, Placement At), List<BoolVar>>();
            var roomSessions = new Dictionary<Placement, List<int>>();
            for (var c = 0; c < x.Length; c++)
            {
                var s = owner.candidateSession[c];
                var session = problem.Sessions[s];
                var at = owner.candidatePlacement[c];
                var target = session.Kind.IsInPerson() ? inPerson : virtualOnes;
                foreach (var p in session.Attendees)
                {
                    (target.TryGetValue((p, at), out var list) ? list : target[(p, at)] = []).Add(x[c]);
                }
                if (session.Kind.NeedsRoom())
                {
                    (roomSessions.TryGetValue(at, out var list) ? list : roomSessions[at] = []).Add(c);
                }
            }
            foreach (var ((person, at), sessions) in inPerson)
            {
                // In person at most once per slot, and only on a day the person comes in.
                var day = YFor(person, at.Day);
                Cp.Add(LinearExpr.Sum(sessions) <= day);
                if (virtualOnes.TryGetValue((person, at), out var others))
                {
                    Cp.AddAtMostOne(sessions.Concat(others));
                }
            }
            foreach (var ((person, at), sessions) in virtualOnes)
            {
                if (sessions.Count > 1 && !inPerson.ContainsKey((person, at)))
                {
                    Cp.AddAtMostOne(sessions);
                }
            }
            AddRealTimeClashes();

            foreach (var candidates in roomSessions.Values)
            {
                for (var k = 0; k < owner.rooms.ThresholdCount; k++)
                {
                    var atLeastK = candidates.Where(c => owner.rooms.TopThreshold(owner.candidateSession[c]) >= k).Select(c => x[c]).ToList();
                    if (atLeastK.Count > owner.rooms.RoomsAtLeast[k])
                    {
                        Cp.Add(LinearExpr.Sum(atLeastK) <= owner.rooms.RoomsAtLeast[k]);
                    }
                }
            }

            AddOfficeDayCuts();

            Sessions = LinearExpr.Sum(x);
            HostDays = LinearExpr.Sum(y.Where(e => owner.isHost[e.Key.Person]).Select(e => e.Value));
            OtherDays = LinearExpr.Sum(y.Where(e => !owner.isHost[e.Key.Person]).Select(e => e.Value));
        }

        public CpModel Cp { get; } = new();

        public LinearExpr Sessions { get; }

        public LinearExpr HostDays { get; }

        public LinearExpr OtherDays { get; }

        /// <summary>
        /// Per person: office days ≥ fewest days − (most sessions − sessions scheduled), see
        /// <see cref="OfficeDayBounds"/>; and the same summed over hosts and over everybody else,
        /// which hands CP-SAT the bound of levels 2 and 3 directly.
        /// </summary>
        private void AddOfficeDayCuts()
        {
            var daysOf = y.GroupBy(e => e.Key.Person).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray());
            // Index 0 sums the hosts, index 1 everybody else.
            var sumTerms = new[] { new List<LinearExpr>(), new List<LinearExpr>() };
            var sumBound = new int[2];
            for (var p = 0; p < owner.inPersonSessionsOf.Length; p++)
            {
                if (owner.inPersonSessionsOf[p] is not { } sessions || owner.officeDayBounds[p] is not { } bound)
                {
                    continue;
                }
                var cut = LinearExpr.Sum(daysOf[p]) - LinearExpr.Sum(sessions.SelectMany(s => owner.candidatesOfSession[s]).Select(c => x[c]));
                var constant = bound.FewestDays - bound.MostSessions;
                if (bound.FewestDays >= 2)
                {
                    Cp.Add(cut >= constant);
                }
                var group = owner.isHost[p] ? 0 : 1;
                sumTerms[group].Add(cut);
                sumBound[group] += constant;
            }
            for (var group = 0; group < 2; group++)
            {
                Cp.Add(LinearExpr.Sum(sumTerms[group]) >= sumBound[group]);
            }
        }

        /// <summary>
        /// Two sessions of one person clash when they overlap in real time, whatever their slots
        /// are called: with hosts in different zones, "morning" in New York is the afternoon in
        /// London. Per person, the candidates running at each start instant form a clique (intervals
        /// that overlap all contain the later start), so one at-most-one per start covers every
        /// overlapping pair. Cliques within one day and slot are already in the model.
        /// </summary>
        private void AddRealTimeClashes()
        {
            var placements = owner.placements;
            if (!placements.RealTimeMatters)
            {
                return;
            }
            var problem = owner.problem;
            var ofPerson = new Dictionary<int, List<int>>();
            for (var c = 0; c < x.Length; c++)
            {
                foreach (var p in problem.Sessions[owner.candidateSession[c]].Attendees)
                {
                    (ofPerson.TryGetValue(p, out var list) ? list : ofPerson[p] = []).Add(c);
                }
            }
            foreach (var candidates in ofPerson.Values)
            {
                var times = candidates.Select(c => placements.Time(owner.candidateSession[c], owner.candidatePlacement[c])).ToArray();
                foreach (var start in times.Select(t => t.Start).Distinct())
                {
                    var clique = new List<int>();
                    for (var i = 0; i < candidates.Count; i++)
                    {
                        if (times[i].Start <= start && start < times[i].End)
                        {
                            clique.Add(candidates[i]);
                        }
                    }
                    if (clique.Select(c => owner.candidatePlacement[c]).Distinct().Skip(1).Any())
                    {
                        Cp.AddAtMostOne(clique.Select(c => x[c]));
                    }
                }
            }
        }

        private BoolVar YFor(int person, int day)
        {
            if (!y.TryGetValue((person, day), out var v))
            {
                v = Cp.NewBoolVar($"y{person}_{day}");
                y[(person, day)] = v;
            }
            return v;
        }

        /// <summary>
        /// Optimises <paramref name="objective"/> for at most <paramref name="seconds"/>, starting
        /// from <paramref name="best"/>, and keeps the result when <paramref name="score"/> says
        /// it is at least as good. Returns whether the level was proven optimal.
        /// </summary>
        public bool Improve(ref bool[] best, LinearExpr objective, bool maximize, double seconds, Func<bool[], int> score)
        {
            if (seconds < 0.01)
            {
                return false;
            }
            if (maximize)
            {
                Cp.Maximize(objective);
            }
            else
            {
                Cp.Minimize(objective);
            }
            Hint(best);
            using var solver = new CpSolver
            {
                StringParameters = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{SolverParameters} num_workers:{owner.workers} max_time_in_seconds:{seconds:0.###}"),
            };
            var status = solver.Solve(Cp);
            if (status is CpSolverStatus.Infeasible or CpSolverStatus.ModelInvalid)
            {
                // The hint is always a solution of the model, so this is a bug, not bad input.
                throw new InvalidOperationException($"CP-SAT found the schedule model {status}");
            }
            if (status == CpSolverStatus.Unknown)
            {
                // The limit came before any solution; the hint still stands.
                return false;
            }
            var found = x.Select(v => solver.BooleanValue(v)).ToArray();
            var better = maximize ? score(found) >= score(best) : score(found) <= score(best);
            if (better)
            {
                best = found;
            }
            return status == CpSolverStatus.Optimal;
        }

        private void Hint(bool[] chosen)
        {
            Cp.ClearHints();
            var comesIn = new HashSet<(int, int)>();
            for (var c = 0; c < x.Length; c++)
            {
                Cp.AddHint(x[c], chosen[c]);
                var session = owner.problem.Sessions[owner.candidateSession[c]];
                if (chosen[c] && session.Kind.IsInPerson())
                {
                    foreach (var p in session.Attendees)
                    {
                        comesIn.Add((p, owner.candidatePlacement[c].Day));
                    }
                }
            }
            foreach (var (key, v) in y)
            {
                Cp.AddHint(v, comesIn.Contains(key));
            }
        }
    }
}
