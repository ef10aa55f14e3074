
using Mentoring.Engine.Common;

namespace Mentoring.Engine.Groups;

/// <summary>
/// Levels 3 and 4 by seeded local search: from a round-robin deal, members at a table with a repeat
/// or a second member of their group try moves to a table with room, swaps with a member of another
/// table, and (at the cut-off priority) giving their seat to an unplaced member of equal priority.
/// A move is taken when it lowers repeats, or keeps them and raises mixing; now and then a move
/// that changes neither is taken too, to walk across plateaus. Passes go on until nothing can gain,
/// a number of passes in a row bring nothing, or the budget is spent. The work is counted in move
/// evaluations, not time, so a seed always gives the same seating.
/// </summary>
internal sealed class GroupsSearch
{
    private const int TriesPerMember = 32;
    private const int MaxPasses = 400;
    private const int MaxIdlePasses = 25;

    private readonly GroupsProblem _problem;
    private readonly Seating _seating;
    private readonly SeededRandom _random;
    private readonly int _mixingBound;
    private readonly List<int> _placed = [];
    private readonly int[] _placedIndex;
    private readonly List<int> _waiting = [];  // tied members without a seat
    private readonly int[] _waitingIndex;
    private readonly bool[] _tied;
    private readonly int[] _hosts;             // hosts with seats
    private long _budget;

    private GroupsSearch(GroupsProblem problem, Placement placement, SeededRandom random, int mixingBound)
    {
        _problem = problem;
        _random = random;
        _mixingBound = mixingBound;
        _seating = new Seating(problem);
        _placedIndex = new int[problem.MemberCount];
        _tied = new bool[problem.MemberCount];
        _waitingIndex = new int[problem.MemberCount];
        _hosts = [.. Enumerable.Range(0, problem.HostCount).Where(h => problem.Capacity[h] > 0)];
        _budget = 300_000 + (100L * placement.Count);

        var tied = (int[])placement.Tied.Clone();
        random.Shuffle(tied.AsSpan());
        foreach (var m in tied)
        {
            _tied[m] = true;
        }
        List<int> seated = [.. placement.Certain, .. tied.Take(placement.TieSeats)];
        foreach (var m in tied.Skip(placement.TieSeats))
        {
            _waitingIndex[m] = _waiting.Count;
            _waiting.Add(m);
        }
        _seating.Deal(seated, random);
        foreach (var m in seated)
        {
            _placedIndex[m] = _placed.Count;
            _placed.Add(m);
        }
    }

    public static Seating Run(GroupsProblem problem, Placement placement, SeededRandom random, int mixingBound)
    {
        var search = new GroupsSearch(problem, placement, random, mixingBound);
        search.Improve();
        return search._seating;
    }

    private void Improve()
    {
        var bad = new List<int>();
        var idle = 0;
        for (var pass = 0; pass < MaxPasses && idle < MaxIdlePasses && _budget > 0; pass++)
        {
            var mixingShort = _seating.TotalMixing() < _mixingBound;
            bad.Clear();
            foreach (var m in _placed)
            {
                if (CanGain(m, mixingShort))
                {
                    bad.Add(m);
                }
            }
            if (bad.Count == 0)
            {
                return;
            }
            bad.Sort();
            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bad));
            var improved = false;
            foreach (var m in bad)
            {
                if (_seating.TableOf[m] >= 0 && CanGain(m, mixingShort))
                {
                    improved |= TryMoves(m);
                }
            }
            idle = improved ? 0 : idle + 1;
        }
    }

    private bool CanGain(int member, bool mixingShort)
    {
        var host = _seating.TableOf[member];
        return _seating.RepeatsAt(member, host) > 0
            || (mixingShort && _seating.GroupCountAt(_problem.Group[member], host, member) > 0);
    }

    private enum Kind { None, Move, Swap, GiveSeat }

    /// <summary>A move and its effect: the change in repeats and in mixing.</summary>
    private readonly record struct Change(Kind Kind, int Member, int Other, int Host, int Repeats, int Mixing);

    /// <summary>Tries random moves for <paramref name="member"/>; true when one improved the seating.</summary>
    private bool TryMoves(int member)
    {
        for (var attempt = 0; attempt < TriesPerMember && _budget > 0; attempt++)
        {
            _budget--;
            var change = _tied[member] && _waiting.Count > 0 && _random.Next(4) == 0
                ? GiveSeat(member, _waiting[_random.Next(_waiting.Count)])
                : MoveOrSwap(member, _hosts[_random.Next(_hosts.Length)]);
            if (change.Kind == Kind.None)
            {
                continue;
            }
            var better = change.Repeats < 0 || (change.Repeats == 0 && change.Mixing > 0);
            if (better || (change.Repeats == 0 && change.Mixing == 0 && _random.Next(8) == 0))
            {
                Apply(change);
                if (better || _seating.TableOf[member] < 0)
                {
                    // Done with this member: improved, or its seat went sideways to a waiting member.
                    return better;
                }
            }
        }
        return false;
    }

    /// <summary>Moving to <paramref name="host"/>'s table when it has room, else swapping with one of its members.</summary>
    private Change MoveOrSwap(int member, int host)
    {
        var from = _seating.TableOf[member];
        if (host == from)
        {
            return default;
        }
        var group = _problem.Group[member];
        // Mixing lost at the old table when the member was its only one of their group.
        var leaving = (_seating.GroupCountAt(group, from, member) == 0 ? 1 : 0);
        if (_seating.HasRoom(host))
        {
            var repeats = _seating.RepeatsAt(member, host) - _seating.RepeatsAt(member, from);
            var mixing = (_seating.GroupCountAt(group, host) == 0 ? 1 : 0) - leaving;
            return new Change(Kind.Move, member, -1, host, repeats, mixing);
        }
        var members = _seating.Members(host);
        var other = members[_random.Next(members.Count)];
        var otherGroup = _problem.Group[other];
        var swapRepeats = _seating.RepeatsAt(member, host, other) + _seating.RepeatsAt(other, from, member)
            - _seating.RepeatsAt(member, from) - _seating.RepeatsAt(other, host);
        var swapMixing = group == otherGroup ? 0
            : (_seating.GroupCountAt(group, host) == 0 ? 1 : 0) + (_seating.GroupCountAt(otherGroup, from) == 0 ? 1 : 0)
              - leaving - (_seating.GroupCountAt(otherGroup, host, other) == 0 ? 1 : 0);
        return new Change(Kind.Swap, member, other, host, swapRepeats, swapMixing);
    }

    /// <summary>A waiting member of the same priority takes <paramref name="member"/>'s seat.</summary>
    private Change GiveSeat(int member, int waiting)
    {
        var host = _seating.TableOf[member];
        var group = _problem.Group[member];
        var waitingGroup = _problem.Group[waiting];
        var repeats = _seating.RepeatsAt(waiting, host, member) - _seating.RepeatsAt(member, host);
        var mixing = group == waitingGroup ? 0
            : (_seating.GroupCountAt(waitingGroup, host) == 0 ? 1 : 0) - (_seating.GroupCountAt(group, host, member) == 0 ? 1 : 0);
        return new Change(Kind.GiveSeat, member, waiting, host, repeats, mixing);
    }

    private void Apply(Change change)
    {
        var member = change.Member;
        var from = _seating.TableOf[member];
        _seating.Remove(member);
        switch (change.Kind)
        {
            case Kind.Move:
                _seating.Place(member, change.Host);
                break;
            case Kind.Swap:
                _seating.Remove(change.Other);
                _seating.Place(member, change.Host);
                _seating.Place(change.Other, from);
                break;
            case Kind.GiveSeat:
                var waiting = change.Other;
                _seating.Place(waiting, from);
                _waiting[_waitingIndex[waiting]] = member;
                _waitingIndex[member] = _waitingIndex[waiting];
                _placed[_placedIndex[member]] = waiting;
                _placedIndex[waiting] = _placedIndex[member];
                break;
        }
    }
}
