using System.Diagnostics;
using System.Runtime.CompilerServices;
namespace Mentoring.Engine.Matching;

/// <summary>
/// Exact lexicographic matching by an ε-scaling forward auction (Bertsekas) on a balanced
/// transportation problem built so that every optimum is a maximum matching.
/// <para>
/// With F the size of a maximum matching (<see cref="MaximumMatching"/>), the bidders are the
/// mentees plus U − F "fillers" (U = the mentors' usable units), and the objects are the mentors
/// (capacity = usable units) plus an "unmatched" object of capacity n − F. A mentee values a
/// mentor at priority × P + score and the unmatched object at 0; a filler values every mentor at
/// 0 and cannot take the unmatched object. Every object ends full, so exactly F mentees are
/// matched, and the best such assignment has the highest priority sum, then score sum.
/// </para>
/// <para>
/// An object has one price for all its units. A holder keeps its unit while the price stays
/// below its threshold: the price at which its profit would fall ε below its next best choice
/// (known when it bid; later prices only lower that choice, so the threshold stays safe). A bid
/// on a full object sets the price to the lowest threshold among the holders and the newcomer,
/// and that bidder leaves. Giving each unit its own price instead makes large objects (the
/// unmatched one holds tens of thousands) rise one unit and ε at a time: on the contract's
/// largest shape that was several times slower.
/// </para>
/// <para>
/// Values are multiplied by N + 1 (N bidders), so that the last phase, at ε = 1, is within
/// N &lt; N + 1 of the optimum, hence exact. The prices are also a dual solution: the result is
/// returned only when the duality gap, computed in 128-bit arithmetic, proves it optimal.
/// </para>
/// </summary>
internal sealed class AuctionMatchSolver
{
    private const long Unreachable = long.MinValue / 4;
    private const long PriceLimit = long.MaxValue >> 2;
    private const int ScalingFactor = 4;   // ε shrinks by this much per phase (4 measured best of 2..20)

    private readonly MatchProblem problem;
    private readonly int menteeCount;
    private readonly int bidderCount;
    private readonly int unmatchedObject;      // index of the "unmatched" object, or -1
    private readonly long scale;               // N + 1
    private readonly long maxValue;
    private readonly long[] arcValue;          // (priority × P + score) × scale, per pair

    // Objects are the mentors (0..m-1) and the unmatched object. The holders of object o sit in
    // holder[start[o] .. start[o] + used[o]], a binary min-heap on their thresholds.
    private readonly int[] capacity;
    private readonly long[] price;
    private readonly int[] used;
    private readonly int[] start;
    private readonly int[] holder;
    private readonly long[] threshold;

    private readonly int[] bidderArc;          // for a mentee: the pair it holds, -1 when unmatched
    private readonly FillerBoard fillers;

    private AuctionMatchSolver(MatchProblem problem, int[] mentorCapacity, int maximum)
    {
        this.problem = problem;
        var pairs = problem.Pairs;
        menteeCount = problem.MenteeCount;
        var mentorCount = problem.MentorCount;
        long units = 0;
        foreach (var c in mentorCapacity)
        {
            units += c;
        }
        bidderCount = checked((int)(menteeCount + units - maximum));
        scale = bidderCount + 1L;

        unmatchedObject = menteeCount > maximum ? mentorCount : -1;
        capacity = unmatchedObject >= 0 ? [.. mentorCapacity, menteeCount - maximum] : mentorCapacity;
        price = new long[capacity.Length];
        used = new int[capacity.Length];
        start = new int[capacity.Length + 1];
        for (var o = 0; o < capacity.Length; o++)
        {
            start[o + 1] = start[o] + capacity[o];
        }
        holder = new int[start[^1]];
        threshold = new long[start[^1]];

        var weights = MatchWeights.For(problem);
        maxValue = weights.Max * scale;
        arcValue = new long[pairs.Count];
        for (var e = 0; e < menteeCount; e++)
        {
            var priority = problem.Priorities[e];
            for (var k = pairs.Start[e]; k < pairs.Start[e + 1]; k++)
            {
                arcValue[k] = mentorCapacity[pairs.Mentor[k]] > 0 ? weights.Of(priority, pairs.Score[k]) * scale : Unreachable;
            }
        }
        bidderArc = new int[bidderCount];
        fillers = new FillerBoard(this, mentorCount, inUse: bidderCount > menteeCount);
    }

    /// <summary>
    /// Solves exactly, or returns null when 64-bit headroom is short or the duality gap does not
    /// close. Past the problem's time limit it returns the matching held so far, filled up
    /// greedily and marked not optimal.
    /// </summary>
    public static MatchResult? Solve(MatchProblem problem)
    {
        var deadline = problem.TimeLimitSeconds * Stopwatch.Frequency < long.MaxValue / 2
            ? Stopwatch.GetTimestamp() + (long)(problem.TimeLimitSeconds * Stopwatch.Frequency)
            : long.MaxValue;
        var pairs = problem.Pairs;
        var degree = new int[problem.MentorCount];
        foreach (var m in pairs.Mentor)
        {
            degree[m]++;
        }
        // A unit beyond a mentor's number of pairs can never be used: it would only feed fillers.
        var capacity = new int[problem.MentorCount];
        long units = 0;
        for (var m = 0; m < capacity.Length; m++)
        {
            capacity[m] = Math.Min(problem.Capacities[m], degree[m]);
            units += capacity[m];
        }
        var maximum = MaximumMatching.Size(pairs, capacity);
        // Prices stay within a few times the largest scaled value; keep that far from overflow.
        var bidders = problem.MenteeCount + units - maximum;
        if ((Int128)MatchWeights.For(problem).Max * (bidders + 1) > PriceLimit >> 4)
        {
            return null;
        }
        var solver = new AuctionMatchSolver(problem, capacity, maximum);
        try
        {
            if (!solver.Run(deadline))
            {
                return solver.HeldSoFar();
            }
        }
        catch (OverflowException)
        {
            return null;
        }
        return solver.GapIsClosed() ? solver.Result() : null;
    }

    /// <summary>Runs the phases down to ε = 1; false when the deadline came first.</summary>
    // Hot path of a one-shot run: see MatchCommand on AggressiveOptimization.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Run(long deadline)
    {
        var waiting = new Stack<int>(bidderCount);
        var epsilon = Math.Max(1, maxValue / ScalingFactor);
        while (true)
        {
            // Each phase starts with nobody assigned; prices carry over and guide the bids.
            Array.Clear(used);
            for (var b = bidderCount - 1; b >= 0; b--)
            {
                waiting.Push(b);
            }
            long bids = 0;
            while (waiting.TryPop(out var bidder))
            {
                if ((++bids & 0xFFF) == 0 && Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }
                var outbid = bidder < menteeCount ? MenteeBid(bidder, epsilon) : FillerBid(bidder, epsilon);
                if (outbid >= 0)
                {
                    waiting.Push(outbid);
                }
            }
            if (epsilon == 1)
            {
                return true;
            }
            epsilon = Math.Max(1, epsilon / ScalingFactor);
        }
    }

    /// <summary>A mentee bids for its most profitable object. Returns the bidder left without a unit, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int MenteeBid(int mentee, long epsilon)
    {
        var pairs = problem.Pairs;
        long best = Unreachable, second = Unreachable;
        int bestObject = -1, bestArc = -1;
        for (var k = pairs.Start[mentee]; k < pairs.Start[mentee + 1]; k++)
        {
            var value = arcValue[k];
            if (value == Unreachable)
            {
                continue;
            }
            var m = pairs.Mentor[k];
            value -= price[m];
            if (value > best)
            {
                second = best;
                best = value;
                bestObject = m;
                bestArc = k;
            }
            else if (value > second)
            {
                second = value;
            }
        }
        if (unmatchedObject >= 0)
        {
            var value = -price[unmatchedObject];
            if (value > best)
            {
                second = best;
                best = value;
                bestObject = unmatchedObject;
                bestArc = -1;
            }
            else if (value > second)
            {
                second = value;
            }
        }
        bidderArc[mentee] = bestArc;
        return Take(mentee, bestObject, best, second, epsilon);
    }

    /// <summary>A filler bids for the cheapest mentor (it values them all at 0).</summary>
    private int FillerBid(int filler, long epsilon)
    {
        var (mentor, next) = fillers.CheapestTwo();
        bidderArc[filler] = -1;
        return Take(filler, mentor, -price[mentor], -next, epsilon);
    }

    /// <summary>
    /// The bidder claims a unit of object o, whose profit to it is <paramref name="best"/> against
    /// <paramref name="second"/> elsewhere. Returns who is left without a unit (maybe the bidder), or -1.
    /// </summary>
    private int Take(int bidder, int o, long best, long second, long epsilon)
    {
        // No real alternative: a large step, bounded to keep prices finite.
        second = Math.Max(second, best - maxValue);
        var limit = price[o] + (best - second) + epsilon;
        if (limit > PriceLimit)
        {
            throw new OverflowException("auction prices left the 64-bit range");
        }
        int first = start[o], count = used[o];
        if (count < capacity[o])
        {
            used[o]++;
            SiftUp(first, count, bidder, limit);
            return -1;
        }
        var weakest = holder[first];
        if (limit <= threshold[first])
        {
            RaisePrice(o, limit);   // the bidder is the one who gives way
            return bidder;
        }
        RaisePrice(o, threshold[first]);
        SiftDown(first, count, bidder, limit);
        return weakest;
    }

    private void RaisePrice(int o, long newPrice)
    {
        if (newPrice > price[o])
        {
            price[o] = newPrice;
            if (o != unmatchedObject)
            {
                fillers.PriceRose(o);
            }
        }
    }

    private void SiftUp(int first, int at, int bidder, long limit)
    {
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (threshold[first + parent] <= limit)
            {
                break;
            }
            holder[first + at] = holder[first + parent];
            threshold[first + at] = threshold[first + parent];
            at = parent;
        }
        holder[first + at] = bidder;
        threshold[first + at] = limit;
    }

    /// <summary>Replaces the root of a full heap of <paramref name="count"/> holders.</summary>
    private void SiftDown(int first, int count, int bidder, long limit)
    {
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && threshold[first + child + 1] < threshold[first + child])
            {
                child++;
            }
            if (threshold[first + child] >= limit)
            {
                break;
            }
            holder[first + at] = holder[first + child];
            threshold[first + at] = threshold[first + child];
            at = child;
        }
        holder[first + at] = bidder;
        threshold[first + at] = limit;
    }

    /// <summary>
    /// The prices and the bidders' best profits form a dual solution whose value bounds every
    /// assignment that fills all objects from above. The values are multiples of N + 1, so a gap
    /// below N + 1 proves the assignment optimal. Also checks that every object is full.
    /// </summary>
    private bool GapIsClosed()
    {
        var pairs = problem.Pairs;
        Int128 primal = 0, dual = 0;
        for (var o = 0; o < capacity.Length; o++)
        {
            if (used[o] != capacity[o])
            {
                return false;
            }
            dual += (Int128)price[o] * capacity[o];
        }
        for (var b = 0; b < bidderCount; b++)
        {
            if (b >= menteeCount)
            {
                dual -= fillers.LowestPrice();
                continue;
            }
            Int128 bestProfit = unmatchedObject >= 0 ? -(Int128)price[unmatchedObject] : long.MinValue;
            for (var k = pairs.Start[b]; k < pairs.Start[b + 1]; k++)
            {
                if (arcValue[k] != Unreachable)
                {
                    bestProfit = Int128.Max(bestProfit, (Int128)arcValue[k] - price[pairs.Mentor[k]]);
                }
            }
            dual += bestProfit;
            primal += bidderArc[b] >= 0 ? arcValue[bidderArc[b]] : 0;
        }
        return dual - primal < scale;
    }

    private MatchResult Result()
    {
        var chosen = new int[menteeCount];
        Array.Copy(bidderArc, chosen, menteeCount);
        return new MatchResult(problem, chosen, optimal: true);
    }

    /// <summary>
    /// The mentees holding a mentor's unit when the time ran out, then the others in decreasing
    /// priority, each to its best-scoring mentor with a unit left. Feasible, not proven optimal.
    /// </summary>
    private MatchResult HeldSoFar()
    {
        var pairs = problem.Pairs;
        var chosen = new int[menteeCount];
        Array.Fill(chosen, -1);
        var left = new int[problem.MentorCount];
        for (var m = 0; m < left.Length; m++)
        {
            left[m] = capacity[m] - used[m];
            for (var h = start[m]; h < start[m] + used[m]; h++)
            {
                if (holder[h] < menteeCount)
                {
                    chosen[holder[h]] = bidderArc[holder[h]];
                }
                else
                {
                    left[m]++;   // a filler's unit is free
                }
            }
        }
        foreach (var e in Enumerable.Range(0, menteeCount).OrderByDescending(e => problem.Priorities[e]))
        {
            if (chosen[e] >= 0)
            {
                continue;
            }
            for (var k = pairs.Start[e]; k < pairs.Start[e + 1]; k++)
            {
                if (left[pairs.Mentor[k]] > 0 && (chosen[e] < 0 || pairs.Score[k] > pairs.Score[chosen[e]]))
                {
                    chosen[e] = k;
                }
            }
            if (chosen[e] >= 0)
            {
                left[pairs.Mentor[chosen[e]]]--;
            }
        }
        return new MatchResult(problem, chosen, optimal: false);
    }

    /// <summary>
    /// The mentors by price, for fillers (who value every mentor the same). Prices only rise, so
    /// a heap with lazy deletion suffices: an entry is current while its price is.
    /// </summary>
    private sealed class FillerBoard
    {
        private readonly AuctionMatchSolver auction;
        private readonly PriorityQueue<int, long> heap = new();
        private readonly bool inUse;

        public FillerBoard(AuctionMatchSolver auction, int mentorCount, bool inUse)
        {
            this.auction = auction;
            this.inUse = inUse;
            for (var m = 0; inUse && m < mentorCount; m++)
            {
                if (auction.capacity[m] > 0)
                {
                    heap.Enqueue(m, auction.price[m]);
                }
            }
        }

        public void PriceRose(int mentor)
        {
            if (inUse)
            {
                heap.Enqueue(mentor, auction.price[mentor]);
            }
        }

        public long LowestPrice() => auction.price[Current()];

        /// <summary>The cheapest mentor, and the price of the next cheapest one (+∞ when alone).</summary>
        public (int Mentor, long Next) CheapestTwo()
        {
            var mentor = Current();
            heap.Dequeue();
            var next = heap.Count > 0 ? auction.price[Current()] : long.MaxValue / 4;
            heap.Enqueue(mentor, auction.price[mentor]);
            return (mentor, next);
        }

        private int Current()
        {
            while (true)
            {
                heap.TryPeek(out var mentor, out var price);
                if (price == auction.price[mentor])
                {
                    return mentor;
                }
                heap.Dequeue();
            }
        }
    }
}
