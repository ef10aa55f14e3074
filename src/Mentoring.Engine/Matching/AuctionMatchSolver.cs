namespace Mentoring.Engine.Matching;

/// <summary>
/// Exact lexicographic matching by an ε-scaling forward auction (Bertsekas) on a balanced
/// assignment problem built so that every optimum is a maximum matching.
/// <para>
/// With F the size of a maximum matching (<see cref="MaximumMatching"/>), the bidders are the
/// mentees plus U − F "fillers" (U = the mentors' usable units), and the objects are the
/// mentors' units plus n − F "unmatched" units. A mentee values a mentor's unit at
/// priority × P + score and an unmatched unit at 0; a filler values every mentor's unit at 0 and
/// cannot take an unmatched unit. A perfect assignment then matches exactly F mentees, and the
/// best one has the highest priority sum and then score sum.
/// </para>
/// <para>
/// Values are multiplied by N + 1 (N bidders) so that the last phase, at ε = 1, is within
/// N &lt; N + 1 of the optimum, hence exact. The prices are also a dual solution: the result is
/// returned only when the duality gap, computed in 128-bit arithmetic, proves it optimal.
/// </para>
/// </summary>
internal sealed class AuctionMatchSolver
{
    private const long Unreachable = long.MinValue / 4;
    private const int ScalingFactor = 6;   // ε shrinks by this much per phase
    private const long PriceLimit = long.MaxValue >> 2;

    private readonly MatchProblem problem;
    private readonly int menteeCount;
    private readonly int bidderCount;
    private readonly int unmatchedObject;      // index of the "unmatched" object, or -1
    private readonly long scale;               // N + 1
    private readonly long[] arcValue;          // (priority × P + score) × scale, per pair

    // Objects are the mentors (0..m-1) and the unmatched object; each has a few units ("slots").
    // The slots of an object form a binary min-heap on price within slotStart[o] .. slotStart[o+1]-1.
    private readonly int[] slotStart;
    private readonly long[] slotPrice;
    private readonly int[] slotHolder;         // bidder holding the slot, or -1
    private readonly long[] lowestPrice;       // per object, the price of its cheapest slot
    private readonly long[] secondPrice;       // per object, of its second cheapest slot (or +∞)

    private readonly int[] bidderArc;          // for a mentee: the pair it holds, -1 for an unmatched unit
    private readonly int[] bidderObject;       // object held, or -1
    private readonly FillerBoard fillers;

    private AuctionMatchSolver(MatchProblem problem, int[] capacity, int maximum)
    {
        this.problem = problem;
        var pairs = problem.Pairs;
        menteeCount = problem.MenteeCount;
        var mentorCount = problem.MentorCount;
        long units = 0;
        foreach (var c in capacity)
        {
            units += c;
        }
        var fillerCount = (int)(units - maximum);
        bidderCount = menteeCount + fillerCount;
        scale = bidderCount + 1L;

        var objectCount = mentorCount + (menteeCount > maximum ? 1 : 0);
        unmatchedObject = menteeCount > maximum ? mentorCount : -1;
        slotStart = new int[objectCount + 1];
        for (var o = 0; o < objectCount; o++)
        {
            slotStart[o + 1] = slotStart[o] + (o == unmatchedObject ? menteeCount - maximum : capacity[o]);
        }
        slotPrice = new long[slotStart[objectCount]];
        slotHolder = new int[slotPrice.Length];
        lowestPrice = new long[objectCount];
        secondPrice = new long[objectCount];
        for (var o = 0; o < objectCount; o++)
        {
            RefreshPrices(o);
        }

        var weights = MatchWeights.For(problem);
        arcValue = new long[pairs.Count];
        for (var e = 0; e < menteeCount; e++)
        {
            var priority = problem.Priorities[e];
            for (var k = pairs.Start[e]; k < pairs.Start[e + 1]; k++)
            {
                arcValue[k] = capacity[pairs.Mentor[k]] > 0 ? weights.Of(priority, pairs.Score[k]) * scale : Unreachable;
            }
        }
        MaxValue = weights.Max * scale;
        bidderArc = new int[bidderCount];
        bidderObject = new int[bidderCount];
        fillers = new FillerBoard(this, mentorCount, capacity);
    }

    private long MaxValue { get; }

    /// <summary>Solves exactly, or returns null when 64-bit headroom is short or the duality gap does not close.</summary>
    public static MatchResult? Solve(MatchProblem problem)
    {
        var pairs = problem.Pairs;
        var degree = new int[problem.MentorCount];
        foreach (var m in pairs.Mentor)
        {
            degree[m]++;
        }
        // A unit beyond a mentor's number of pairs can never be used: it would only feed fillers.
        var capacity = new int[problem.MentorCount];
        for (var m = 0; m < capacity.Length; m++)
        {
            capacity[m] = Math.Min(problem.Capacities[m], degree[m]);
        }
        var maximum = MaximumMatching.Size(pairs, capacity);
        long units = 0;
        foreach (var c in capacity)
        {
            units += c;
        }
        // Prices stay within a few times the largest scaled value; keep that far from overflow.
        var bidders = problem.MenteeCount + units - maximum;
        if ((Int128)MatchWeights.For(problem).Max * (bidders + 1) > long.MaxValue >> 8)
        {
            return null;
        }
        var solver = new AuctionMatchSolver(problem, capacity, maximum);
        try
        {
            solver.Run();
        }
        catch (OverflowException)
        {
            return null;
        }
        return solver.GapIsClosed() ? solver.Result() : null;
    }

    private void Run()
    {
        var queue = new BidderQueue(bidderCount);
        var epsilon = Math.Max(1, MaxValue / ScalingFactor);
        while (true)
        {
            // Each phase starts with nobody assigned; prices carry over and guide the bids.
            Array.Fill(slotHolder, -1);
            Array.Fill(bidderObject, -1);
            for (var b = 0; b < bidderCount; b++)
            {
                queue.Enqueue(b);
            }
            while (queue.TryDequeue(out var bidder))
            {
                var outbid = bidder < menteeCount ? MenteeBid(bidder, epsilon) : FillerBid(bidder, epsilon);
                if (outbid >= 0)
                {
                    queue.Enqueue(outbid);
                }
            }
            if (epsilon == 1)
            {
                return;
            }
            epsilon = Math.Max(1, epsilon / ScalingFactor);
        }
    }

    /// <summary>
    /// A mentee bids for the cheapest slot of its best object, raising its price by the margin
    /// over the second best plus ε. Returns the bidder it displaced, or -1.
    /// </summary>
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
            value -= lowestPrice[m];
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
            var value = -lowestPrice[unmatchedObject];
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
        // The best object's second slot competes too.
        if (secondPrice[bestObject] != long.MaxValue)
        {
            second = Math.Max(second, best + lowestPrice[bestObject] - secondPrice[bestObject]);
        }
        bidderArc[mentee] = bestArc;
        return Take(mentee, bestObject, best, second, epsilon);
    }

    /// <summary>A filler takes the cheapest mentor slot of all (it values them all at 0).</summary>
    private int FillerBid(int filler, long epsilon)
    {
        var (bestObject, lowest, next) = fillers.CheapestTwo();
        bidderArc[filler] = -1;
        return Take(filler, bestObject, -lowest, -next, epsilon);
    }

    private int Take(int bidder, int o, long best, long second, long epsilon)
    {
        if (second == Unreachable || second < best - MaxValue)
        {
            second = best - MaxValue;   // no real alternative: a large step, bounded to keep prices finite
        }
        var root = slotStart[o];
        var displaced = slotHolder[root];
        if (displaced >= 0)
        {
            bidderObject[displaced] = -1;
        }
        slotHolder[root] = bidder;
        bidderObject[bidder] = o;
        var price = slotPrice[root] + (best - second) + epsilon;
        if (price > PriceLimit)
        {
            throw new OverflowException("auction prices left the 64-bit range");
        }
        SiftDown(o, price);
        return displaced;
    }

    /// <summary>Gives the root slot of object o a higher price and restores the heap.</summary>
    private void SiftDown(int o, long price)
    {
        int start = slotStart[o], count = slotStart[o + 1] - start;
        var holder = slotHolder[start];
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && slotPrice[start + child + 1] < slotPrice[start + child])
            {
                child++;
            }
            if (slotPrice[start + child] >= price)
            {
                break;
            }
            slotPrice[start + at] = slotPrice[start + child];
            slotHolder[start + at] = slotHolder[start + child];
            at = child;
        }
        slotPrice[start + at] = price;
        slotHolder[start + at] = holder;
        var before = lowestPrice[o];
        RefreshPrices(o);
        if (o != unmatchedObject && lowestPrice[o] != before)
        {
            fillers.PriceRose(o, lowestPrice[o]);
        }
    }

    private void RefreshPrices(int o)
    {
        int start = slotStart[o], count = slotStart[o + 1] - start;
        lowestPrice[o] = count > 0 ? slotPrice[start] : long.MaxValue;
        secondPrice[o] = count switch
        {
            < 2 => long.MaxValue,
            2 => slotPrice[start + 1],
            _ => Math.Min(slotPrice[start + 1], slotPrice[start + 2]),
        };
    }

    /// <summary>
    /// The prices and the bidders' best profits form a dual solution whose value bounds every
    /// assignment from above. The values are multiples of N + 1, so a gap below N + 1 proves the
    /// assignment optimal. Also checks that the assignment is perfect.
    /// </summary>
    private bool GapIsClosed()
    {
        var pairs = problem.Pairs;
        Int128 primal = 0, dual = 0;
        foreach (var p in slotPrice)
        {
            dual += p;
        }
        foreach (var h in slotHolder)
        {
            if (h < 0)
            {
                return false;
            }
        }
        for (var b = 0; b < bidderCount; b++)
        {
            if (bidderObject[b] < 0)
            {
                return false;
            }
            Int128 bestProfit;
            if (b < menteeCount)
            {
                bestProfit = unmatchedObject >= 0 ? -(Int128)lowestPrice[unmatchedObject] : long.MinValue;
                for (var k = pairs.Start[b]; k < pairs.Start[b + 1]; k++)
                {
                    if (arcValue[k] != Unreachable)
                    {
                        bestProfit = Int128.Max(bestProfit, (Int128)arcValue[k] - lowestPrice[pairs.Mentor[k]]);
                    }
                }
                primal += bidderArc[b] >= 0 ? arcValue[bidderArc[b]] : 0;
            }
            else
            {
                bestProfit = -(Int128)fillers.CheapestTwo().Lowest;
            }
            dual += bestProfit;
        }
        return dual - primal < scale;
    }

    private MatchResult Result()
    {
        var chosen = new int[menteeCount];
        Array.Copy(bidderArc, chosen, menteeCount);
        return new MatchResult(problem, chosen);
    }

    /// <summary>
    /// The mentors by their cheapest slot, for fillers (who value every mentor the same). Prices
    /// only rise, so a heap with lazy deletion suffices: an entry is current while its price is.
    /// </summary>
    private sealed class FillerBoard
    {
        private readonly AuctionMatchSolver auction;
        private readonly PriorityQueue<int, long> heap = new();

        public FillerBoard(AuctionMatchSolver auction, int mentorCount, int[] capacity)
        {
            this.auction = auction;
            if (auction.bidderCount == auction.menteeCount)
            {
                return;   // no fillers, nothing to keep
            }
            for (var m = 0; m < mentorCount; m++)
            {
                if (capacity[m] > 0)
                {
                    heap.Enqueue(m, auction.lowestPrice[m]);
                }
            }
        }

        public void PriceRose(int mentor, long price)
        {
            if (auction.bidderCount > auction.menteeCount)
            {
                heap.Enqueue(mentor, price);
            }
        }

        /// <summary>The mentor with the cheapest slot, that price, and the next cheapest slot price anywhere.</summary>
        public (int Mentor, long Lowest, long Next) CheapestTwo()
        {
            var mentor = Current();
            heap.Dequeue();
            var other = heap.Count > 0 ? Current() : -1;
            var lowest = auction.lowestPrice[mentor];
            heap.Enqueue(mentor, lowest);
            var next = Math.Min(auction.secondPrice[mentor], other >= 0 ? auction.lowestPrice[other] : long.MaxValue);
            return (mentor, lowest, next == long.MaxValue ? long.MaxValue / 4 : next);
        }

        private int Current()
        {
            while (true)
            {
                heap.TryPeek(out var mentor, out var price);
                if (price == auction.lowestPrice[mentor])
                {
                    return mentor;
                }
                heap.Dequeue();
            }
        }
    }

    /// <summary>A ring buffer of bidders waiting to bid; each bidder is in it at most once.</summary>
    private sealed class BidderQueue(int capacity)
    {
        private readonly int[] items = new int[capacity];
        private int head;
        private int count;

        public void Enqueue(int bidder)
        {
            items[(head + count++) % items.Length] = bidder;
        }

        public bool TryDequeue(out int bidder)
        {
            if (count == 0)
            {
                bidder = -1;
                return false;
            }
            bidder = items[head];
            head = (head + 1) % items.Length;
            count--;
            return true;
        }
    }
}
