using Mentoring.Domain;
using Mentoring.Features.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Notifications;

/// <summary>
/// Session e-mails with their calendar: one message per person (every attendee and the host), each
/// carrying the whole event (ORGANIZER and every ATTENDEE with their PARTSTAT) as METHOD:REQUEST, an
/// update with the same UID and a higher SEQUENCE, or METHOD:CANCEL.
/// </summary>
public sealed class SessionMessages(Outbox outbox, IClock clock)
{
    /// <summary>A new session (<c>session-invitation</c>) or a changed one (<c>session-update</c>); the session carries its host and attendees' people.</summary>
    public async Task InviteAsync(ScheduledSession session, bool update, CancellationToken cancellationToken)
    {
        var ics = SessionCalendar.Write([session], session.Title, clock.GetCurrentInstant(), method: "REQUEST");
        foreach (var person in Everyone(session))
        {
            var isHost = person.Id == session.HostId;
            await outbox.EnqueueAsync(person, update ? "session-update" : "session-invitation", Model(session, person), Categories.Sessions, timeBound: true,
                new MessageOptions
                {
                    ProgramId = session.ProgramId, Calendar = ics, StartsAt = session.Start,
                    Actions = isHost ? [] : [new MessageAction("Accept", $"accept:{session.Uid}", Primary: true), new MessageAction("Decline", $"decline:{session.Uid}")],
                }, cancellationToken);
        }
    }

    /// <summary>
    /// A moved session (<c>session-moved</c>): the same UID with a higher SEQUENCE (METHOD:REQUEST) to
    /// everyone, saying where it was before; reminders not yet sent for the old time are dropped.
    /// </summary>
    public async Task MoveAsync(ScheduledSession session, ScheduledSession before, CancellationToken cancellationToken)
    {
        var ics = SessionCalendar.Write([session], session.Title, clock.GetCurrentInstant(), method: "REQUEST");
        foreach (var person in Everyone(session))
        {
            var model = Model(session, person);
            model["before"] = When(before, ZoneOf(session, person));
            var isHost = person.Id == session.HostId;
            await outbox.EnqueueAsync(person, "session-moved", model, Categories.Sessions, timeBound: true,
                new MessageOptions
                {
                    ProgramId = session.ProgramId, Calendar = ics, StartsAt = session.Start,
                    Actions = isHost ? [] : [new MessageAction("Accept", $"accept:{session.Uid}", Primary: true), new MessageAction("Decline", $"decline:{session.Uid}")],
                }, cancellationToken);
        }
        await outbox.DropPendingAsync(ReminderKeyPrefix(session.Id), "the session moved", cancellationToken);
    }

    /// <summary>A cancelled session: METHOD:CANCEL with the same UID to everyone, and the reason in words.</summary>
    public async Task CancelAsync(ScheduledSession session, string? reason, CancellationToken cancellationToken)
    {
        var ics = SessionCalendar.Write([session], session.Title, clock.GetCurrentInstant(), method: "CANCEL");
        foreach (var person in Everyone(session))
        {
            var model = Model(session, person);
            model["reason"] = reason ?? "";
            await outbox.EnqueueAsync(person, "session-cancelled", model, Categories.Sessions, timeBound: true,
                new MessageOptions { ProgramId = session.ProgramId, Calendar = ics, StartsAt = session.Start }, cancellationToken);
        }
    }

    /// <summary>A reminder <paramref name="hours"/> before, once per session, person and offset.</summary>
    public async Task RemindAsync(ScheduledSession session, Person person, int hours, CancellationToken cancellationToken)
    {
        var model = Model(session, person);
        model["hours"] = hours;
        await outbox.EnqueueAsync(person, "session-reminder", model, Categories.Reminders, timeBound: true,
            new MessageOptions { ProgramId = session.ProgramId, StartsAt = session.Start, DedupKey = ReminderKey(session, person.Id, hours) }, cancellationToken);
    }

    /// <summary>Once per session, person, offset and start: a moved session is reminded of again at its new time.</summary>
    public static string ReminderKey(ScheduledSession session, int personId, int hours) =>
        $"{ReminderKeyPrefix(session.Id)}{personId}:{hours}:{session.Start.ToUnixTimeSeconds()}";

    private static string ReminderKeyPrefix(int sessionId) => $"reminder:{sessionId}:";

    private static DateTimeZone ZoneOf(ScheduledSession session, Person person) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(person.EffectiveTimeZone ?? session.TimeZone) ?? DateTimeZone.Utc;

    private static IEnumerable<Person> Everyone(ScheduledSession session) =>
        session.Attendees.Select(a => a.Person).Append(session.Host).OfType<Person>().DistinctBy(p => p.Id);

    public static Dictionary<string, object?> Model(ScheduledSession session, Person person)
    {
        var zone = ZoneOf(session, person);
        return new Dictionary<string, object?>
        {
            ["session"] = new Dictionary<string, object?>
            {
                ["title"] = session.Title,
                ["when"] = When(session, zone),
                ["location"] = session.Location ?? "",
                ["host"] = session.Host?.Name ?? "",
                ["attendees"] = session.Attendees.Select(a => (object?)(a.Person?.Name ?? "")).ToList(),
                ["uid"] = session.Uid,
            },
            ["reason"] = "",
            ["before"] = "",
            ["hours"] = 0,
        };
    }

    public static string When(ScheduledSession session, DateTimeZone zone)
    {
        var start = session.Start.InZone(zone);
        var end = session.End.InZone(zone);
        return ZonedDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu, HH:mm", null).Format(start)
            + "–" + end.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }
}
