namespace Mentoring.Engine.Roulette;

/// <summary>
/// Exact rounds by maximum-weight matching (<see cref="MaxWeightMatching"/>) on the complete graph
/// with the weights of <see cref="RouletteScore"/>, plus a constant that forces a perfect (or, for
/// an odd count, near-perfect) matching. Vertices are numbered in a seeded random order, so that
/// among equally good rounds the seed picks one.
/// </summary>
/// <remarks>
/// An odd count needs one trio, which is not a matching. Any trio T = {a, b, c} with the best
/// pairing of the rest is worth w(T) + M(V∖T), and two bounds hold for it:
/// <list type="bullet">
/// <item>M(V∖T) + w(ab) ≤ M*, the best near-perfect matching of everyone (M(V∖T) plus the pair ab is
/// one), so the trio is worth at most M* plus its two lightest inner pairs;</item>
/// <item>the optimal dual solution of that near-perfect matching, restricted to V∖T, is feasible for
/// V∖T, so its objective bounds M(V∖T) (LP duality).</item>
/// </list>
/// The near-perfect matching's unmatched person joined to the best of its pairs gives a first
/// trio; trios whose bound beats the best found are then solved exactly, best bound first, within
/// a fixed work budget. The result is proven optimal when no trio's bound beats it.
/// </remarks>
internal sealed class RouletteExact
{
    /// <summary>Work budget for solving trios exactly, counted as n³ per trio: a deterministic limit of about two seconds.</summary>
    private const double TrioWork = 4e9;

    private readonly int _n;
    private readonly RouletteScore _score;
    private readonly long[] _weight; // n × n, without the cardinality constant
    private readonly int[] _order;   // vertex numbering: a seeded permutation of the people
    private readonly long _constant;

    private RouletteExact(RouletteProblem problem, RouletteScore score, SeededRandom random)
    {
        _n = problem.Count;
        _score = score;
        _weight = new long[_n * _n];
        for (var u = 0; u < _n; u++)
        {
            for (var v = u + 1; v < _n; v++)
            {
                _weight[(u * _n) + v] = _weight[(v * _n) + u] = score.Weight(u, v);
            }
        }
        _order = new int[_n];
        for (var i = 0; i < _n; i++)
        {
            _order[i] = i;
        }
        random.Shuffle(_order.AsSpan());
        // Larger than any weight difference between two matchings of the same size.
        _constant = (score.InnerPairs * score.Perfect) + 1;
    }

    /// <summary>
    /// The best round; <see cref="RouletteRound.Optimal"/> is false only when an odd count's trio
    /// search ran out of its work budget (the better of its best and <paramref name="incumbent"/> is returned).
    /// </summary>
    public static RouletteRound Solve(RouletteProblem problem, RouletteScore score, SeededRandom random, RouletteRound incumbent)
    {
        var exact = new RouletteExact(problem, score, random);
        return problem.Count % 2 == 0 ? exact.SolveEven() : exact.SolveOdd(incumbent);
    }

    private long W(int u, int v) => _weight[(u * _n) + v];

    private RouletteRound SolveEven()
    {
        var (partner, _) = Match(_order);
        return new RouletteRound(partner, null, _score) { Optimal = true };
    }

    /// <summary>Maximum-weight (near-)perfect matching of <paramref name="people"/>: partners by person (-1 = unmatched or not in the set).</summary>
    private (int[] Partner, MaxWeightMatching.Result Result) Match(IReadOnlyList<int> people)
    {
        var count = people.Count;
        var edges = count * (count - 1) / 2;
        var from = new int[edges];
        var to = new int[edges];
        var weight = new long[edges];
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                from[k] = i;
                to[k] = j;
                weight[k] = _constant + W(people[i], people[j]);
                k++;
            }
        }
        var result = MaxWeightMatching.Solve(count, from, to, weight);
        var partner = new int[_n];
        Array.Fill(partner, -1);
        for (var i = 0; i < count; i++)
        {
            if (result.Mate[i] >= 0)
            {
                partner[people[i]] = people[result.Mate[i]];
            }
        }
        return (partner, result);
    }

    private long PairsWeight(int[] partner)
    {
        var total = 0L;
        for (var u = 0; u < _n; u++)
        {
            if (partner[u] > u)
            {
                total += W(u, partner[u]);
            }
        }
        return total;
    }

    private RouletteRound SolveOdd(RouletteRound incumbent)
    {
        if (_n == 3)
        {
            return new RouletteRound([-1, -1, -1], [0, 1, 2], _score) { Optimal = true };
        }

        var (near, result) = Match(_order);
        var nearWeight = PairsWeight(near);

        // First trio: the unmatched person joins the pair that suits them best.
        var exposed = Array.IndexOf(near, -1);
        var bestValue = long.MinValue;
        int[]? bestTrio = null;
        foreach (var a in _order)
        {
            var b = near[a];
            if (b > a && nearWeight + W(a, exposed) + W(b, exposed) > bestValue)
            {
                bestValue = nearWeight + W(a, exposed) + W(b, exposed);
                bestTrio = [a, b, exposed];
            }
        }
        var bestPartner = (int[])near.Clone();
        bestPartner[bestTrio![0]] = bestPartner[bestTrio[1]] = -1;
        var first = new RouletteRound(bestPartner, bestTrio, _score);
        var best = incumbent.Value > first.Value ? incumbent : first;

        // Keep the trios whose bound beats the best round, at most as many as the budget can solve,
        // best bound first (earlier in the seeded order on ties); remember the best bound left out.
        var budget = Math.Max(20, (int)Math.Min(100_000, TrioWork / ((double)_n * _n * _n)));
        var candidates = new PriorityQueue<(int A, int B, int C, long Bound), (long Bound, long Rank)>();
        var leftOut = long.MinValue;
        var rank = 0L;
        var floor = best.Value;
        new TrioBounds(this, result, nearWeight).ForEachTrio((a, b, c, bound) =>
        {
            rank++;
            if (bound <= floor)
            {
                return;
            }
            if (candidates.Count < budget)
            {
                candidates.Enqueue((a, b, c, bound), (bound, -rank));
            }
            else if (candidates.TryPeek(out _, out var weakest) && (bound, -rank).CompareTo(weakest) > 0)
            {
                leftOut = Math.Max(leftOut, candidates.DequeueEnqueue((a, b, c, bound), (bound, -rank)).Bound);
            }
            else
            {
                leftOut = Math.Max(leftOut, bound);
            }
        });
        var ordered = new List<(int A, int B, int C, long Bound)>(candidates.Count);
        while (candidates.Count > 0)
        {
            ordered.Add(candidates.Dequeue());
        }
        ordered.Reverse();

        var rest = new List<int>(_n);
        foreach (var (a, b, c, bound) in ordered)
        {
            if (bound <= best.Value)
            {
                break;
            }
            rest.Clear();
            foreach (var v in _order)
            {
                if (v != a && v != b && v != c)
                {
                    rest.Add(v);
                }
            }
            var (partner, _) = Match(rest);
            var candidate = new RouletteRound(partner, [a, b, c], _score);
            if (candidate.Value > best.Value)
            {
                best = candidate;
            }
        }
        // Every kept trio was solved or its bound fell to the best round: proven unless a trio left
        // out for the budget might still beat it.
        var proven = leftOut <= best.Value;
        return new RouletteRound(best.Partner, best.Trio, _score) { Optimal = proven };
    }

    /// <summary>The two upper bounds on a trio's best round (see the class remarks).</summary>
    private sealed class TrioBounds
    {
        private readonly RouletteExact _exact;
        private readonly long _nearWeight;
        private readonly long[] _vertexDual;   // by person, doubled
        private readonly long[] _sharedDual;   // n × n: doubled duals of the blossoms holding both people
        private readonly long _dualTotal;      // doubled dual objective of the near-perfect matching
        private readonly long _restConstant;   // the cardinality constant over the (n − 3) / 2 pairs of the rest

        public TrioBounds(RouletteExact exact, MaxWeightMatching.Result result, long nearWeight)
        {
            _exact = exact;
            _nearWeight = nearWeight;
            var n = exact._n;
            var order = exact._order;
            _vertexDual = new long[n];
            _dualTotal = 0;
            for (var i = 0; i < n; i++)
            {
                _vertexDual[order[i]] = result.VertexDual[i];
                _dualTotal += result.VertexDual[i];
            }

            // Z(b): doubled dual of blossom b and all blossoms around it; the blossoms around two
            // people are those around their innermost common blossom.
            var blossoms = result.Blossoms;
            var around = new long[blossoms.Count];
            var depth = new int[blossoms.Count];
            var innermost = new int[n];
            Array.Fill(innermost, -1);
            for (var b = 0; b < blossoms.Count; b++)
            {
                _dualTotal += 2 * blossoms[b].Dual * (blossoms[b].Vertices.Length / 2);
                var total = 0L;
                var d = 0;
                for (var x = b; x >= 0; x = blossoms[x].Parent)
                {
                    total += 2 * blossoms[x].Dual;
                    d++;
                }
                around[b] = total;
                depth[b] = d;
                foreach (var i in blossoms[b].Vertices)
                {
                    var v = order[i];
                    if (innermost[v] < 0 || depth[innermost[v]] < d)
                    {
                        innermost[v] = b;
                    }
                }
            }
            _sharedDual = new long[n * n];
            for (var u = 0; u < n; u++)
            {
                for (var v = u + 1; v < n; v++)
                {
                    var common = Common(innermost[u], innermost[v], blossoms, depth);
                    _sharedDual[(u * n) + v] = _sharedDual[(v * n) + u] = common < 0 ? 0 : around[common];
                }
            }
            _restConstant = exact._constant * ((n - 3) / 2);
        }

        private static int Common(int x, int y, IReadOnlyList<MaxWeightMatching.Blossom> blossoms, int[] depth)
        {
            while (x >= 0 && y >= 0 && x != y)
            {
                if (depth[x] >= depth[y])
                {
                    x = blossoms[x].Parent;
                }
                else
                {
                    y = blossoms[y].Parent;
                }
            }
            return x == y ? x : -1;
        }

        /// <summary>Calls <paramref name="visit"/> with every trio (in the seeded vertex order) and its bound.</summary>
        public void ForEachTrio(Action<int, int, int, long> visit)
        {
            var n = _exact._n;
            var order = _exact._order;
            for (var i = 0; i < n; i++)
            {
                var a = order[i];
                for (var j = i + 1; j < n; j++)
                {
                    var b = order[j];
                    var ab = _exact.W(a, b);
                    for (var k = j + 1; k < n; k++)
                    {
                        var c = order[k];
                        var ac = _exact.W(a, c);
                        var bc = _exact.W(b, c);
                        var trio = ab + ac + bc;
                        var byNear = _nearWeight + trio - Math.Max(ab, Math.Max(ac, bc));
                        // Restricted dual objective: blossoms holding two or three of the trio lose one pair.
                        var shared = Math.Max(_sharedDual[(a * n) + b], Math.Max(_sharedDual[(a * n) + c], _sharedDual[(b * n) + c]));
                        var dual = _dualTotal - _vertexDual[a] - _vertexDual[b] - _vertexDual[c] - shared;
                        var byDual = trio + (dual / 2) - _restConstant;
                        visit(a, b, c, Math.Min(byNear, byDual));
                    }
                }
            }
        }
    }
}
