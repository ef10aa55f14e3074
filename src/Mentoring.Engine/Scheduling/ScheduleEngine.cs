using Mentoring.Engine.Common;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Engine.Scheduling;

/// <summary>A person: their IANA zone (null: the host's), the days they are in the office and the days they cannot meet.</summary>
public sealed record SchedulePerson<TPerson>(
    TPerson Id, string? TimeZone, IReadOnlyCollection<LocalDate> OfficeDays, IReadOnlyCollection<LocalDate> Unavailable)
    where TPerson : notnull;

public sealed record ScheduleRoom<TRoom>(TRoom Id, int Capacity)
    where TRoom : notnull;

/// <summary>A session to place; the host and participants are ids of <see cref="ScheduleRequest{TPerson, TRoom}.People"/>.</summary>
public sealed record ScheduleSession<TPerson>(SessionKind Kind, TPerson Host, IReadOnlyList<TPerson> Participants)
    where TPerson : notnull;

/// <summary>Sessions to put on days, slots and rooms (shared/contracts/engine.md, "schedule").</summary>
public sealed record ScheduleRequest<TPerson, TRoom>(
    IReadOnlyList<LocalDate> Days,
    IReadOnlyList<ScheduleRoom<TRoom>> Rooms,
    IReadOnlyList<SchedulePerson<TPerson>> People,
    IReadOnlyList<ScheduleSession<TPerson>> Sessions,
    TimeSpan? TimeLimit = null)
    where TPerson : notnull
    where TRoom : notnull;

/// <summary>Where a session went: a date, a slot in the host's zone, and its room (null for sessions without one).</summary>
public sealed record ScheduledSlot<TRoom>(LocalDate Date, Slot Slot, ScheduleRoom<TRoom>? Room)
    where TRoom : notnull;

/// <summary>
/// The schedule: <see cref="Assignments"/> is indexed like the request's sessions (null when
/// unscheduled, with its reason in <see cref="Unscheduled"/> under the same index).
/// </summary>
public sealed record ScheduleResult<TRoom>(
    IReadOnlyList<ScheduledSlot<TRoom>?> Assignments,
    IReadOnlyDictionary<int, string> Unscheduled,
    int HostOfficeDays,
    int AttendeeOfficeDays,
    bool Optimal)
    where TRoom : notnull;

/// <summary>
/// The schedule engine for the app's own features: the same validation and solver as
/// <c>mentoring engine schedule</c>, on the caller's own ids. An invalid request throws
/// <see cref="EngineInputException"/> naming the field.
/// </summary>
public static class ScheduleEngine
{
    public static ScheduleResult<TRoom> Solve<TPerson, TRoom>(ScheduleRequest<TPerson, TRoom> request, EngineOptions? options = null)
        where TPerson : notnull
        where TRoom : notnull
    {
        ArgumentNullException.ThrowIfNull(request);
        // People and rooms go in by position; the checks are the JSON contract's, so both entry points refuse the same problems.
        var person = new Dictionary<TPerson, int>();
        for (var i = 0; i < request.People.Count; i++)
        {
            if (!person.TryAdd(request.People[i].Id, i))
            {
                throw JsonInput.Invalid($"people[{i}].id", $"duplicate id {request.People[i].Id}");
            }
        }
        string Person(TPerson id, string field) =>
            person.TryGetValue(id, out var i) ? Key(i) : throw JsonInput.Invalid(field, $"unknown person {id}");

        var input = new ScheduleInput
        {
            Days = request.Days.Select(d => (string?)Iso(d)).ToList(),
            Rooms = request.Rooms.Select((r, i) => (RoomInput?)new RoomInput { Id = Key(i), Capacity = r.Capacity }).ToList(),
            People = request.People.Select((p, i) => (PersonInput?)new PersonInput
            {
                Id = Key(i),
                TimeZone = p.TimeZone,
                OfficeDays = p.OfficeDays.Select(d => (string?)Iso(d)).ToList(),
                Unavailable = p.Unavailable.Select(d => (string?)Iso(d)).ToList(),
            }).ToList(),
            Sessions = request.Sessions.Select((s, i) => (SessionInput?)new SessionInput
            {
                Id = Key(i),
                Kind = s.Kind.Name(),
                Host = Person(s.Host, $"sessions[{i}].host"),
                Participants = s.Participants.Select((p, j) => (string?)Person(p, $"sessions[{i}].participants[{j}]")).ToList(),
            }).ToList(),
            TimeLimitSeconds = request.TimeLimit?.TotalSeconds,
        };
        var problem = ScheduleParser.Validate(input);
        var solution = Solve(problem, options ?? EngineOptions.Default);
        var assignments = solution.Assignments
            .Select(a => a is { } at ? new ScheduledSlot<TRoom>(problem.Days[at.Day], at.Slot, at.Room < 0 ? null : request.Rooms[at.Room]) : null)
            .ToList();
        return new ScheduleResult<TRoom>(
            assignments, new Dictionary<int, string>(solution.Reasons), solution.HostOfficeDays, solution.AttendeeOfficeDays, solution.Optimal);
    }

    /// <summary>The solve behind both entry points: this API and the command line's JSON adapter.</summary>
    internal static ScheduleSolution Solve(ScheduleProblem problem, EngineOptions options) => ScheduleSolver.Solve(problem, options);

    private static string Key(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
