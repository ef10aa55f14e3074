namespace Mentoring.Engine.Roulette;

/// <summary>
/// Maximum-weight matching in a general graph with integer weights: Edmonds' blossom algorithm in
/// the O(n³) primal-dual formulation of Galil, ported from Joris van Rantwijk's mwmatching.py (the
/// algorithm behind networkx.max_weight_matching, which the contract's checker uses). OR-Tools has
/// no general-graph matching (its assignment solver is bipartite only) and CP-SAT is far slower on
/// this problem; bench/Mentoring.Benchmarks/RouletteBenchmarks.cs shows both.
/// </summary>
/// <remarks>
/// Vertex duals are kept doubled (<c>2·u(v)</c>) and blossom duals plain (<c>z(b)</c>), so with integer
/// weights every step stays integral. The final duals are returned: they bound the weight of any
/// matching of any vertex subset, which the roulette uses to prune candidate trios.
/// </remarks>
internal sealed class MaxWeightMatching
{
    private readonly int _n;
    private readonly int[] _edgeFrom;
    private readonly int[] _edgeTo;
    private readonly long[] _weight;
    private readonly int[] _endpoint;          // endpoint[2k] = from(k), endpoint[2k+1] = to(k)
    private readonly int[] _neighbourStart;    // CSR over vertices of remote endpoints
    private readonly int[] _neighbourEnds;
    private readonly int[] _mate;              // remote endpoint of the matched edge, or -1
    private readonly int[] _label;             // 0 free, 1 S, 2 T (5 = S with breadcrumb while scanning)
    private readonly int[] _labelEnd;
    private readonly int[] _inBlossom;
    private readonly int[] _blossomParent;
    private readonly List<int>?[] _blossomChildren;
    private readonly List<int>?[] _blossomEndpoints;
    private readonly int[] _blossomBase;
    private readonly int[] _bestEdge;
    private readonly List<int>?[] _blossomBestEdges;
    private readonly Stack<int> _unusedBlossoms = new();
    private readonly long[] _dual;
    private readonly bool[] _allowEdge;
    private readonly List<int> _queue = [];
    private readonly List<int> _path = [];
    private readonly List<int> _leaves = [];
    private readonly int[] _bestEdgeTo;

    private MaxWeightMatching(int vertexCount, int[] edgeFrom, int[] edgeTo, long[] weight)
    {
        _n = vertexCount;
        _edgeFrom = edgeFrom;
        _edgeTo = edgeTo;
        _weight = weight;
        var m = edgeFrom.Length;
        _endpoint = new int[2 * m];
        _neighbourStart = new int[_n + 1];
        for (var k = 0; k < m; k++)
        {
            _endpoint[2 * k] = edgeFrom[k];
            _endpoint[(2 * k) + 1] = edgeTo[k];
            _neighbourStart[edgeFrom[k] + 1]++;
            _neighbourStart[edgeTo[k] + 1]++;
        }
        for (var v = 0; v < _n; v++)
        {
            _neighbourStart[v + 1] += _neighbourStart[v];
        }
        _neighbourEnds = new int[2 * m];
        var fill = _neighbourStart[..^1];
        for (var k = 0; k < m; k++)
        {
            _neighbourEnds[fill[edgeFrom[k]]++] = (2 * k) + 1;
            _neighbourEnds[fill[edgeTo[k]]++] = 2 * k;
        }

        _mate = new int[_n];
        Array.Fill(_mate, -1);
        _label = new int[2 * _n];
        _labelEnd = new int[2 * _n];
        Array.Fill(_labelEnd, -1);
        _inBlossom = new int[_n];
        for (var v = 0; v < _n; v++)
        {
            _inBlossom[v] = v;
        }
        _blossomParent = new int[2 * _n];
        Array.Fill(_blossomParent, -1);
        _blossomChildren = new List<int>?[2 * _n];
        _blossomEndpoints = new List<int>?[2 * _n];
        _blossomBase = new int[2 * _n];
        for (var v = 0; v < 2 * _n; v++)
        {
            _blossomBase[v] = v < _n ? v : -1;
        }
        _bestEdge = new int[2 * _n];
        _blossomBestEdges = new List<int>?[2 * _n];
        for (var b = (2 * _n) - 1; b >= _n; b--)
        {
            _unusedBlossoms.Push(b);
        }
        var maxWeight = 0L;
        foreach (var w in weight)
        {
            maxWeight = Math.Max(maxWeight, w);
        }
        _dual = new long[2 * _n];
        Array.Fill(_dual, maxWeight, 0, _n);
        _allowEdge = new bool[m];
        _bestEdgeTo = new int[2 * _n];
    }

    /// <summary>
    /// A maximum-weight matching of the graph with edges (<paramref name="edgeFrom"/>[k], <paramref name="edgeTo"/>[k])
    /// of weight <paramref name="weight"/>[k]. Add a large constant to every weight to get a maximum-cardinality one.
    /// </summary>
    public static Result Solve(int vertexCount, int[] edgeFrom, int[] edgeTo, long[] weight)
    {
        var solver = new MaxWeightMatching(vertexCount, edgeFrom, edgeTo, weight);
        solver.Run();
        return solver.Collect();
    }

    /// <summary>The matching and an optimal dual solution.</summary>
    /// <param name="Mate">Partner of each vertex, or -1.</param>
    /// <param name="VertexDual">Twice the dual variable u(v) of each vertex (u ≥ 0).</param>
    /// <param name="Blossoms">The blossoms left at the end with their dual z(b) ≥ 0 and their vertices.</param>
    internal sealed record Result(int[] Mate, long[] VertexDual, IReadOnlyList<Blossom> Blossoms);

    /// <param name="Parent">Index in <see cref="Result.Blossoms"/> of the enclosing blossom, or -1.</param>
    internal sealed record Blossom(long Dual, int[] Vertices, int Parent);

    private long Slack(int k) => _dual[_edgeFrom[k]] + _dual[_edgeTo[k]] - (2 * _weight[k]);

    private static int At(List<int> list, int index) => list[index < 0 ? index + list.Count : index];

    private void CollectLeaves(int b, List<int> output)
    {
        if (b < _n)
        {
            output.Add(b);
            return;
        }
        foreach (var child in _blossomChildren[b]!)
        {
            CollectLeaves(child, output);
        }
    }

    private List<int> Leaves(int b)
    {
        _leaves.Clear();
        CollectLeaves(b, _leaves);
        return _leaves;
    }

    private void AssignLabel(int w, int t, int p)
    {
        var b = _inBlossom[w];
        _label[w] = _label[b] = t;
        _labelEnd[w] = _labelEnd[b] = p;
        _bestEdge[w] = _bestEdge[b] = -1;
        if (t == 1)
        {
            CollectLeaves(b, _queue);
        }
        else if (t == 2)
        {
            var baseVertex = _blossomBase[b];
            AssignLabel(_endpoint[_mate[baseVertex]], 1, _mate[baseVertex] ^ 1);
        }
    }

    /// <summary>Traces back from v and w to find a new blossom's base, or -1 when they lead to an augmenting path.</summary>
    private int ScanBlossom(int v, int w)
    {
        _path.Clear();
        var baseVertex = -1;
        while (v != -1 || w != -1)
        {
            var b = _inBlossom[v];
            if ((_label[b] & 4) != 0)
            {
                baseVertex = _blossomBase[b];
                break;
            }
            _path.Add(b);
            _label[b] = 5;
            if (_labelEnd[b] == -1)
            {
                v = -1;
            }
            else
            {
                v = _endpoint[_labelEnd[b]];
                b = _inBlossom[v];
                v = _endpoint[_labelEnd[b]];
            }
            if (w != -1)
            {
                (v, w) = (w, v);
            }
        }
        foreach (var b in _path)
        {
            _label[b] = 1;
        }
        return baseVertex;
    }

    private void AddBlossom(int baseVertex, int k)
    {
        var v = _edgeFrom[k];
        var w = _edgeTo[k];
        var bb = _inBlossom[baseVertex];
        var bv = _inBlossom[v];
        var bw = _inBlossom[w];
        var b = _unusedBlossoms.Pop();
        _blossomBase[b] = baseVertex;
        _blossomParent[b] = -1;
        _blossomParent[bb] = b;
        var path = new List<int>();
        var endpoints = new List<int>();
        while (bv != bb)
        {
            _blossomParent[bv] = b;
            path.Add(bv);
            endpoints.Add(_labelEnd[bv]);
            v = _endpoint[_labelEnd[bv]];
            bv = _inBlossom[v];
        }
        path.Add(bb);
        path.Reverse();
        endpoints.Reverse();
        endpoints.Add(2 * k);
        while (bw != bb)
        {
            _blossomParent[bw] = b;
            path.Add(bw);
            endpoints.Add(_labelEnd[bw] ^ 1);
            w = _endpoint[_labelEnd[bw]];
            bw = _inBlossom[w];
        }
        _blossomChildren[b] = path;
        _blossomEndpoints[b] = endpoints;
        _label[b] = 1;
        _labelEnd[b] = _labelEnd[bb];
        _dual[b] = 0;
        foreach (var leaf in Leaves(b))
        {
            if (_label[_inBlossom[leaf]] == 2)
            {
                _queue.Add(leaf);
            }
            _inBlossom[leaf] = b;
        }

        // The least-slack edge from the new blossom to each neighbouring S-blossom.
        Array.Fill(_bestEdgeTo, -1);
        foreach (var child in path)
        {
            var known = _blossomBestEdges[child];
            if (known is null)
            {
                foreach (var leaf in Leaves(child))
                {
                    for (var q = _neighbourStart[leaf]; q < _neighbourStart[leaf + 1]; q++)
                    {
                        ConsiderBestEdge(b, _neighbourEnds[q] >> 1);
                    }
                }
            }
            else
            {
                foreach (var edge in known)
                {
                    ConsiderBestEdge(b, edge);
                }
            }
            _blossomBestEdges[child] = null;
            _bestEdge[child] = -1;
        }
        var best = new List<int>();
        foreach (var edge in _bestEdgeTo)
        {
            if (edge != -1)
            {
                best.Add(edge);
            }
        }
        _blossomBestEdges[b] = best;
        _bestEdge[b] = -1;
        foreach (var edge in best)
        {
            if (_bestEdge[b] == -1 || Slack(edge) < Slack(_bestEdge[b]))
            {
                _bestEdge[b] = edge;
            }
        }
    }

    private void ConsiderBestEdge(int b, int k)
    {
        var i = _edgeFrom[k];
        var j = _edgeTo[k];
        if (_inBlossom[j] == b)
        {
            (i, j) = (j, i);
        }
        var bj = _inBlossom[j];
        if (bj != b && _label[bj] == 1 && (_bestEdgeTo[bj] == -1 || Slack(k) < Slack(_bestEdgeTo[bj])))
        {
            _bestEdgeTo[bj] = k;
        }
    }

    private void ExpandBlossom(int b, bool endStage)
    {
        var children = _blossomChildren[b]!;
        foreach (var s in children)
        {
            _blossomParent[s] = -1;
            if (s < _n)
            {
                _inBlossom[s] = s;
            }
            else if (endStage && _dual[s] == 0)
            {
                ExpandBlossom(s, endStage);
            }
            else
            {
                foreach (var leaf in Leaves(s))
                {
                    _inBlossom[leaf] = s;
                }
            }
        }

        if (!endStage && _label[b] == 2)
        {
            // Relabel the children on the even-length path from the entry child to the base.
            var endpoints = _blossomEndpoints[b]!;
            var entryChild = _inBlossom[_endpoint[_labelEnd[b] ^ 1]];
            var j = children.IndexOf(entryChild);
            int jStep, endTrick;
            if ((j & 1) != 0)
            {
                j -= children.Count;
                jStep = 1;
                endTrick = 0;
            }
            else
            {
                jStep = -1;
                endTrick = 1;
            }
            var p = _labelEnd[b];
            while (j != 0)
            {
                _label[_endpoint[p ^ 1]] = 0;
                _label[_endpoint[At(endpoints, j - endTrick) ^ endTrick ^ 1]] = 0;
                AssignLabel(_endpoint[p ^ 1], 2, p);
                _allowEdge[At(endpoints, j - endTrick) >> 1] = true;
                j += jStep;
                p = At(endpoints, j - endTrick) ^ endTrick;
                _allowEdge[p >> 1] = true;
                j += jStep;
            }
            var bv = At(children, j);
            _label[_endpoint[p ^ 1]] = _label[bv] = 2;
            _labelEnd[_endpoint[p ^ 1]] = _labelEnd[bv] = p;
            _bestEdge[bv] = -1;
            j += jStep;
            while (At(children, j) != entryChild)
            {
                bv = At(children, j);
                if (_label[bv] == 1)
                {
                    j += jStep;
                    continue;
                }
                var labelled = -1;
                foreach (var leaf in Leaves(bv))
                {
                    if (_label[leaf] != 0)
                    {
                        labelled = leaf;
                        break;
                    }
                }
                if (labelled != -1)
                {
                    _label[labelled] = 0;
                    _label[_endpoint[_mate[_blossomBase[bv]]]] = 0;
                    AssignLabel(labelled, 2, _labelEnd[labelled]);
                }
                j += jStep;
            }
        }

        _label[b] = _labelEnd[b] = -1;
        _blossomChildren[b] = _blossomEndpoints[b] = null;
        _blossomBase[b] = -1;
        _blossomBestEdges[b] = null;
        _bestEdge[b] = -1;
        _unusedBlossoms.Push(b);
    }

    /// <summary>Swaps matched and unmatched edges along the even path through blossom b from vertex v to its base.</summary>
    private void AugmentBlossom(int b, int v)
    {
        var t = v;
        while (_blossomParent[t] != b)
        {
            t = _blossomParent[t];
        }
        if (t >= _n)
        {
            AugmentBlossom(t, v);
        }
        var children = _blossomChildren[b]!;
        var endpoints = _blossomEndpoints[b]!;
        var i = children.IndexOf(t);
        var j = i;
        int jStep, endTrick;
        if ((i & 1) != 0)
        {
            j -= children.Count;
            jStep = 1;
            endTrick = 0;
        }
        else
        {
            jStep = -1;
            endTrick = 1;
        }
        while (j != 0)
        {
            j += jStep;
            t = At(children, j);
            var p = At(endpoints, j - endTrick) ^ endTrick;
            if (t >= _n)
            {
                AugmentBlossom(t, _endpoint[p]);
            }
            j += jStep;
            t = At(children, j);
            if (t >= _n)
            {
                AugmentBlossom(t, _endpoint[p ^ 1]);
            }
            _mate[_endpoint[p]] = p ^ 1;
            _mate[_endpoint[p ^ 1]] = p;
        }
        Rotate(children, i);
        Rotate(endpoints, i);
        _blossomBase[b] = _blossomBase[children[0]];
    }

    private static void Rotate(List<int> list, int by)
    {
        if (by == 0)
        {
            return;
        }
        var head = list.GetRange(0, by);
        list.RemoveRange(0, by);
        list.AddRange(head);
    }

    private void AugmentMatching(int k)
    {
        Span<(int S, int P)> ends = [(_edgeFrom[k], (2 * k) + 1), (_edgeTo[k], 2 * k)];
        foreach (var (start, startEnd) in ends)
        {
            var s = start;
            var p = startEnd;
            while (true)
            {
                var bs = _inBlossom[s];
                if (bs >= _n)
                {
                    AugmentBlossom(bs, s);
                }
                _mate[s] = p;
                if (_labelEnd[bs] == -1)
                {
                    break;
                }
                var t = _endpoint[_labelEnd[bs]];
                var bt = _inBlossom[t];
                s = _endpoint[_labelEnd[bt]];
                var j = _endpoint[_labelEnd[bt] ^ 1];
                if (bt >= _n)
                {
                    AugmentBlossom(bt, j);
                }
                _mate[j] = _labelEnd[bt];
                p = _labelEnd[bt] ^ 1;
            }
        }
    }

    private void Run()
    {
        for (var stage = 0; stage < _n; stage++)
        {
            Array.Clear(_label);
            Array.Fill(_bestEdge, -1);
            Array.Clear(_blossomBestEdges, _n, _n);
            Array.Clear(_allowEdge);
            _queue.Clear();
            for (var v = 0; v < _n; v++)
            {
                if (_mate[v] == -1 && _label[_inBlossom[v]] == 0)
                {
                    AssignLabel(v, 1, -1);
                }
            }

            var augmented = false;
            while (true)
            {
                while (_queue.Count > 0 && !augmented)
                {
                    var v = _queue[^1];
                    _queue.RemoveAt(_queue.Count - 1);
                    for (var q = _neighbourStart[v]; q < _neighbourStart[v + 1]; q++)
                    {
                        var p = _neighbourEnds[q];
                        var k = p >> 1;
                        var w = _endpoint[p];
                        if (_inBlossom[v] == _inBlossom[w])
                        {
                            continue;
                        }
                        var kSlack = 0L;
                        if (!_allowEdge[k])
                        {
                            kSlack = Slack(k);
                            if (kSlack <= 0)
                            {
                                _allowEdge[k] = true;
                            }
                        }
                        if (_allowEdge[k])
                        {
                            if (_label[_inBlossom[w]] == 0)
                            {
                                AssignLabel(w, 2, p ^ 1);
                            }
                            else if (_label[_inBlossom[w]] == 1)
                            {
                                var baseVertex = ScanBlossom(v, w);
                                if (baseVertex >= 0)
                                {
                                    AddBlossom(baseVertex, k);
                                }
                                else
                                {
                                    AugmentMatching(k);
                                    augmented = true;
                                    break;
                                }
                            }
                            else if (_label[w] == 0)
                            {
                                _label[w] = 2;
                                _labelEnd[w] = p ^ 1;
                            }
                        }
                        else if (_label[_inBlossom[w]] == 1)
                        {
                            var b = _inBlossom[v];
                            if (_bestEdge[b] == -1 || kSlack < Slack(_bestEdge[b]))
                            {
                                _bestEdge[b] = k;
                            }
                        }
                        else if (_label[w] == 0)
                        {
                            if (_bestEdge[w] == -1 || kSlack < Slack(_bestEdge[w]))
                            {
                                _bestEdge[w] = k;
                            }
                        }
                    }
                }
                if (augmented)
                {
                    break;
                }

                // No augmenting path with the current duals: change them by the largest safe delta.
                var deltaType = 1;
                var delta = long.MaxValue;
                for (var v = 0; v < _n; v++)
                {
                    delta = Math.Min(delta, _dual[v]);
                }
                var deltaEdge = -1;
                var deltaBlossom = -1;
                for (var v = 0; v < _n; v++)
                {
                    if (_label[_inBlossom[v]] == 0 && _bestEdge[v] != -1)
                    {
                        var d = Slack(_bestEdge[v]);
                        if (d < delta)
                        {
                            delta = d;
                            deltaType = 2;
                            deltaEdge = _bestEdge[v];
                        }
                    }
                }
                for (var b = 0; b < 2 * _n; b++)
                {
                    if (_blossomParent[b] == -1 && _label[b] == 1 && _bestEdge[b] != -1)
                    {
                        var d = Slack(_bestEdge[b]) / 2;
                        if (d < delta)
                        {
                            delta = d;
                            deltaType = 3;
                            deltaEdge = _bestEdge[b];
                        }
                    }
                }
                for (var b = _n; b < 2 * _n; b++)
                {
                    if (_blossomBase[b] >= 0 && _blossomParent[b] == -1 && _label[b] == 2 && _dual[b] < delta)
                    {
                        delta = _dual[b];
                        deltaType = 4;
                        deltaBlossom = b;
                    }
                }

                for (var v = 0; v < _n; v++)
                {
                    var label = _label[_inBlossom[v]];
                    if (label == 1)
                    {
                        _dual[v] -= delta;
                    }
                    else if (label == 2)
                    {
                        _dual[v] += delta;
                    }
                }
                for (var b = _n; b < 2 * _n; b++)
                {
                    if (_blossomBase[b] >= 0 && _blossomParent[b] == -1)
                    {
                        if (_label[b] == 1)
                        {
                            _dual[b] += delta;
                        }
                        else if (_label[b] == 2)
                        {
                            _dual[b] -= delta;
                        }
                    }
                }

                if (deltaType == 1)
                {
                    break; // optimum reached
                }
                if (deltaType == 2)
                {
                    _allowEdge[deltaEdge] = true;
                    var i = _edgeFrom[deltaEdge];
                    if (_label[_inBlossom[i]] == 0)
                    {
                        i = _edgeTo[deltaEdge];
                    }
                    _queue.Add(i);
                }
                else if (deltaType == 3)
                {
                    _allowEdge[deltaEdge] = true;
                    _queue.Add(_edgeFrom[deltaEdge]);
                }
                else
                {
                    ExpandBlossom(deltaBlossom, false);
                }
            }

            if (!augmented)
            {
                break;
            }
            for (var b = _n; b < 2 * _n; b++)
            {
                if (_blossomParent[b] == -1 && _blossomBase[b] >= 0 && _label[b] == 1 && _dual[b] == 0)
                {
                    ExpandBlossom(b, true);
                }
            }
        }
    }

    private Result Collect()
    {
        var mate = new int[_n];
        for (var v = 0; v < _n; v++)
        {
            mate[v] = _mate[v] >= 0 ? _endpoint[_mate[v]] : -1;
        }
        var index = new Dictionary<int, int>();
        var order = new List<int>();
        for (var b = _n; b < 2 * _n; b++)
        {
            if (_blossomBase[b] >= 0)
            {
                index[b] = order.Count;
                order.Add(b);
            }
        }
        var blossoms = new List<Blossom>(order.Count);
        foreach (var b in order)
        {
            var parent = _blossomParent[b] >= 0 ? index[_blossomParent[b]] : -1;
            blossoms.Add(new Blossom(_dual[b], [.. Leaves(b)], parent));
        }
        return new Result(mate, _dual[.._n], blossoms);
    }
}
