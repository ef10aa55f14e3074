using System.Runtime.CompilerServices;

namespace Mentoring.Engine.Common;

/// <summary>
/// Who has met whom: an undirected pair set over node indexes, stored as sorted adjacency lists
/// (compressed rows). Cheaper to build than a hash set for millions of pairs, and a lookup is a
/// binary search in a list of a few dozen.
/// </summary>
internal sealed class PairHistory
{
    private readonly int[] _offsets;
    private readonly int[] _neighbours;

    private PairHistory(int[] offsets, int[] neighbours)
    {
        _offsets = offsets;
        _neighbours = neighbours;
    }

    /// <summary>Builds the set from <paramref name="pairs"/>, flattened as a0, b0, a1, b1, ….</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PairHistory Build(int nodeCount, ReadOnlySpan<int> pairs)
    {
        var offsets = new int[nodeCount + 1];
        foreach (var node in pairs)
        {
            offsets[node + 1]++;
        }
        for (var i = 0; i < nodeCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }
        var fill = offsets[..^1];
        var neighbours = new int[pairs.Length];
        for (var i = 0; i < pairs.Length; i += 2)
        {
            neighbours[fill[pairs[i]]++] = pairs[i + 1];
            neighbours[fill[pairs[i + 1]]++] = pairs[i];
        }
        // Sort each row and drop pairs given more than once, compacting the rows in place.
        var write = 0;
        for (var i = 0; i < nodeCount; i++)
        {
            var row = neighbours.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);
            row.Sort();
            offsets[i] = write;
            for (var k = 0; k < row.Length; k++)
            {
                if (k == 0 || row[k] != row[k - 1])
                {
                    neighbours[write++] = row[k];
                }
            }
        }
        offsets[nodeCount] = write;
        Array.Resize(ref neighbours, write);
        return new PairHistory(offsets, neighbours);
    }

    /// <summary>The nodes <paramref name="node"/> has met, sorted, each once.</summary>
    public ReadOnlySpan<int> Neighbours(int node) => _neighbours.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    public bool Contains(int a, int b)
    {
        var da = _offsets[a + 1] - _offsets[a];
        var db = _offsets[b + 1] - _offsets[b];
        return da <= db ? Neighbours(a).BinarySearch(b) >= 0 : Neighbours(b).BinarySearch(a) >= 0;
    }
}
