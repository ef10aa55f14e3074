using Mentoring.Engine.Common;

namespace Mentoring.Engine.Roulette;

/// <summary>
/// Exact rounds by maximum-weight matching (<see cref="MaxWeightMatching"/>) on the complete graph
/// with the weights of <see cref="RouletteScore"/>, plus a constant that forces a perfect (or, for
/// an odd count, near-perfect) matching. Vertices are numbered in a seeded random order (positions),
/// so that among equally good rounds the seed picks one.
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
/// The near-perfect matching's unmatched person joined to the best of its pairs gives first
/// trios (see <see cref="BestAttachment"/>); trios whose bound beats the best found are then solved exactly, best bound first, within
/// a fixed work budget. The result is proven optimal when no trio's bound beats it.
/// </remarks>
internal sealed class RouletteExact
{
    /// <summary>Work budget for solving trios exactly, counted as n³ per trio: a deterministic limit of about two seconds.</summary>
    private const double TrioWork = 4e9;

    private readonly int _n;
    private readonly RouletteScore _score;
    private readonly int[] _person;  // person at each position: a seeded permutation
    private readonly long[] _weight; // n × n by position, without the cardinality constant
    private readonly long _constant;

    private RouletteExact(RouletteProblem problem, RouletteScore score, SeededRandom random)
    {
        _n = problem.Count;
        _score = score;
        _person = new int[_n];
        for (var i = 0; i < _n; i++)
        {
            _person[i] = i;
        }
        random.Shuffle(_person.AsSpan());
        _weight = new long[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            for (var j = i + 1; j < _n; j++)
            {
                _weight[(i * _n) + j] = _weight[(j * _n) + i] = score.Weight(_person[i], _person[j]);
            }
        }
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

    private long W(int i, int j) => _weight[(i * _n) + j];

    private int[] AllPositions()
    {
        var all = new int[_n];
        for (var i = 0; i < _n; i++)
        {
            all[i] = i;
        }
        return all;
    }

    private RouletteRound SolveEven()
    {
        var (mate, _) = Match(AllPositions());
        return Round(mate, null, optimal: true);
    }

    /// <summary>Maximum-weight (near-)perfect matching of <paramref name="positions"/>: the mate of each position, or -1.</summary>
    private (int[] Mate, MaxWeightMatching.Result Result) Match(int[] positions)
    {
        var count = positions.Length;
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
                weight[k] = _constant + W(positions[i], positions[j]);
                k++;
            }
        }
        var result = MaxWeightMatching.Solve(count, from, to, weight);
        var mate = new int[_n];
        Array.Fill(mate, -1);
        for (var i = 0; i < count; i++)
        {
            if (result.Mate[i] >= 0)
            {
                mate[positions[i]] = positions[result.Mate[i]];
            }
        }
        return (mate, result);
    }

    /// <summary>The round of a matching by positions (trio by positions too), in person indexes.</summary>
    private RouletteRound Round(int[] mate, int[]? trio, bool optimal)
    {
        var partner = new int[_n];
        for (var i = 0; i < _n; i++)
        {
            partner[_person[i]] = mate[i] < 0 ? -1 : _person[mate[i]];
        }
        return new RouletteRound(partner, trio is null ? null : [_person[trio[0]], _person[trio[1]], _person[trio[2]]], _score) { Optimal = optimal };
    }

    private RouletteRound SolveOdd(RouletteRound incumbent)
    {
        if (_n == 3)
        {
            return Round([-1, -1, -1], [0, 1, 2], optimal: true);
        }

        var (near, result) = Match(AllPositions());
        var nearWeight = 0L;
        for (var i = 0; i < _n; i++)
        {
            nearWeight += near[i] > i ? W(i, near[i]) : 0;
        }

        var best = BestAttachment(near, nearWeight);
        if (incumbent.Value > best.Value)
        {
            best = incumbent;
        }
        if (best.Value >= nearWeight + (2 * _score.Perfect))
        {
            // No trio adds more than two perfect pairs to the best near-perfect matching.
            return new RouletteRound(best.Partner, best.Trio, _score) { Optimal = true };
        }

        // Solve the trios whose bound beats the best round, best bound first, as many as the budget allows.
        var budget = Math.Max(20, (int)Math.Min(100_000, TrioWork / ((double)_n * _n * _n)));
        var candidates = new TrioBounds(this, result, nearWeight).Candidates(best.Value, budget, out var leftOut);
        var rest = new int[_n - 3];
        foreach (var (a, b, c, bound) in candidates)
        {
            if (bound <= best.Value)
            {
                break;
            }
            var r = 0;
            for (var i = 0; i < _n; i++)
            {
                if (i != a && i != b && i != c)
                {
                    rest[r++] = i;
                }
            }
            var candidate = Round(Match(rest).Mate, [a, b, c], optimal: false);
            if (candidate.Value > best.Value)
            {
                best = candidate;
            }
        }
        // Every kept trio was solved or its bound fell to the best round: proven unless a trio left
        // out for the budget might still beat it.
        return new RouletteRound(best.Partner, best.Trio, _score) { Optimal = leftOut <= best.Value };
    }

    /// <summary>
    /// First trios: in each best near-perfect matching reachable by swaps of equal weight (the
    /// unmatched person takes x, x's partner becomes unmatched), the unmatched person joins the pair
    /// that suits them best. Stops early at the best a trio can add: two perfect pairs.
    /// </summary>
    private RouletteRound BestAttachment(int[] near, long nearWeight)
    {
        var visited = new bool[_n];
        var queue = new Queue<int[]>();
        queue.Enqueue(near);
        visited[Array.IndexOf(near, -1)] = true;
        int[]? bestMate = null, bestTrio = null;
        var bestGain = long.MinValue;
        while (queue.Count > 0 && bestGain < 2 * _score.Perfect)
        {
            var mate = queue.Dequeue();
            var exposed = Array.IndexOf(mate, -1);
            for (var x = 0; x < _n; x++)
            {
                var y = mate[x];
                if (y < 0)
                {
                    continue;
                }
                if (y > x && W(x, exposed) + W(y, exposed) > bestGain)
                {
                    bestGain = W(x, exposed) + W(y, exposed);
                    bestMate = mate;
                    bestTrio = [x, y, exposed];
                }
                if (!visited[y] && W(exposed, x) == W(x, y))
                {
                    visited[y] = true;
                    var swapped = (int[])mate.Clone();
                    swapped[exposed] = x;
                    swapped[x] = exposed;
                    swapped[y] = -1;
                    queue.Enqueue(swapped);
                }
            }
        }
        var trioMate = (int[])bestMate!.Clone();
        trioMate[bestTrio![0]] = trioMate[bestTrio[1]] = -1;
        return Round(trioMate, bestTrio, optimal: false);
    }

    /// <summary>The two upper bounds on a trio's best round (see the class remarks), by position.</summary>
    private sealed class TrioBounds
    {
        private readonly RouletteExact _exact;
        private readonly long _nearWeight;
        private readonly long[] _vertexDual;   // doubled
        private readonly long[] _sharedDual;   // n × n: doubled duals of the blossoms holding both positions
        private readonly long _dualTotal;      // doubled dual objective of the near-perfect matching
        private readonly long _restConstant;   // the cardinality constant over the (n − 3) / 2 pairs of the rest

        public TrioBounds(RouletteExact exact, MaxWeightMatching.Result result, long nearWeight)
        {
            _exact = exact;
            _nearWeight = nearWeight;
            var n = exact._n;
            _vertexDual = result.VertexDual;
            _dualTotal = _vertexDual.Sum();

            // Z(b): doubled dual of blossom b and all blossoms around it; the blossoms around two
            // positions are those around their innermost common blossom.
            var blossoms = result.Blossoms;
            var around = new long[blossoms.Count];
            var depth = new int[blossoms.Count];
            var innermost = new int[n];
            Array.Fill(innermost, -1);
            for (var b = 0; b < blossoms.Count; b++)
            {
                _dualTotal += 2 * blossoms[b].Dual * (blossoms[b].Vertices.Length / 2);
                for (var x = b; x >= 0; x = blossoms[x].Parent)
                {
                    around[b] += 2 * blossoms[x].Dual;
                    depth[b]++;
                }
                foreach (var v in blossoms[b].Vertices)
                {
                    if (innermost[v] < 0 || depth[innermost[v]] < depth[b])
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

        /// <summary>
        /// The trios whose bound exceeds <paramref name="floor"/>, at most <paramref name="budget"/> of
        /// them, best bound first (lower positions first on ties); <paramref name="leftOut"/> is an
        /// upper bound on the bounds of the trios not returned (long.MinValue when none beat the floor).
        /// </summary>
        public List<(int A, int B, int C, long Bound)> Candidates(long floor, int budget, out long leftOut)
        {
            var n = _exact._n;
            var weight = _exact._weight;
            var perfect = _exact._score.Perfect;
            var candidates = new PriorityQueue<(int A, int B, int C, long Bound), (long Bound, long Rank)>();
            leftOut = long.MinValue;

            // Smallest vertex dual from position k on: caps what a third member can leave behind.
            var minDualFrom = new long[n + 1];
            minDualFrom[n] = long.MaxValue / 4;
            for (var k = n - 1; k >= 0; k--)
            {
                minDualFrom[k] = Math.Min(minDualFrom[k + 1], _vertexDual[k]);
            }

            for (var a = 0; a < n - 2; a++)
            {
                var rowA = weight.AsSpan(a * n, n);
                var sharedA = _sharedDual.AsSpan(a * n, n);
                for (var b = a + 1; b < n - 1; b++)
                {
                    var ab = rowA[b];
                    var rest = _dualTotal - _vertexDual[a] - _vertexDual[b];
                    // No trio (a, b, c) does better than perfect pairs with c and the smallest dual for c.
                    var upper = ab + (2 * perfect) + ((rest - minDualFrom[b + 1]) / 2) - _restConstant;
                    if (upper <= floor)
                    {
                        continue;
                    }
                    if (candidates.Count == budget && candidates.TryPeek(out _, out var weakest) && upper <= weakest.Bound)
                    {
                        leftOut = Math.Max(leftOut, upper);
                        continue;
                    }
                    var rowB = weight.AsSpan(b * n, n);
                    var sharedB = _sharedDual.AsSpan(b * n, n);
                    var sharedAb = sharedA[b];
                    for (var c = b + 1; c < n; c++)
                    {
                        var ac = rowA[c];
                        var bc = rowB[c];
                        var trio = ab + ac + bc;
                        var byNear = _nearWeight + trio - Math.Max(ab, Math.Max(ac, bc));
                        // Restricted dual objective: blossoms holding two or three of the trio lose one pair.
                        var shared = Math.Max(sharedAb, Math.Max(sharedA[c], sharedB[c]));
                        var byDual = trio + ((rest - _vertexDual[c] - shared) / 2) - _restConstant;
                        var bound = Math.Min(byNear, byDual);
                        if (bound <= floor)
                        {
                            continue;
                        }
                        var rank = -(((long)a * n * n) + ((long)b * n) + c);
                        if (candidates.Count < budget)
                        {
                            candidates.Enqueue((a, b, c, bound), (bound, rank));
                        }
                        else if (candidates.TryPeek(out _, out var weakestNow) && (bound, rank).CompareTo(weakestNow) > 0)
                        {
                            leftOut = Math.Max(leftOut, candidates.DequeueEnqueue((a, b, c, bound), (bound, rank)).Bound);
                        }
                        else
                        {
                            leftOut = Math.Max(leftOut, bound);
                        }
                    }
                }
            }

            var ordered = new List<(int A, int B, int C, long Bound)>(candidates.Count);
            while (candidates.Count > 0)
            {
                ordered.Add(candidates.Dequeue());
            }
            ordered.Reverse();
            return ordered;
        }
    }
}
