using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Calendar;

/// <summary>
/// Writes sessions as iCalendar (RFC 5545) with Ical.Net: one VEVENT per session with its UID,
/// SEQUENCE and DTSTAMP, start and end in the zone it was planned in (with that zone's VTIMEZONE),
/// organizer and attendees, and a status that follows the session (tentative until accepted).
/// </summary>
public static class SessionCalendar
{
    public const string ProductId = "-//Mentoring//Hybrid mentoring programs//EN";

    /// <param name="method">PUBLISH for a subscription feed, REQUEST for an invitation.</param>
    public static string Write(IEnumerable<ScheduledSession> sessions, string name, Instant stamp, string method = "PUBLISH")
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = method };
        calendar.AddProperty("X-WR-CALNAME", name);
        // Each zone's VTIMEZONE carries its real transitions (STANDARD and DAYLIGHT) from the first session on,
        // so a client without a time-zone database still places every session right across clock changes.
        var earliest = new SortedDictionary<string, Instant>(StringComparer.Ordinal);
        foreach (var session in sessions.OrderBy(s => s.Start))
        {
            earliest.TryAdd(session.TimeZone, session.Start);
            calendar.Events.Add(Event(session, stamp));
        }
        foreach (var (zone, first) in earliest)
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, first.Minus(NodaTime.Duration.FromDays(366)).ToDateTimeUtc(), includeHistoricalData: false));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Event(ScheduledSession session, Instant stamp)
    {
        var zone = DateTimeZoneProviders.Tzdb[session.TimeZone];
        var start = session.Start.InZone(zone).LocalDateTime;
        var end = session.End.InZone(zone).LocalDateTime;
        var calendarEvent = new CalendarEvent
        {
            Uid = session.Uid,
            Sequence = session.Sequence,
            DtStamp = new CalDateTime(stamp.ToDateTimeUtc()),
            Start = new CalDateTime(start.ToDateTimeUnspecified(), session.TimeZone),
            End = new CalDateTime(end.ToDateTimeUnspecified(), session.TimeZone),
            // Ical.Net escapes TEXT values (a line break becomes \n); single-line ones get none anyway.
            Summary = SingleLine(session.Title),
            Description = Describe(session),
            Location = SingleLine(session.Location),
            Status = session.Status switch
            {
                SessionStatus.Accepted => EventStatus.Confirmed,
                SessionStatus.Cancelled => EventStatus.Cancelled,
                _ => EventStatus.Tentative,
            },
        };
        if (session.Host?.Email is { } hostEmail)
        {
            calendarEvent.Organizer = new Organizer($"mailto:{Address(hostEmail)}") { CommonName = Parameter(session.Host.Name) };
        }
        foreach (var attendee in session.Attendees.Where(a => a.Person?.Email is not null))
        {
            calendarEvent.Attendees.Add(new Attendee($"mailto:{Address(attendee.Person!.Email!)}")
            {
                CommonName = Parameter(attendee.Person.Name),
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = attendee.Response switch
                {
                    AttendeeResponse.Accepted => "ACCEPTED",
                    AttendeeResponse.Declined => "DECLINED",
                    _ => "NEEDS-ACTION",
                },
            });
        }
        return calendarEvent;
    }

    /// <summary>
    /// A parameter value (CN=…) cannot be escaped in iCalendar: it is quoted, so a quote, a line
    /// break or any control character is dropped, whatever got past the field rules on the way in.
    /// </summary>
    internal static string Parameter(string value) =>
        new(value.Where(c => !Domain.FieldRules.IsControl(c) && c != '"').ToArray());

    internal static string? SingleLine(string? value) =>
        value is null ? null : string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>An address inside mailto: keeps no control character, space, quote or separator.</summary>
    internal static string Address(string email) =>
        new(email.Where(c => !Domain.FieldRules.IsControl(c) && c is not (' ' or '"' or ';' or ':' or ',')).ToArray());

    private static string Describe(ScheduledSession session)
    {
        var format = session.Kind switch
        {
            ActivityFormats.Lunch => "A one-to-one lunch in the office.",
            ActivityFormats.GroupLunch => "A group lunch in the office.",
            ActivityFormats.GroupMentoring => "Group mentoring in the office.",
            ActivityFormats.Coworking => "In-person coworking: the host checks in with each of you every half hour or so.",
            ActivityFormats.VirtualCoworking => "Virtual coworking by video: the host checks in with each of you every half hour or so.",
            ActivityFormats.VirtualCoffee => "A virtual coffee by video.",
            ActivityFormats.VirtualCheckin => "Your weekly check-in by video.",
            _ => "",
        };
        var who = session.Host is null ? "" : $" Hosted by {SingleLine(session.Host.Name)}.";
        return format + who;
    }
}
