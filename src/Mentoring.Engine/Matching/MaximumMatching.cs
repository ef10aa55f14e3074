using System.Runtime.CompilerServices;
namespace Mentoring.Engine.Matching;

/// <summary>
/// The size of a maximum matching of mentees to mentors with capacities (Hopcroft–Karp: each
/// phase finds shortest augmenting paths from all free mentees at once, O(E √V) in all).
/// The auction then only has to choose the best matching of exactly that size.
/// </summary>
internal static class MaximumMatching
{
    private const int Unreached = int.MaxValue;

    // Hot path of a one-shot run: see MatchCommand on AggressiveOptimization.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Size(MenteePairs pairs, int[] capacity)
    {
        var n = pairs.Start.Length - 1;
        var mentorOf = new int[n];
        Array.Fill(mentorOf, -1);
        // The mentees a mentor holds: held[slotStart[m] .. slotStart[m] + used[m]].
        var slotStart = new int[capacity.Length + 1];
        for (var m = 0; m < capacity.Length; m++)
        {
            slotStart[m + 1] = slotStart[m] + capacity[m];
        }
        var held = new int[slotStart[^1]];
        var used = new int[capacity.Length];

        // A greedy start leaves little for the phases to do.
        var size = 0;
        for (var e = 0; e < n; e++)
        {
            for (var k = pairs.Start[e]; k < pairs.Start[e + 1]; k++)
            {
                var m = pairs.Mentor[k];
                if (used[m] < capacity[m])
                {
                    held[slotStart[m] + used[m]++] = e;
                    mentorOf[e] = m;
                    size++;
                    break;
                }
            }
        }

        var layer = new int[n];
        var queue = new int[n];
        var nextArc = new int[n];
        var nextHeld = new int[n];
        var stack = new int[n];
        while (true)
        {
            // Layers from the free mentees; stop at the first layer that reaches a free unit.
            var tail = 0;
            for (var e = 0; e < n; e++)
            {
                layer[e] = mentorOf[e] < 0 ? 0 : Unreached;
                if (layer[e] == 0)
                {
                    queue[tail++] = e;
                }
            }
            var shortest = Unreached;
            for (var head = 0; head < tail; head++)
            {
                var e = queue[head];
                if (layer[e] >= shortest)
                {
                    break;
                }
                for (var k = pairs.Start[e]; k < pairs.Start[e + 1]; k++)
                {
                    var m = pairs.Mentor[k];
                    if (used[m] < capacity[m])
                    {
                        shortest = layer[e];
                        continue;
                    }
                    for (var s = slotStart[m]; s < slotStart[m] + used[m]; s++)
                    {
                        var other = held[s];
                        if (layer[other] == Unreached)
                        {
                            layer[other] = layer[e] + 1;
                            queue[tail++] = other;
                        }
                    }
                }
            }
            if (shortest == Unreached)
            {
                return size;
            }

            // Vertex-disjoint shortest augmenting paths, by depth-first search along the layers.
            for (var e = 0; e < n; e++)
            {
                nextArc[e] = pairs.Start[e];
                nextHeld[e] = -1;
            }
            for (var root = 0; root < n; root++)
            {
                if (mentorOf[root] >= 0 || layer[root] != 0)
                {
                    continue;
                }
                var depth = 0;
                stack[0] = root;
                while (depth >= 0)
                {
                    var e = stack[depth];
                    var advanced = false;
                    while (nextArc[e] < pairs.Start[e + 1])
                    {
                        var m = pairs.Mentor[nextArc[e]];
                        if (used[m] < capacity[m])
                        {
                            if (layer[e] == shortest)
                            {
                                Flip(depth, m);
                                size++;
                                depth = -1;
                                advanced = true;
                                break;
                            }
                        }
                        else if (layer[e] < shortest)
                        {
                            // Walk the mentees this mentor holds that sit on the next layer.
                            if (nextHeld[e] < 0)
                            {
                                nextHeld[e] = slotStart[m];
                            }
                            while (nextHeld[e] < slotStart[m] + used[m])
                            {
                                var other = held[nextHeld[e]++];
                                if (layer[other] == layer[e] + 1)
                                {
                                    stack[++depth] = other;
                                    advanced = true;
                                    break;
                                }
                            }
                            if (advanced)
                            {
                                break;
                            }
                        }
                        nextArc[e]++;
                        nextHeld[e] = -1;
                    }
                    if (!advanced)
                    {
                        layer[e] = Unreached;   // a dead end for the rest of this phase
                        depth--;
                    }
                }
            }
        }

        // Along stack[0..depth]: each mentee moves to the mentor of the next arc it points at.
        void Flip(int depth, int freeMentor)
        {
            var target = freeMentor;
            for (var d = depth; d >= 0; d--)
            {
                var e = stack[d];
                var previous = mentorOf[e];
                mentorOf[e] = target;
                held[slotStart[target] + used[target]++] = e;
                if (previous >= 0)
                {
                    Release(previous, e);
                }
                nextArc[e]++;
                nextHeld[e] = -1;
                target = previous;
            }
        }

        void Release(int m, int e)
        {
            var last = slotStart[m] + --used[m];
            for (var s = slotStart[m]; s <= last; s++)
            {
                if (held[s] == e)
                {
                    held[s] = held[last];
                    return;
                }
            }
        }
    }
}
