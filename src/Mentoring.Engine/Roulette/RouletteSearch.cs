using Mentoring.Engine.Common;

namespace Mentoring.Engine.Roulette;

/// <summary>
/// The fast roulette: a construction that reaches the cross-group bound, then seeded local search
/// (pair swaps, trio exchanges) that repairs repeats and pairs without shared working hours, pass
/// after pass until nothing is left to repair, passes in a row bring nothing, or a fixed budget of
/// evaluations (not time, so that a seed always gives the same round) is spent.
/// Linear-ish in the number of participants: 100,000 people take a few hundred milliseconds.
/// </summary>
internal sealed class RouletteSearch
{
    private const int TriesPerPair = 48;
    private const int TrioTries = 512;
    private const int MaxPasses = 200;
    private const int MaxIdlePasses = 10;

    private readonly RouletteProblem _problem;
    private readonly RouletteScore _score;
    private readonly SeededRandom _random;
    private readonly int _crossBound;
    private readonly int[] _partner;
    private readonly int[]? _trio;
    private readonly ZoneSampler _sampler;
    private long _budget;

    private RouletteSearch(RouletteProblem problem, RouletteScore score, SeededRandom random, int crossBound, int[]? trioGroups)
    {
        _problem = problem;
        _score = score;
        _random = random;
        _crossBound = crossBound;
        _partner = new int[problem.Count];
        _sampler = new ZoneSampler(problem, random);
        // A deterministic work limit (pair evaluations), so that a round never depends on the clock.
        _budget = (64L * problem.Count) + 2_000_000;
        _trio = trioGroups is null ? null : new int[3];
        Construct(trioGroups);
    }

    /// <summary>A round for <paramref name="problem"/>; <paramref name="trioGroups"/> as from <see cref="CrossGroupBound"/>.</summary>
    public static RouletteRound Run(RouletteProblem problem, RouletteScore score, SeededRandom random, int crossBound, int[]? trioGroups)
    {
        var search = new RouletteSearch(problem, score, random, crossBound, trioGroups);
        search.Improve();
        return new RouletteRound(search._partner, search._trio, score);
    }

    /// <summary>
    /// Trio from the bound's groups (best of a few random draws), then everyone else ordered by
    /// group, largest first, and paired i with i + m/2: that reaches the cross-group bound.
    /// </summary>
    private void Construct(int[]? trioGroups)
    {
        var n = _problem.Count;
        var members = new List<int>[_problem.GroupCount];
        for (var g = 0; g < members.Length; g++)
        {
            members[g] = [];
        }
        for (var v = 0; v < n; v++)
        {
            members[_problem.Group[v]].Add(v);
        }
        foreach (var list in members)
        {
            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        }

        if (_trio is not null && trioGroups is not null)
        {
            PickTrio(members, trioGroups);
        }

        var groupOrder = new int[members.Length];
        var tieBreak = new ulong[members.Length];
        for (var g = 0; g < members.Length; g++)
        {
            groupOrder[g] = g;
            tieBreak[g] = _random.NextUInt64();
        }
        Array.Sort(groupOrder, (x, y) =>
        {
            var bySize = members[y].Count.CompareTo(members[x].Count);
            return bySize != 0 ? bySize : tieBreak[x].CompareTo(tieBreak[y]);
        });
        var order = new List<int>(n);
        foreach (var g in groupOrder)
        {
            order.AddRange(members[g]);
        }
        var half = order.Count / 2;
        for (var i = 0; i < half; i++)
        {
            _partner[order[i]] = order[i + half];
            _partner[order[i + half]] = order[i];
        }
    }

    private void PickTrio(List<int>[] members, int[] trioGroups)
    {
        var best = long.MinValue;
        Span<int> draw = stackalloc int[3];
        Span<int> slot = stackalloc int[3];
        Span<int> bestSlot = stackalloc int[3];
        for (var attempt = 0; attempt < 256 && best < 3 * _score.Perfect; attempt++)
        {
            for (var i = 0; i < 3; i++)
            {
                var list = members[trioGroups[i]];
                // Distinct positions when the trio takes two or three people from one group.
                do
                {
                    slot[i] = _random.Next(list.Count);
                }
                while ((i > 0 && trioGroups[i - 1] == trioGroups[i] && slot[i - 1] == slot[i])
                    || (i > 1 && trioGroups[0] == trioGroups[2] && slot[0] == slot[2]));
                draw[i] = list[slot[i]];
            }
            var weight = _score.TrioWeight(draw[0], draw[1], draw[2]);
            if (weight > best)
            {
                best = weight;
                slot.CopyTo(bestSlot);
                draw.CopyTo(_trio);
            }
        }
        foreach (var v in _trio!)
        {
            _partner[v] = -1;
        }
        // Remove the three from their groups, highest position first so that positions stay valid.
        var removals = new (int Group, int Slot)[] { (trioGroups[0], bestSlot[0]), (trioGroups[1], bestSlot[1]), (trioGroups[2], bestSlot[2]) };
        foreach (var (group, position) in removals.OrderByDescending(r => r.Slot))
        {
            members[group].RemoveAt(position);
        }
    }

    /// <summary>Whether the pair can still gain: a repeat, no shared hours, or same-group while the cross-group bound is not reached.</summary>
    private bool Deficient(int u, int v, bool crossShort) =>
        _score.IsRepeat(u, v) || !_score.Overlaps(u, v) || (crossShort && !_score.IsCross(u, v));

    private void Improve()
    {
        var bad = new List<int>();
        var idle = 0;
        for (var pass = 0; pass < MaxPasses && idle < MaxIdlePasses && _budget > 0; pass++)
        {
            var crossShort = CrossGroupCount() < _crossBound;
            bad.Clear();
            for (var u = 0; u < _partner.Length; u++)
            {
                if (_partner[u] > u && Deficient(u, _partner[u], crossShort))
                {
                    bad.Add(u);
                }
            }
            var trioBad = _trio is not null
                && (Deficient(_trio[0], _trio[1], crossShort) || Deficient(_trio[0], _trio[2], crossShort) || Deficient(_trio[1], _trio[2], crossShort));
            if (bad.Count == 0 && !trioBad)
            {
                return;
            }
            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bad));

            var improved = false;
            foreach (var u in bad)
            {
                var v = _partner[u];
                if (v >= 0 && Deficient(u, v, crossShort))
                {
                    improved |= RepairPair(u, v);
                }
            }
            if (trioBad)
            {
                improved |= RepairTrio();
            }
            idle = improved ? 0 : idle + 1;
        }
    }

    /// <summary>Tries swaps of (u, v) with another pair (x, y) into (u, x)+(v, y) or (u, y)+(v, x).</summary>
    private bool RepairPair(int u, int v)
    {
        for (var attempt = 0; attempt < TriesPerPair && _budget > 0; attempt++)
        {
            _budget--;
            var x = _sampler.CompatibleWith((attempt & 1) == 0 ? u : v);
            var y = _partner[x];
            if (x == u || x == v || y < 0)
            {
                continue;
            }
            var current = _score.Weight(u, v) + _score.Weight(x, y);
            var straight = _score.Weight(u, x) + _score.Weight(v, y);
            var crossed = _score.Weight(u, y) + _score.Weight(v, x);
            if (straight > current && straight >= crossed)
            {
                Pair(u, x);
                Pair(v, y);
                return true;
            }
            if (crossed > current)
            {
                Pair(u, y);
                Pair(v, x);
                return true;
            }
        }
        return false;
    }

    /// <summary>Tries exchanging a trio member x with someone y from a pair (y, y'): trio gets y, x pairs with y'.</summary>
    private bool RepairTrio()
    {
        var trio = _trio!;
        var improved = false;
        for (var attempt = 0; attempt < TrioTries && _budget > 0; attempt++)
        {
            _budget--;
            var i = attempt % 3;
            var x = trio[i];
            var keep1 = trio[(i + 1) % 3];
            var keep2 = trio[(i + 2) % 3];
            var y = _sampler.CompatibleWith((attempt & 1) == 0 ? keep1 : keep2);
            var other = _partner[y];
            if (other < 0)
            {
                continue;
            }
            var before = _score.TrioWeight(x, keep1, keep2) + _score.Weight(y, other);
            var after = _score.TrioWeight(y, keep1, keep2) + _score.Weight(x, other);
            if (after > before)
            {
                trio[i] = y;
                _partner[y] = -1;
                Pair(x, other);
                improved = true;
            }
        }
        return improved;
    }

    private void Pair(int a, int b)
    {
        _partner[a] = b;
        _partner[b] = a;
    }

    private int CrossGroupCount()
    {
        var count = 0;
        for (var u = 0; u < _partner.Length; u++)
        {
            if (_partner[u] > u && _score.IsCross(u, _partner[u]))
            {
                count++;
            }
        }
        if (_trio is not null)
        {
            count += (_score.IsCross(_trio[0], _trio[1]) ? 1 : 0) + (_score.IsCross(_trio[0], _trio[2]) ? 1 : 0) + (_score.IsCross(_trio[1], _trio[2]) ? 1 : 0);
        }
        return count;
    }

    /// <summary>
    /// Draws people whose working hours overlap with a given person's (by time zone buckets), so that
    /// swaps mostly try partners who can fix a pair without shared hours.
    /// </summary>
    private sealed class ZoneSampler
    {
        private readonly RouletteProblem _problem;
        private readonly SeededRandom _random;
        private readonly int[][] _people;             // by zone; the last bucket holds those without a zone
        private readonly int[][] _compatible;         // by zone: buckets that overlap it
        private readonly long[][] _cumulative;        // by zone: running bucket sizes over _compatible

        public ZoneSampler(RouletteProblem problem, SeededRandom random)
        {
            _problem = problem;
            _random = random;
            var zones = problem.ZoneCount;
            var lists = new List<int>[zones + 1];
            for (var z = 0; z <= zones; z++)
            {
                lists[z] = [];
            }
            for (var v = 0; v < problem.Count; v++)
            {
                lists[problem.Zone[v] < 0 ? zones : problem.Zone[v]].Add(v);
            }
            _people = [.. lists.Select(l => l.ToArray())];
            _compatible = new int[zones][];
            _cumulative = new long[zones][];
            for (var z = 0; z < zones; z++)
            {
                var buckets = new List<int>();
                for (var other = 0; other <= zones; other++)
                {
                    if ((other == zones || problem.ZoneOverlap[(z * zones) + other]) && _people[other].Length > 0)
                    {
                        buckets.Add(other);
                    }
                }
                _compatible[z] = [.. buckets];
                var running = 0L;
                _cumulative[z] = [.. buckets.Select(b => running += _people[b].Length)];
            }
        }

        public int CompatibleWith(int person)
        {
            var zone = _problem.Zone[person];
            if (zone < 0)
            {
                return _random.Next(_problem.Count);
            }
            var cumulative = _cumulative[zone];
            var pick = (long)_random.Next((int)cumulative[^1]);
            var bucket = 0;
            while (cumulative[bucket] <= pick)
            {
                bucket++;
            }
            var people = _people[_compatible[zone][bucket]];
            return people[pick - (bucket == 0 ? 0 : cumulative[bucket - 1])];
        }
    }
}
