using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

using Mentoring.Engine.Common;

namespace Mentoring.Engine.Roulette;

/// <summary>
/// A validated roulette problem (shared/contracts/engine.md, "roulette"). Participants are indexed
/// in input order; groups and time zones are interned to small integers.
/// </summary>
internal sealed class RouletteProblem
{
    /// <summary>The participants' ids, when the problem was read from JSON (the command writes them back).</summary>
    public IdTable? Ids { get; init; }

    public required int Count { get; init; }

    /// <summary>Group index per participant; everybody without a group shares one index of their own.</summary>
    public required int[] Group { get; init; }

    public required int GroupCount { get; init; }

    /// <summary>Time zone index per participant, -1 when none is given.</summary>
    public required int[] Zone { get; init; }

    public required int ZoneCount { get; init; }

    /// <summary>ZoneCount × ZoneCount: the working days of the two zones overlap (see <see cref="WorkingHours"/>).</summary>
    public required bool[] ZoneOverlap { get; init; }

    public required PairHistory History { get; init; }

    public long Seed { get; init; }

    /// <summary>The date used when a problem gives none: fixed (a Monday in winter) so that a problem always has one answer.</summary>
    public static readonly LocalDate DefaultDate = new(2026, 1, 5);

    public static RouletteProblem Parse(ReadOnlySpan<byte> json)
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

    private static RouletteProblem ParseCore(ReadOnlySpan<byte> json)
    {
        var ids = new IdTable();
        var groups = new IdTable();
        var zoneIds = new IdTable();
        var zones = new List<DateTimeZone>();
        var group = new List<int>();
        var zone = new List<int>();
        var pairs = new List<int>();
        bool participantsSeen = false, historySeen = false, historyDeferred = false;
        long seed = 0;
        var date = DefaultDate;

        var reader = JsonInput.OpenRoot(json);
        while (JsonInput.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("participants"u8))
            {
                JsonInput.Once(ref participantsSeen, "participants");
                reader.Read();
                ReadParticipants(ref reader, ids, groups, zoneIds, zones, group, zone);
            }
            else if (reader.ValueTextEquals("history"u8))
            {
                JsonInput.Once(ref historySeen, "history");
                if (participantsSeen)
                {
                    reader.Read();
                    JsonInput.ReadHistory(ref reader, ids, "participant", pairs);
                }
                else
                {
                    // Ids are resolved against the participants, which come later: read it in a second pass.
                    historyDeferred = true;
                    JsonInput.SkipValue(ref reader);
                }
            }
            else if (reader.ValueTextEquals("seed"u8))
            {
                reader.Read();
                seed = JsonInput.Seed(ref reader);
            }
            else if (reader.ValueTextEquals("date"u8))
            {
                reader.Read();
                date = ReadDate(ref reader);
            }
            else
            {
                JsonInput.SkipValue(ref reader);
            }
        }
        JsonInput.ExpectEnd(ref reader);

        if (!participantsSeen)
        {
            throw JsonInput.Invalid("participants", "required array is missing");
        }
        if (!historySeen)
        {
            throw JsonInput.Invalid("history", JsonInput.HistoryMissing);
        }
        if (historyDeferred)
        {
            var second = JsonInput.SeekRootProperty(json, "history"u8);
            JsonInput.ReadHistory(ref second, ids, "participant", pairs);
        }

        var groupArray = group.ToArray();
        var groupCount = JsonInput.CloseGroups(groupArray, groups.Count);

        return new RouletteProblem
        {
            Ids = ids,
            Count = ids.Count,
            Group = groupArray,
            GroupCount = groupCount,
            Zone = zone.ToArray(),
            ZoneCount = zones.Count,
            ZoneOverlap = WorkingHours.OverlapMatrix(zones, date),
            History = PairHistory.Build(ids.Count, CollectionsMarshal.AsSpan(pairs)),
            Seed = seed,
        };
    }

    private static void ReadParticipants(
        ref Utf8JsonReader reader, IdTable ids, IdTable groups, IdTable zoneIds, List<DateTimeZone> zones,
        List<int> group, List<int> zone)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonInput.Invalid("participants", $"expected an array, got {JsonInput.Describe(ref reader)}");
        }
        var scratch = Array.Empty<byte>();
        for (var i = 0; ; i++)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw JsonInput.Invalid($"participants[{i}]", $"expected an object, got {JsonInput.Describe(ref reader)}");
            }
            var hasId = false;
            var groupIndex = -1;
            var zoneIndex = -1;
            while (JsonInput.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (hasId)
                    {
                        throw JsonInput.Invalid($"participants[{i}].id", "given more than once");
                    }
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw JsonInput.Invalid($"participants[{i}].id", $"expected a string, got {JsonInput.Describe(ref reader)}");
                    }
                    var id = JsonInput.StringBytes(ref reader, ref scratch);
                    if (id.IsEmpty || !System.Text.Unicode.Utf8.IsValid(id))
                    {
                        throw JsonInput.Invalid($"participants[{i}].id", id.IsEmpty ? "must not be empty" : "is not valid UTF-8");
                    }
                    if (!ids.TryAdd(id, out _))
                    {
                        throw JsonInput.Invalid($"participants[{i}].id", $"duplicate id {JsonInput.Quote(id)}");
                    }
                    hasId = true;
                }
                else if (reader.ValueTextEquals("group"u8))
                {
                    reader.Read();
                    groupIndex = JsonInput.Group(ref reader, groups, $"participants[{i}].group", ref scratch);
                }
                else if (reader.ValueTextEquals("timeZone"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        var name = JsonInput.StringBytes(ref reader, ref scratch);
                        if (zoneIds.TryAdd(name, out zoneIndex))
                        {
                            var found = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneIds.GetString(zoneIndex))
                                ?? throw JsonInput.Invalid($"participants[{i}].timeZone", $"unknown time zone {JsonInput.Quote(name)}");
                            zones.Add(found);
                        }
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        throw JsonInput.Invalid($"participants[{i}].timeZone", $"expected an IANA time zone id, got {JsonInput.Describe(ref reader)}");
                    }
                }
                else
                {
                    JsonInput.SkipValue(ref reader);
                }
            }
            if (!hasId)
            {
                throw JsonInput.Invalid($"participants[{i}].id", "required string is missing");
            }
            group.Add(groupIndex);
            zone.Add(zoneIndex);
        }
    }

    private static LocalDate ReadDate(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var result = LocalDatePattern.Iso.Parse(reader.GetString()!);
            if (result.Success)
            {
                return result.Value;
            }
        }
        throw JsonInput.Invalid("date", $"expected a date like \"2026-01-05\", got {JsonInput.Describe(ref reader)}");
    }
}
