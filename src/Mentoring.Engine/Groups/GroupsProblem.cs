using System.Runtime.InteropServices;
using System.Text.Json;

using Mentoring.Engine.Common;

namespace Mentoring.Engine.Groups;

/// <summary>
/// A validated groups problem (shared/contracts/engine.md, "groups"). Hosts and members share one
/// id space (an id names one person); history pairs are over those ids.
/// </summary>
internal sealed class GroupsProblem
{
    /// <summary>The default for <c>timeLimitSeconds</c>, which bounds the CP-SAT stage.</summary>
    public const double DefaultTimeLimitSeconds = 10;

    /// <summary>Hosts' and members' ids, when the problem was read from JSON (the command writes them back).</summary>
    public IdTable? Ids { get; init; }

    /// <summary>Id index of each host, in input order.</summary>
    public required int[] HostId { get; init; }

    public required int[] Capacity { get; init; }

    /// <summary>Id index of each member, in input order.</summary>
    public required int[] MemberId { get; init; }

    /// <summary>Group index per member; members without a group share one index of their own.</summary>
    public required int[] Group { get; init; }

    public required int GroupCount { get; init; }

    public required int[] Priority { get; init; }

    /// <summary>Member index of each id, or -1 for a host.</summary>
    public required int[] MemberOfId { get; init; }

    /// <summary>Host index of each id, or -1 for a member.</summary>
    public required int[] HostOfId { get; init; }

    /// <summary>Pairs over id indexes.</summary>
    public required PairHistory History { get; init; }

    public long Seed { get; init; }

    public double TimeLimitSeconds { get; init; } = DefaultTimeLimitSeconds;

    public int HostCount => HostId.Length;

    public int MemberCount => MemberId.Length;

    public static GroupsProblem Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return ParseCore(json);
        }
        catch (JsonException e)
        {
            throw JsonInput.Broken(e);
        }
    }

    private static GroupsProblem ParseCore(ReadOnlySpan<byte> json)
    {
        var ids = new IdTable();
        var groups = new IdTable();
        List<int> hostId = [], capacity = [], memberId = [], group = [], priority = [], pairs = [];
        bool hostsSeen = false, membersSeen = false, historySeen = false, historyDeferred = false;
        long seed = 0;
        var timeLimit = DefaultTimeLimitSeconds;

        var reader = JsonInput.OpenRoot(json);
        while (JsonInput.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("hosts"u8))
            {
                JsonInput.Once(ref hostsSeen, "hosts");
                reader.Read();
                ReadHosts(ref reader, ids, hostId, capacity);
            }
            else if (reader.ValueTextEquals("members"u8))
            {
                JsonInput.Once(ref membersSeen, "members");
                reader.Read();
                ReadMembers(ref reader, ids, groups, memberId, group, priority);
            }
            else if (reader.ValueTextEquals("history"u8))
            {
                JsonInput.Once(ref historySeen, "history");
                if (hostsSeen && membersSeen)
                {
                    reader.Read();
                    JsonInput.ReadHistory(ref reader, ids, "host or member", pairs);
                }
                else
                {
                    // Ids are resolved against hosts and members, which come later: read it in a second pass.
                    historyDeferred = true;
                    JsonInput.SkipValue(ref reader);
                }
            }
            else if (reader.ValueTextEquals("seed"u8))
            {
                reader.Read();
                seed = JsonInput.Seed(ref reader);
            }
            else if (reader.ValueTextEquals("timeLimitSeconds"u8))
            {
                reader.Read();
                timeLimit = JsonInput.Number(ref reader, "timeLimitSeconds");
                if (!(timeLimit > 0 && timeLimit <= 86_400))
                {
                    throw JsonInput.Invalid("timeLimitSeconds", $"{JsonInput.Describe(ref reader)} is not a number of seconds in (0, 86400]");
                }
            }
            else
            {
                JsonInput.SkipValue(ref reader);
            }
        }
        JsonInput.ExpectEnd(ref reader);

        foreach (var (seen, name) in new[] { (hostsSeen, "hosts"), (membersSeen, "members") })
        {
            if (!seen)
            {
                throw JsonInput.Invalid(name, "required array is missing");
            }
        }
        if (!historySeen)
        {
            throw JsonInput.Invalid("history", JsonInput.HistoryMissing);
        }
        if (historyDeferred)
        {
            var second = JsonInput.SeekRootProperty(json, "history"u8);
            JsonInput.ReadHistory(ref second, ids, "host or member", pairs);
        }

        var memberOfId = new int[ids.Count];
        var hostOfId = new int[ids.Count];
        Array.Fill(memberOfId, -1);
        Array.Fill(hostOfId, -1);
        for (var h = 0; h < hostId.Count; h++)
        {
            hostOfId[hostId[h]] = h;
        }
        for (var m = 0; m < memberId.Count; m++)
        {
            memberOfId[memberId[m]] = m;
        }
        var groupArray = group.ToArray();
        var groupCount = JsonInput.CloseGroups(groupArray, groups.Count);

        return new GroupsProblem
        {
            Ids = ids,
            HostId = [.. hostId],
            Capacity = [.. capacity],
            MemberId = [.. memberId],
            Group = groupArray,
            GroupCount = groupCount,
            Priority = [.. priority],
            MemberOfId = memberOfId,
            HostOfId = hostOfId,
            History = PairHistory.Build(ids.Count, CollectionsMarshal.AsSpan(pairs)),
            Seed = seed,
            TimeLimitSeconds = timeLimit,
        };
    }

    private static void ReadHosts(ref Utf8JsonReader reader, IdTable ids, List<int> hostId, List<int> capacity)
    {
        ExpectArray(ref reader, "hosts");
        var scratch = Array.Empty<byte>();
        for (var i = 0; ; i++)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }
            ExpectObject(ref reader, $"hosts[{i}]");
            var id = -1;
            long cap = -1;
            while (JsonInput.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = ReadNewId(ref reader, ids, $"hosts[{i}].id", id, ref scratch);
                }
                else if (reader.ValueTextEquals("capacity"u8))
                {
                    reader.Read();
                    cap = JsonInput.Integer(ref reader, $"hosts[{i}].capacity");
                    if (cap < 0)
                    {
                        throw JsonInput.Invalid($"hosts[{i}].capacity", $"{cap} is negative; a host takes 0 or more members");
                    }
                }
                else
                {
                    JsonInput.SkipValue(ref reader);
                }
            }
            if (id < 0)
            {
                throw JsonInput.Invalid($"hosts[{i}].id", "required string is missing");
            }
            if (cap < 0)
            {
                throw JsonInput.Invalid($"hosts[{i}].capacity", "required integer is missing");
            }
            hostId.Add(id);
            capacity.Add((int)Math.Min(cap, int.MaxValue));
        }
    }

    private static void ReadMembers(ref Utf8JsonReader reader, IdTable ids, IdTable groups, List<int> memberId, List<int> group, List<int> priority)
    {
        ExpectArray(ref reader, "members");
        var scratch = Array.Empty<byte>();
        for (var i = 0; ; i++)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }
            ExpectObject(ref reader, $"members[{i}]");
            var id = -1;
            var groupIndex = -1;
            var memberPriority = 0L;
            while (JsonInput.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = ReadNewId(ref reader, ids, $"members[{i}].id", id, ref scratch);
                }
                else if (reader.ValueTextEquals("group"u8))
                {
                    reader.Read();
                    groupIndex = JsonInput.Group(ref reader, groups, $"members[{i}].group", ref scratch);
                }
                else if (reader.ValueTextEquals("priority"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Null)
                    {
                        memberPriority = JsonInput.Integer(ref reader, $"members[{i}].priority");
                        if (memberPriority is < 0 or > 9)
                        {
                            throw JsonInput.Invalid($"members[{i}].priority", $"{memberPriority} is outside 0..9");
                        }
                    }
                }
                else
                {
                    JsonInput.SkipValue(ref reader);
                }
            }
            if (id < 0)
            {
                throw JsonInput.Invalid($"members[{i}].id", "required string is missing");
            }
            memberId.Add(id);
            group.Add(groupIndex);
            priority.Add((int)memberPriority);
        }
    }

    /// <summary>Reads an id that must be new (ids are unique across hosts and members).</summary>
    private static int ReadNewId(ref Utf8JsonReader reader, IdTable ids, string field, int previous, ref byte[] scratch)
    {
        if (previous >= 0)
        {
            throw JsonInput.Invalid(field, "given more than once");
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            throw JsonInput.Invalid(field, $"expected a string, got {JsonInput.Describe(ref reader)}");
        }
        var id = JsonInput.StringBytes(ref reader, ref scratch);
        if (id.IsEmpty || !System.Text.Unicode.Utf8.IsValid(id))
        {
            throw JsonInput.Invalid(field, id.IsEmpty ? "must not be empty" : "is not valid UTF-8");
        }
        if (!ids.TryAdd(id, out var index))
        {
            throw JsonInput.Invalid(field, $"duplicate id {JsonInput.Quote(id)}");
        }
        return index;
    }

    private static void ExpectArray(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonInput.Invalid(field, $"expected an array, got {JsonInput.Describe(ref reader)}");
        }
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonInput.Invalid(field, $"expected an object, got {JsonInput.Describe(ref reader)}");
        }
    }
}
