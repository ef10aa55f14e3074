using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mentoring.Engine.Common;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Engine.Scheduling;

/// <summary>
/// Reads and validates a schedule problem. Every error is an <see cref="EngineInputException"/>
/// with one line naming the field, e.g. <c>sessions[3].participants[1]: unknown person "j99"</c>.
/// </summary>
internal static class ScheduleParser
{
    public static ScheduleProblem Parse(ReadOnlyMemory<byte> json)
    {
        ScheduleInput? input;
        try
        {
            input = JsonSerializer.Deserialize(json.Span, ScheduleJsonContext.Default.ScheduleInput);
        }
        catch (JsonException e)
        {
            throw new EngineInputException(DescribeJsonError(e), e);
        }
        if (input is null)
        {
            throw new EngineInputException("$: the problem must be a JSON object, not null");
        }
        return Validate(input);
    }

    /// <summary>
    /// A syntax error names the line and position (1-based); a value of the wrong type names its
    /// field as well.
    /// </summary>
    private static string DescribeJsonError(JsonException e)
    {
        var where = $"line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}";
        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        if (e.InnerException is JsonException syntax && syntax.GetType().Name == "JsonReaderException")
        {
            // Broken JSON reads the same in every verb.
            return JsonInput.Broken(syntax).Message;
        }
        return $"{field}: value of the wrong type at {where}";
    }

    internal static ScheduleProblem Validate(ScheduleInput input)
    {
        var days = ParseDays(input.Days ?? throw new EngineInputException("days: missing"));
        var dayIndex = new Dictionary<LocalDate, int>();
        for (var i = 0; i < days.Count; i++)
        {
            if (!dayIndex.TryAdd(days[i], i))
            {
                throw new EngineInputException($"days[{i}]: duplicate date \"{Format(days[i])}\"");
            }
        }

        var rooms = new List<Room>();
        var roomIds = new HashSet<string>(StringComparer.Ordinal);
        var roomInputs = input.Rooms ?? [];
        for (var i = 0; i < roomInputs.Count; i++)
        {
            var room = roomInputs[i] ?? throw new EngineInputException($"rooms[{i}]: missing");
            var id = RequireId(room.Id, $"rooms[{i}].id");
            if (!roomIds.Add(id))
            {
                throw new EngineInputException($"rooms[{i}].id: duplicate id \"{id}\"");
            }
            var capacity = room.Capacity ?? throw new EngineInputException($"rooms[{i}].capacity: missing");
            if (capacity < 1)
            {
                throw new EngineInputException($"rooms[{i}].capacity: {capacity} is less than 1");
            }
            rooms.Add(new Room(id, capacity));
        }

        var people = new List<Person>();
        var personIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var peopleInputs = input.People ?? throw new EngineInputException("people: missing");
        for (var i = 0; i < peopleInputs.Count; i++)
        {
            var person = peopleInputs[i] ?? throw new EngineInputException($"people[{i}]: missing");
            var id = RequireId(person.Id, $"people[{i}].id");
            if (!personIndex.TryAdd(id, i))
            {
                throw new EngineInputException($"people[{i}].id: duplicate id \"{id}\"");
            }
            DateTimeZone? zone = null;
            if (person.TimeZone is not null)
            {
                zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(person.TimeZone)
                    ?? throw new EngineInputException($"people[{i}].timeZone: unknown IANA time zone \"{person.TimeZone}\"");
            }
            people.Add(new Person(
                id,
                zone,
                DayFlags(person.OfficeDays, $"people[{i}].officeDays", dayIndex),
                DayFlags(person.Unavailable, $"people[{i}].unavailable", dayIndex)));
        }

        var sessions = new List<Session>();
        var sessionIds = new HashSet<string>(StringComparer.Ordinal);
        var sessionInputs = input.Sessions ?? throw new EngineInputException("sessions: missing");
        for (var i = 0; i < sessionInputs.Count; i++)
        {
            var session = sessionInputs[i] ?? throw new EngineInputException($"sessions[{i}]: missing");
            var id = RequireId(session.Id, $"sessions[{i}].id");
            if (!sessionIds.Add(id))
            {
                throw new EngineInputException($"sessions[{i}].id: duplicate id \"{id}\"");
            }
            var kindName = session.Kind ?? throw new EngineInputException($"sessions[{i}].kind: missing");
            var kind = Array.IndexOf(SessionKinds.Names, kindName);
            if (kind < 0)
            {
                throw new EngineInputException(
                    $"sessions[{i}].kind: unknown kind \"{kindName}\" (one of {string.Join(", ", SessionKinds.Names)})");
            }
            var hostId = session.Host ?? throw new EngineInputException($"sessions[{i}].host: missing");
            if (!personIndex.TryGetValue(hostId, out var host))
            {
                throw new EngineInputException($"sessions[{i}].host: unknown person \"{hostId}\"");
            }
            var participantIds = session.Participants ?? throw new EngineInputException($"sessions[{i}].participants: missing");
            var participants = new int[participantIds.Count];
            for (var j = 0; j < participantIds.Count; j++)
            {
                var field = $"sessions[{i}].participants[{j}]";
                var pid = participantIds[j] ?? throw new EngineInputException($"{field}: missing");
                if (!personIndex.TryGetValue(pid, out var p))
                {
                    throw new EngineInputException($"{field}: unknown person \"{pid}\"");
                }
                if (p == host)
                {
                    throw new EngineInputException($"{field}: \"{pid}\" is the host of this session");
                }
                if (Array.IndexOf(participants, p, 0, j) >= 0)
                {
                    throw new EngineInputException($"{field}: \"{pid}\" is listed twice");
                }
                participants[j] = p;
            }
            sessions.Add(new Session(id, (SessionKind)kind, host, participants));
        }

        var limit = ScheduleProblem.DefaultTimeLimit;
        if (input.TimeLimitSeconds is { } seconds)
        {
            if (!(seconds > 0) || seconds > 86_400)
            {
                throw new EngineInputException(
                    $"timeLimitSeconds: {seconds.ToString(CultureInfo.InvariantCulture)} is outside (0, 86400]");
            }
            limit = TimeSpan.FromSeconds(seconds);
        }
        return new ScheduleProblem(days, rooms, people, sessions, limit);
    }

    private static List<LocalDate> ParseDays(List<string?> texts)
    {
        var days = new List<LocalDate>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            days.Add(ParseDate(texts[i], $"days[{i}]"));
        }
        return days;
    }

    /// <summary>Marks the listed dates; dates that are not in <c>days</c> do not matter and are ignored.</summary>
    private static bool[] DayFlags(List<string?>? texts, string field, Dictionary<LocalDate, int> dayIndex)
    {
        var flags = new bool[dayIndex.Count];
        for (var i = 0; i < (texts?.Count ?? 0); i++)
        {
            if (dayIndex.TryGetValue(ParseDate(texts![i], $"{field}[{i}]"), out var d))
            {
                flags[d] = true;
            }
        }
        return flags;
    }

    private static LocalDate ParseDate(string? text, string field)
    {
        if (text is null)
        {
            throw new EngineInputException($"{field}: missing");
        }
        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new EngineInputException($"{field}: \"{text}\" is not a date (yyyy-MM-dd)");
    }

    private static string RequireId(string? id, string field) =>
        string.IsNullOrEmpty(id) ? throw new EngineInputException($"{field}: missing") : id;

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

// The wire format. Everything is nullable so that a missing field is reported by name.
internal sealed class ScheduleInput
{
    public List<string?>? Days { get; set; }
    public List<RoomInput?>? Rooms { get; set; }
    public List<PersonInput?>? People { get; set; }
    public List<SessionInput?>? Sessions { get; set; }
    public double? TimeLimitSeconds { get; set; }
}

internal sealed class RoomInput
{
    public string? Id { get; set; }
    public int? Capacity { get; set; }
}

internal sealed class PersonInput
{
    public string? Id { get; set; }
    public string? TimeZone { get; set; }
    public List<string?>? OfficeDays { get; set; }
    public List<string?>? Unavailable { get; set; }
}

internal sealed class SessionInput
{
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? Host { get; set; }
    public List<string?>? Participants { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScheduleInput))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;
