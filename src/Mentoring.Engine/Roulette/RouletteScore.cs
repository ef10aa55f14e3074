namespace Mentoring.Engine.Roulette;

/// <summary>
/// The roulette objective as one integer per pair, so that sums compare lexicographically:
/// weight = A·[not a repeat] + B·[cross-group] + [working hours overlap], with B larger than any
/// number of pairs in a round and A larger than any sum of the lower levels. A round with the
/// largest total weight therefore has (1) the fewest repeats, then (2) the most cross-group pairs,
/// then (3) the most pairs who share working hours. The pairs inside a trio count like any pair.
/// </summary>
internal sealed class RouletteScore
{
    private readonly RouletteProblem _problem;

    public RouletteScore(RouletteProblem problem)
    {
        _problem = problem;
        var n = problem.Count;
        InnerPairs = n % 2 == 0 ? n / 2 : (n + 3) / 2; // (n-3)/2 pairs and the trio's three
        B = InnerPairs + 1L;
        A = ((B + 1) * InnerPairs) + 1;
    }

    /// <summary>How many pairs a round has, counting the three inside the trio.</summary>
    public int InnerPairs { get; }

    public long A { get; }

    public long B { get; }

    /// <summary>The weight of a pair that is new, cross-group and within shared hours.</summary>
    public long Perfect => A + B + 1;

    public bool IsRepeat(int u, int v) => _problem.History.Contains(u, v);

    public bool IsCross(int u, int v) => _problem.Group[u] != _problem.Group[v];

    /// <summary>Someone without a time zone is taken to fit anyone's hours.</summary>
    public bool Overlaps(int u, int v)
    {
        var zu = _problem.Zone[u];
        var zv = _problem.Zone[v];
        return zu < 0 || zv < 0 || _problem.ZoneOverlap[(zu * _problem.ZoneCount) + zv];
    }

    public long Weight(int u, int v) =>
        (IsRepeat(u, v) ? 0 : A) + (IsCross(u, v) ? B : 0) + (Overlaps(u, v) ? 1 : 0);

    public long TrioWeight(int a, int b, int c) => Weight(a, b) + Weight(a, c) + Weight(b, c);

    /// <summary>The total weight of a round with the given three counts.</summary>
    public long Value(int repeats, int crossGroup, int overlap) =>
        (A * (InnerPairs - repeats)) + (B * crossGroup) + overlap;
}
