using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

using Mentoring.Engine.Common;

namespace Mentoring.Engine.Matching;

/// <summary>
/// Reads and validates a <c>match</c> problem straight from its UTF-8 bytes with
/// <see cref="Utf8JsonReader"/>: inputs reach hundreds of megabytes and millions of pairs, so ids
/// are interned into indexes as they are read and a pair costs no allocation.
/// Every problem is reported as an <see cref="EngineInputException"/> naming the field.
/// </summary>
internal ref struct MatchProblemReader
{
    private readonly ReadOnlySpan<byte> json;
    private readonly IdIndex mentorIndex = new();
    private readonly IdIndex menteeIndex = new();
    private readonly List<string> mentorIds = [];
    private readonly List<string> menteeIds = [];
    private readonly List<int> capacities = [];
    private readonly List<byte> priorities = [];
    private byte[] scratch = new byte[64];   // an id with JSON escapes, unescaped
    private PairList pairs;
    private double timeLimitSeconds = double.PositiveInfinity;

    private MatchProblemReader(ReadOnlySpan<byte> json)
    {
        this.json = json;
        pairs = new PairList(json.Length);
    }

    public static MatchProblem Read(ReadOnlySpan<byte> json)
    {
        var reader = new MatchProblemReader(json);
        try
        {
            return reader.ReadProblem();
        }
        catch (JsonException e)
        {
            throw JsonInput.Broken(e);
        }
    }

    private MatchProblem ReadProblem()
    {
        var reader = new Utf8JsonReader(json);
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EngineInputException("(root): expected a JSON object");
        }
        bool sawMentors = false, sawMentees = false, sawPairs = false, sawLimit = false;
        var pairsStart = -1;   // where a `pairs` array met before the mentors or mentees begins
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("mentors"u8))
            {
                Once(ref sawMentors, "mentors");
                ReadMentors(ref reader);
            }
            else if (reader.ValueTextEquals("mentees"u8))
            {
                Once(ref sawMentees, "mentees");
                ReadMentees(ref reader);
            }
            else if (reader.ValueTextEquals("pairs"u8))
            {
                Once(ref sawPairs, "pairs");
                Next(ref reader);
                if (sawMentors && sawMentees)
                {
                    ReadPairs(ref reader);
                }
                else
                {
                    // Ids must be known to intern a pair: come back once the whole object is read.
                    pairsStart = checked((int)reader.TokenStartIndex);
                    ExpectArray(ref reader, "pairs");
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("timeLimitSeconds"u8))
            {
                Once(ref sawLimit, "timeLimitSeconds");
                ReadTimeLimit(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();    // unknown fields are ignored
            }
        }
        _ = reader.Read();   // throws a JsonException when anything but whitespace follows the object
        if (!sawMentors)
        {
            throw new EngineInputException("mentors: missing");
        }
        if (!sawMentees)
        {
            throw new EngineInputException("mentees: missing");
        }
        if (!sawPairs)
        {
            throw new EngineInputException("pairs: missing (profile-based scoring is done by the app)");
        }
        if (pairsStart >= 0)
        {
            var again = new Utf8JsonReader(json[pairsStart..]);
            Next(ref again);
            ReadPairs(ref again);
        }

        var grouped = MenteePairs.Group(menteeIds.Count, pairs.Mentee, pairs.Mentor, pairs.Score);
        CheckNoPairTwice(grouped);
        return new MatchProblem([.. mentorIds], [.. capacities], [.. menteeIds], [.. priorities], grouped)
        {
            TimeLimitSeconds = timeLimitSeconds,
        };
    }

    private void ReadMentors(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        ExpectArray(ref reader, "mentors");
        var index = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            ExpectObject(ref reader, "mentors", index);
            string? id = null;
            var known = false;
            int? capacity = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    Next(ref reader);
                    id = id is null ? ReadId(ref reader, "mentors", index) : throw new EngineInputException($"mentors[{index}].id: given twice");
                    known = !mentorIndex.TryAdd(IdBytes(ref reader));
                }
                else if (reader.ValueTextEquals("capacity"u8))
                {
                    Next(ref reader);
                    capacity = ReadInteger(ref reader, "mentors", index, "capacity");
                    if (capacity < 0)
                    {
                        throw new EngineInputException($"mentors[{index}].capacity: {Text(ref reader)} is negative");
                    }
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            if (id is null)
            {
                throw new EngineInputException($"mentors[{index}].id: missing");
            }
            if (capacity is null)
            {
                throw new EngineInputException($"mentors[{index}].capacity: missing");
            }
            if (known)
            {
                throw new EngineInputException($"mentors[{index}].id: duplicate id {Quote(id)}");
            }
            mentorIds.Add(id);
            capacities.Add(capacity.Value);
            index++;
        }
    }

    private void ReadMentees(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        ExpectArray(ref reader, "mentees");
        var index = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            ExpectObject(ref reader, "mentees", index);
            string? id = null;
            var known = false;
            var priority = 0;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    Next(ref reader);
                    id = id is null ? ReadId(ref reader, "mentees", index) : throw new EngineInputException($"mentees[{index}].id: given twice");
                    known = !menteeIndex.TryAdd(IdBytes(ref reader));
                }
                else if (reader.ValueTextEquals("priority"u8))
                {
                    Next(ref reader);
                    priority = ReadInteger(ref reader, "mentees", index, "priority");
                    if (priority is < 0 or > 9)
                    {
                        throw new EngineInputException($"mentees[{index}].priority: {Text(ref reader)} is outside 0..9");
                    }
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            if (id is null)
            {
                throw new EngineInputException($"mentees[{index}].id: missing");
            }
            if (known)
            {
                throw new EngineInputException($"mentees[{index}].id: duplicate id {Quote(id)}");
            }
            menteeIds.Add(id);
            priorities.Add((byte)priority);
            index++;
        }
    }

    // Hot path of a one-shot run: see MatchCommand on AggressiveOptimization.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadPairs(ref Utf8JsonReader reader)
    {
        ExpectArray(ref reader, "pairs");
        var index = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            ExpectObject(ref reader, "pairs", index);
            int mentor = -1, mentee = -1, score = -1;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("mentor"u8))
                {
                    Next(ref reader);
                    mentor = LookUp(ref reader, mentorIndex, index, "mentor");
                }
                else if (reader.ValueTextEquals("mentee"u8))
                {
                    Next(ref reader);
                    mentee = LookUp(ref reader, menteeIndex, index, "mentee");
                }
                else if (reader.ValueTextEquals("score"u8))
                {
                    Next(ref reader);
                    score = ReadScore(ref reader, index);
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            if (mentor < 0)
            {
                throw new EngineInputException($"pairs[{index}].mentor: missing");
            }
            if (mentee < 0)
            {
                throw new EngineInputException($"pairs[{index}].mentee: missing");
            }
            if (score < 0)
            {
                throw new EngineInputException($"pairs[{index}].score: missing");
            }
            pairs.Add(mentor, mentee, score);
            index++;
        }
    }

    private void ReadTimeLimit(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new EngineInputException($"timeLimitSeconds: expected a number, got {Describe(reader.TokenType)}");
        }
        // A number beyond double's range is still a number of seconds: no limit in practice.
        var seconds = reader.TryGetDouble(out var value) ? value
            : reader.ValueSpan[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        if (!(seconds > 0))
        {
            throw new EngineInputException($"timeLimitSeconds: {Text(ref reader)} is not positive");
        }
        timeLimitSeconds = seconds;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LookUp(ref Utf8JsonReader reader, IdIndex index, int pair, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new EngineInputException($"pairs[{pair}].{field}: expected a string id, got {Describe(reader.TokenType)}");
        }
        var found = index.Find(IdBytes(ref reader));
        if (found < 0)
        {
            throw new EngineInputException($"pairs[{pair}].{field}: unknown {field} id {Quote(reader.GetString()!)}");
        }
        return found;
    }

    /// <summary>The UTF-8 bytes of the current string token, unescaped.</summary>
    private ReadOnlySpan<byte> IdBytes(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }
        if (reader.ValueSpan.Length > scratch.Length)
        {
            scratch = new byte[reader.ValueSpan.Length];
        }
        return scratch.AsSpan(0, reader.CopyString(scratch));
    }

    private static string ReadId(ref Utf8JsonReader reader, string list, int index)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new EngineInputException($"{list}[{index}].id: expected a string, got {Describe(reader.TokenType)}");
        }
        var id = reader.GetString()!;
        if (id.Length == 0)
        {
            throw new EngineInputException($"{list}[{index}].id: empty");
        }
        return id;
    }

    /// <summary>
    /// An integer field. 3.0 and 3e0 are integers too; 2.5 is not. Integers beyond Int32 are
    /// clamped, which keeps their sign for the range checks of the caller.
    /// </summary>
    private static int ReadInteger(ref Utf8JsonReader reader, string list, int index, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new EngineInputException($"{list}[{index}].{field}: expected an integer, got {Describe(reader.TokenType)}");
        }
        if (reader.TryGetInt32(out var value))
        {
            return value;
        }
        var negative = reader.ValueSpan[0] == '-';
        if (!reader.TryGetDouble(out var number))
        {
            return negative ? int.MinValue : int.MaxValue;     // beyond double: an integer anyway
        }
        if (number != Math.Floor(number))
        {
            throw new EngineInputException($"{list}[{index}].{field}: {Text(ref reader)} is not an integer");
        }
        return (int)Math.Clamp(number, int.MinValue, int.MaxValue);
    }

    private static int ReadScore(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new EngineInputException($"pairs[{index}].score: expected a number, got {Describe(reader.TokenType)}");
        }
        return ScoreText.Parse(reader.ValueSpan, out var units) switch
        {
            ScoreText.Outcome.Ok => units,
            ScoreText.Outcome.OutOfRange => throw new EngineInputException($"pairs[{index}].score: {Text(ref reader)} is outside [0, 1]"),
            _ => throw new EngineInputException($"pairs[{index}].score: {Text(ref reader)} has more than 4 decimals"),
        };
    }

    /// <summary>Refuses a mentor/mentee pair listed twice, naming the first repeat in input order.</summary>
    private readonly void CheckNoPairTwice(MenteePairs grouped)
    {
        var seenFor = new int[mentorIds.Count];    // mentee + 1 whose pairs last named this mentor
        var repeated = new HashSet<long>();
        for (var e = 0; e < menteeIds.Count; e++)
        {
            for (var k = grouped.Start[e]; k < grouped.Start[e + 1]; k++)
            {
                var m = grouped.Mentor[k];
                if (seenFor[m] == e + 1)
                {
                    repeated.Add(((long)m << 32) | (uint)e);
                }
                seenFor[m] = e + 1;
            }
        }
        if (repeated.Count == 0)
        {
            return;
        }
        var seen = new HashSet<long>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var key = ((long)pairs.Mentor[i] << 32) | (uint)pairs.Mentee[i];
            if (repeated.Contains(key) && !seen.Add(key))
            {
                throw new EngineInputException($"pairs[{i}]: pair {mentorIds[pairs.Mentor[i]]}/{menteeIds[pairs.Mentee[i]]} is listed twice");
            }
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new EngineInputException("JSON: the document ends too early");
        }
        return reader.TokenType;
    }

    private static void Once(ref bool seen, string field)
    {
        if (seen)
        {
            throw new EngineInputException($"{field}: given twice");
        }
        seen = true;
    }

    private static void ExpectArray(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new EngineInputException($"{field}: expected an array, got {Describe(reader.TokenType)}");
        }
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string list, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EngineInputException($"{list}[{index}]: expected an object, got {Describe(reader.TokenType)}");
        }
    }

    private static string Text(ref Utf8JsonReader reader) => System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

    private static string Quote(string id) => "\"" + JsonEncodedText.Encode(id, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    /// <summary>Pairs in input order, in three growing arrays (no object per pair).</summary>
    private struct PairList
    {
        private int[] mentor;
        private int[] mentee;
        private int[] score;

        public PairList(int jsonLength)
        {
            // A pair takes about 50-60 bytes of JSON: start near the real count to grow rarely.
            var guess = Math.Clamp(jsonLength / 48, 16, 1 << 26);
            mentor = new int[guess];
            mentee = new int[guess];
            score = new int[guess];
        }

        public int Count { get; private set; }

        public readonly ReadOnlySpan<int> Mentor => mentor.AsSpan(0, Count);

        public readonly ReadOnlySpan<int> Mentee => mentee.AsSpan(0, Count);

        public readonly ReadOnlySpan<int> Score => score.AsSpan(0, Count);

        public void Add(int mentorIndex, int menteeIndex, int units)
        {
            if (Count == mentor.Length)
            {
                var size = checked(Count * 2);
                Array.Resize(ref mentor, size);
                Array.Resize(ref mentee, size);
                Array.Resize(ref score, size);
            }
            mentor[Count] = mentorIndex;
            mentee[Count] = menteeIndex;
            score[Count] = units;
            Count++;
        }
    }
}
