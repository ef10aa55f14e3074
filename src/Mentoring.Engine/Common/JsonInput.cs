using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Mentoring.Engine.Common;

/// <summary>
/// Reading helpers for the roulette and groups problems: a forward-only <see cref="Utf8JsonReader"/>
/// over the whole buffer (fast on inputs of tens of megabytes) and one-line "field: reason" errors.
/// The hot paths (history pairs) are compiled fully optimised at once: under tiered compilation a
/// one-shot process would run much of its parse in unoptimised code.
/// </summary>
internal static class JsonInput
{
    public static EngineInputException Invalid(string field, string reason) => new($"{field}: {reason}");

    /// <summary>Broken JSON, reported with a 1-based line and byte position.</summary>
    public static EngineInputException Broken(JsonException e)
    {
        // The reader's own message ends with " LineNumber: 0 | BytePositionInLine: 7." (0-based).
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }
        reason = reason.ReplaceLineEndings(" ").Trim();
        return new EngineInputException(
            $"invalid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {reason}", e);
    }

    /// <summary>A reader positioned on the root object's first token.</summary>
    public static Utf8JsonReader OpenRoot(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid("$", "the problem must be a JSON object");
        }
        return reader;
    }

    /// <summary>After the root object: anything but the end of the data is broken JSON (the reader throws).</summary>
    public static void ExpectEnd(ref Utf8JsonReader reader) => reader.Read();

    /// <summary>Moves to the next root property; false at the end of the root object.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of the current property (unknown fields are ignored).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>A second pass: the reader positioned on the value of root property <paramref name="name"/>.</summary>
    public static Utf8JsonReader SeekRootProperty(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = OpenRoot(json);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(name))
            {
                reader.Read();
                return reader;
            }
            SkipValue(ref reader);
        }
        throw new InvalidOperationException("the property was seen in the first pass");
    }

    /// <summary>The current string token, unescaped, as UTF-8 (the buffer's own bytes when nothing is escaped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> StringBytes(ref Utf8JsonReader reader, ref byte[] scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }
        if (scratch.Length < reader.ValueSpan.Length)
        {
            scratch = new byte[reader.ValueSpan.Length];
        }
        var written = reader.CopyString(scratch);
        return scratch.AsSpan(0, written);
    }

    /// <summary>A JSON string literal for messages, e.g. <c>"p99"</c>.</summary>
    public static string Quote(ReadOnlySpan<byte> utf8) => JsonSerializer.Serialize(Encoding.UTF8.GetString(utf8));

    /// <summary>The current token as an integer, or an error naming <paramref name="field"/>.</summary>
    public static long Integer(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            throw Invalid(field, $"expected an integer, got {Describe(ref reader)}");
        }
        return value;
    }

    /// <summary>The current token as a number, or an error naming <paramref name="field"/>.</summary>
    public static double Number(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Invalid(field, $"expected a number, got {Describe(ref reader)}");
        }
        return reader.GetDouble();
    }

    /// <summary>Short description of the current token for messages: <c>"abc"</c>, <c>12.5</c>, <c>an object</c>.</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => Quote(reader.ValueSpan),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>The message for a problem without <c>history</c>, which is required so that a misspelt name cannot drop it.</summary>
    public const string HistoryMissing = "required array is missing (give [] when nobody has met yet)";

    /// <summary>Marks a root property as read; an error when the problem gives it twice.</summary>
    public static void Once(ref bool seen, string name)
    {
        if (seen)
        {
            throw Invalid(name, "given more than once");
        }
        seen = true;
    }

    /// <summary>The optional integer <c>seed</c> (null or absent is 0).</summary>
    public static long Seed(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? 0 : Integer(ref reader, "seed");

    /// <summary>An optional <c>group</c> string interned in <paramref name="groups"/>; -1 for null.</summary>
    public static int Group(ref Utf8JsonReader reader, IdTable groups, string field, ref byte[] scratch)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return -1;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Invalid(field, $"expected a string, got {Describe(ref reader)}");
        }
        groups.TryAdd(StringBytes(ref reader, ref scratch), out var index);
        return index;
    }

    /// <summary>
    /// Group indexes with everybody without a group (-1) given the index after the named groups:
    /// they form one group of their own, as in the reference checker. Returns the group count.
    /// </summary>
    public static int CloseGroups(int[] group, int namedGroups)
    {
        var anyWithout = false;
        for (var i = 0; i < group.Length; i++)
        {
            if (group[i] < 0)
            {
                group[i] = namedGroups;
                anyWithout = true;
            }
        }
        return namedGroups + (anyWithout ? 1 : 0);
    }

    /// <summary>
    /// Reads <c>history</c>, an array of id pairs, into <paramref name="pairs"/> as id indexes
    /// (a0, b0, a1, b1, …). <paramref name="unknown"/> names what an id must be, for messages.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadHistory(ref Utf8JsonReader reader, IdTable ids, string unknown, List<int> pairs)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid("history", $"expected an array of id pairs, got {Describe(ref reader)}");
        }
        var scratch = Array.Empty<byte>();
        for (var i = 0; ; i++)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Invalid($"history[{i}]", $"expected a pair of two ids, got {Describe(ref reader)}");
            }
            var a = PairMember(ref reader, ids, unknown, i, 0, ref scratch);
            var b = PairMember(ref reader, ids, unknown, i, 1, ref scratch);
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw Invalid($"history[{i}]", "expected a pair of two ids, got more than two");
            }
            if (a == b)
            {
                throw Invalid($"history[{i}]", $"a pair needs two different ids, got {Quote(ids[a])} twice");
            }
            pairs.Add(a);
            pairs.Add(b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int PairMember(ref Utf8JsonReader reader, IdTable ids, string unknown, int i, int j, ref byte[] scratch)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            throw Invalid($"history[{i}]", $"expected a pair of two ids, got {j}");
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Invalid($"history[{i}][{j}]", $"expected an id string, got {Describe(ref reader)}");
        }
        var id = StringBytes(ref reader, ref scratch);
        var index = ids.Find(id);
        if (index < 0)
        {
            throw Invalid($"history[{i}][{j}]", $"unknown {unknown} id {Quote(id)}");
        }
        return index;
    }
}
