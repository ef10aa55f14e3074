using Mentoring.Engine.Common;

namespace Mentoring.Engine.Groups;

/// <summary>A host (a senior) and how many members their table takes.</summary>
public sealed record GroupsHost<TId>(TId Id, int Capacity)
    where TId : notnull;

/// <summary>A member to seat: their group (team, department; optional, for mixing) and priority 0..9.</summary>
public sealed record GroupsMember<TId>(TId Id, string? Group = null, int Priority = 0)
    where TId : notnull;

/// <summary>
/// Tables to compose. Ids are unique across hosts and members; <paramref name="History"/> holds
/// pairs who sat together before. <paramref name="TimeLimitSeconds"/> bounds the CP-SAT stage.
/// </summary>
public sealed record GroupsRequest<TId>(
    IReadOnlyList<GroupsHost<TId>> Hosts,
    IReadOnlyList<GroupsMember<TId>> Members,
    IReadOnlyList<(TId A, TId B)> History,
    long Seed = 0,
    double TimeLimitSeconds = GroupsProblem.DefaultTimeLimitSeconds)
    where TId : notnull;

/// <summary>One host's table, members in request order.</summary>
public sealed record GroupsTable<TId>(TId Host, IReadOnlyList<TId> Members)
    where TId : notnull;

/// <summary>Every host's table (in request order), who got no seat, the figures, and whether the engine proved it optimal.</summary>
public sealed record GroupsResult<TId>(
    IReadOnlyList<GroupsTable<TId>> Tables,
    IReadOnlyList<TId> Unplaced,
    int Repeats,
    int Mixing,
    bool Optimal)
    where TId : notnull;

/// <summary>
/// The groups engine for the app's own features: the same validation and solver as
/// <c>mentoring engine groups</c>, on the caller's own ids. An invalid request throws
/// <see cref="EngineInputException"/> naming the field.
/// </summary>
public static class GroupsEngine
{
    public static GroupsResult<TId> Solve<TId>(GroupsRequest<TId> request)
        where TId : notnull
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = new Dictionary<TId, int>();
        var hosts = request.Hosts;
        var members = request.Members;
        var capacity = new int[hosts.Count];
        for (var h = 0; h < hosts.Count; h++)
        {
            if (!ids.TryAdd(hosts[h].Id, ids.Count))
            {
                throw JsonInput.Invalid($"hosts[{h}].id", $"duplicate id {hosts[h].Id}");
            }
            capacity[h] = hosts[h].Capacity >= 0
                ? hosts[h].Capacity
                : throw JsonInput.Invalid($"hosts[{h}].capacity", $"{hosts[h].Capacity} is negative; a host takes 0 or more members");
        }
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = new int[members.Count];
        var priority = new int[members.Count];
        for (var m = 0; m < members.Count; m++)
        {
            var member = members[m];
            if (!ids.TryAdd(member.Id, ids.Count))
            {
                throw JsonInput.Invalid($"members[{m}].id", $"duplicate id {member.Id}");
            }
            if (member.Priority is < 0 or > 9)
            {
                throw JsonInput.Invalid($"members[{m}].priority", $"{member.Priority} is outside 0..9");
            }
            priority[m] = member.Priority;
            if (member.Group is null)
            {
                group[m] = -1;
            }
            else if (!groups.TryGetValue(member.Group, out group[m]))
            {
                group[m] = groups[member.Group] = groups.Count;
            }
        }
        if (!(request.TimeLimitSeconds > 0 && request.TimeLimitSeconds <= 86_400))
        {
            throw JsonInput.Invalid("timeLimitSeconds", $"{request.TimeLimitSeconds} is not a number of seconds in (0, 86400]");
        }
        var pairs = new int[request.History.Count * 2];
        for (var i = 0; i < request.History.Count; i++)
        {
            var (a, b) = request.History[i];
            pairs[2 * i] = ids.TryGetValue(a, out var ia) ? ia : throw JsonInput.Invalid($"history[{i}][0]", $"unknown host or member id {a}");
            pairs[(2 * i) + 1] = ids.TryGetValue(b, out var ib) ? ib : throw JsonInput.Invalid($"history[{i}][1]", $"unknown host or member id {b}");
            if (ia == ib)
            {
                throw JsonInput.Invalid($"history[{i}]", $"a pair needs two different ids, got {a} twice");
            }
        }

        // Hosts take the first id indexes, members the next ones, as the JSON reader gives them.
        var memberOfId = new int[ids.Count];
        var hostOfId = new int[ids.Count];
        Array.Fill(memberOfId, -1);
        Array.Fill(hostOfId, -1);
        for (var h = 0; h < hosts.Count; h++)
        {
            hostOfId[h] = h;
        }
        for (var m = 0; m < members.Count; m++)
        {
            memberOfId[hosts.Count + m] = m;
        }
        var problem = new GroupsProblem
        {
            HostId = Enumerable.Range(0, hosts.Count).ToArray(),
            Capacity = capacity,
            MemberId = Enumerable.Range(hosts.Count, members.Count).ToArray(),
            Group = group,
            GroupCount = JsonInput.CloseGroups(group, groups.Count),
            Priority = priority,
            MemberOfId = memberOfId,
            HostOfId = hostOfId,
            History = PairHistory.Build(ids.Count, pairs),
            Seed = request.Seed,
            TimeLimitSeconds = request.TimeLimitSeconds,
        };

        var solution = Solve(problem);
        var tables = new List<TId>[hosts.Count];
        for (var h = 0; h < tables.Length; h++)
        {
            tables[h] = [];
        }
        var unplaced = new List<TId>();
        for (var m = 0; m < members.Count; m++)
        {
            (solution.TableOf[m] >= 0 ? tables[solution.TableOf[m]] : unplaced).Add(members[m].Id);
        }
        return new GroupsResult<TId>(
            hosts.Select((host, h) => new GroupsTable<TId>(host.Id, tables[h])).ToList(),
            unplaced, solution.Repeats, solution.Mixing, solution.Optimal);
    }

    /// <summary>The solve behind both entry points: this API and the command line's JSON adapter.</summary>
    internal static GroupsSolution Solve(GroupsProblem problem) => GroupsSolver.Solve(problem);
}
