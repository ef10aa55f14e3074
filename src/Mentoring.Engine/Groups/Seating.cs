
using Mentoring.Engine.Common;

namespace Mentoring.Engine.Groups;

/// <summary>
/// Members at tables (one table per host), with the two measures the later objective levels use:
/// repeats (host–member and member–member pairs at one table that are in the history) and mixing
/// (distinct groups per table, summed). Evaluates moves without making them.
/// </summary>
internal sealed class Seating
{
    private readonly GroupsProblem _problem;
    private readonly List<int>[] _tables;
    private readonly int[] _seat;

    public Seating(GroupsProblem problem)
    {
        _problem = problem;
        TableOf = new int[problem.MemberCount];
        Array.Fill(TableOf, -1);
        _seat = new int[problem.MemberCount];
        _tables = new List<int>[problem.HostCount];
        for (var h = 0; h < _tables.Length; h++)
        {
            _tables[h] = [];
        }
    }

    /// <summary>The host of each member's table, or -1 when unplaced.</summary>
    public int[] TableOf { get; }

    public IReadOnlyList<int> Members(int host) => _tables[host];

    public bool HasRoom(int host) => _tables[host].Count < _problem.Capacity[host];

    public void Place(int member, int host)
    {
        TableOf[member] = host;
        _seat[member] = _tables[host].Count;
        _tables[host].Add(member);
    }

    public void Remove(int member)
    {
        var table = _tables[TableOf[member]];
        var last = table[^1];
        table[_seat[member]] = last;
        _seat[last] = _seat[member];
        table.RemoveAt(table.Count - 1);
        TableOf[member] = -1;
    }

    /// <summary>Repeats <paramref name="member"/> would have at <paramref name="host"/>'s table, not counting <paramref name="without"/>.</summary>
    public int RepeatsAt(int member, int host, int without = -1)
    {
        var count = 0;
        var hostId = _problem.HostId[host];
        foreach (var other in _problem.History.Neighbours(_problem.MemberId[member]))
        {
            if (other == hostId)
            {
                count++;
                continue;
            }
            var m = _problem.MemberOfId[other];
            if (m >= 0 && m != without && m != member && TableOf[m] == host)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Members of <paramref name="group"/> at <paramref name="host"/>'s table, not counting <paramref name="without"/>.</summary>
    public int GroupCountAt(int group, int host, int without = -1)
    {
        var count = 0;
        foreach (var m in _tables[host])
        {
            if (m != without && _problem.Group[m] == group)
            {
                count++;
            }
        }
        return count;
    }

    public int TotalRepeats()
    {
        var hostPairs = 0;
        var memberPairsTwice = 0;
        for (var m = 0; m < TableOf.Length; m++)
        {
            var host = TableOf[m];
            if (host < 0)
            {
                continue;
            }
            var atTable = RepeatsAt(m, host);
            var withHost = _problem.History.Contains(_problem.MemberId[m], _problem.HostId[host]) ? 1 : 0;
            hostPairs += withHost;
            memberPairsTwice += atTable - withHost;
        }
        return hostPairs + (memberPairsTwice / 2);
    }

    public int TotalMixing()
    {
        var stamp = new int[_problem.GroupCount];
        var total = 0;
        for (var h = 0; h < _tables.Length; h++)
        {
            foreach (var m in _tables[h])
            {
                if (stamp[_problem.Group[m]] != h + 1)
                {
                    stamp[_problem.Group[m]] = h + 1;
                    total++;
                }
            }
        }
        return total;
    }

    /// <summary>A copy of the table assignment, for keeping the best seating found.</summary>
    public int[] Snapshot() => (int[])TableOf.Clone();

    /// <summary>Seats <paramref name="members"/>, sorted by group (largest first), round-robin over the hosts: each group spreads over as many tables as it can.</summary>
    public void Deal(IReadOnlyList<int> members, SeededRandom random)
    {
        var byGroup = members.GroupBy(m => _problem.Group[m]).Select(g => g.ToArray()).ToList();
        var tieBreak = byGroup.Select(_ => random.NextUInt64()).ToArray();
        var groupOrder = Enumerable.Range(0, byGroup.Count).OrderByDescending(i => byGroup[i].Length).ThenBy(i => tieBreak[i]).ToArray();
        var order = new List<int>(members.Count);
        foreach (var i in groupOrder)
        {
            random.Shuffle(byGroup[i].AsSpan());
            order.AddRange(byGroup[i]);
        }

        var hosts = Enumerable.Range(0, _problem.HostCount).Where(h => _problem.Capacity[h] > 0).ToArray();
        random.Shuffle(hosts.AsSpan());
        var next = 0;
        for (var round = 0; next < order.Count; round++)
        {
            hosts = [.. hosts.Where(h => _problem.Capacity[h] > round)];
            foreach (var h in hosts)
            {
                if (next == order.Count)
                {
                    break;
                }
                Place(order[next++], h);
            }
        }
    }
}
