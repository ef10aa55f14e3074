namespace Mentoring.Engine.Roulette;

/// <summary>
/// One round: <see cref="Partner"/>[v] is v's partner, or -1 for the three people of the trio
/// (<see cref="Trio"/>, null when the count is even). Counts are over all pairs, the trio's included.
/// </summary>
internal sealed class RouletteRound
{
    public RouletteRound(int[] partner, int[]? trio, RouletteScore score)
    {
        Partner = partner;
        Trio = trio;
        for (var u = 0; u < partner.Length; u++)
        {
            if (partner[u] > u)
            {
                Count(u, partner[u], score);
            }
        }
        if (trio is not null)
        {
            Count(trio[0], trio[1], score);
            Count(trio[0], trio[2], score);
            Count(trio[1], trio[2], score);
        }
        Value = score.Value(Repeats, CrossGroup, Overlap);
    }

    public int[] Partner { get; }

    public int[]? Trio { get; }

    public int Repeats { get; private set; }

    public int CrossGroup { get; private set; }

    /// <summary>Pairs whose working hours overlap (objective level 3; not part of the contract's output).</summary>
    public int Overlap { get; private set; }

    /// <summary>The lexicographic objective as one number (<see cref="RouletteScore.Value"/>).</summary>
    public long Value { get; }

    /// <summary>True when the round is proven to be optimal on all three levels.</summary>
    public bool Optimal { get; init; }

    private void Count(int u, int v, RouletteScore score)
    {
        Repeats += score.IsRepeat(u, v) ? 1 : 0;
        CrossGroup += score.IsCross(u, v) ? 1 : 0;
        Overlap += score.Overlaps(u, v) ? 1 : 0;
    }
}
