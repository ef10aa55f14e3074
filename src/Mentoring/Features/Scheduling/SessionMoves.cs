using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Scheduling;

/// <summary>Where a session goes: its new start in the session's own zone (<c>yyyy-MM-ddTHH:mm</c>), length, and room (null keeps its room).</summary>
public sealed record MoveSessionInput(string? Start, int? DurationMinutes, int? RoomId = null);

/// <summary>
/// The admin or the host moves a session to another time (and room). The attendees' other sessions
/// and declared days away are checked as planning does; the session becomes a proposal again, and
/// everyone gets an update with the same UID and a higher SEQUENCE (METHOD:REQUEST).
/// </summary>
public sealed class SessionMoves(MentoringDbContext db, IClock clock, Notifications.SessionMessages messages)
{
    public const int MinMinutes = 15;
    public const int MaxMinutes = 8 * 60;

    private static readonly LocalDateTimePattern StartPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public async Task<Outcome<ScheduledSession>> MoveAsync(int sessionId, int? personId, bool isAdmin, MoveSessionInput input, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.Include(s => s.Attendees).SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || (!isAdmin && session.HostId != personId && session.Attendees.All(a => a.PersonId != personId)))
        {
            return Outcome.NotFound();
        }
        if (!isAdmin && session.HostId != personId)
        {
            return Outcome.Invalid("sessionId", "only the host or an admin can move a session; ask for another time instead");
        }
        if (session.Status == SessionStatus.Cancelled)
        {
            return Outcome.Invalid("sessionId", "that session is cancelled");
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(session.TimeZone) ?? DateTimeZone.Utc;
        if (string.IsNullOrWhiteSpace(input.Start) || StartPattern.Parse(input.Start.Trim()) is not { Success: true } parsed)
        {
            return Outcome.Invalid("start", "give the new start as yyyy-MM-ddTHH:mm, in the session's zone");
        }
        var local = parsed.Value;
        if (input.DurationMinutes is not { } minutes || minutes < MinMinutes || minutes > MaxMinutes)
        {
            return Outcome.Invalid("durationMinutes", $"a session lasts {MinMinutes} to {MaxMinutes} minutes");
        }
        // A time the clocks skip does not exist: say so rather than move it by an hour behind the host's back.
        // A time that comes twice (when the clocks go back) is the first of the two.
        var mapping = zone.MapLocal(local);
        if (mapping.Count == 0)
        {
            return Outcome.Invalid("start", $"{local.ToString("HH:mm", null)} does not exist on {Shared.Display.Day(local.Date)} in {zone.Id}: the clocks go forward then");
        }
        var start = mapping.First().ToInstant();
        var end = start + Duration.FromMinutes(minutes);
        if (start <= clock.GetCurrentInstant())
        {
            return Outcome.Invalid("start", "move it to a time that has not passed yet");
        }
        if (local.Date != end.InZone(zone).Date)
        {
            return Outcome.Invalid("durationMinutes", "a session ends on the day it starts");
        }

        var date = local.Date;
        var slot = SlotOf(local.TimeOfDay);
        var people = session.Attendees.Select(a => a.PersonId).Append(session.HostId).Distinct().ToList();
        var awayIds = await db.PresenceDays.AsNoTracking()
            .Where(d => people.Contains(d.PersonId) && d.Date == date && d.Kind == PresenceKind.Unavailable).Select(d => d.PersonId).ToListAsync(cancellationToken);
        var away = await db.People.AsNoTracking().Where(p => awayIds.Contains(p.Id)).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(cancellationToken);
        if (away.Count > 0)
        {
            return Outcome.Invalid("start", $"{string.Join(" and ", away)} declared {Shared.Display.Day(date)} unavailable");
        }

        // The same rule as planning: a shared day and slot, or slots that overlap in real time; and the real hours themselves.
        var dayBefore = start - Duration.FromDays(2);
        var dayAfter = end + Duration.FromDays(2);
        var others = await db.Sessions.AsNoTracking().Include(s => s.Attendees).ThenInclude(a => a.Person).Include(s => s.Host)
            .Where(s => s.Id != session.Id && s.Status != SessionStatus.Cancelled && s.Start < dayAfter && s.End > dayBefore
                && (people.Contains(s.HostId) || s.Attendees.Any(a => people.Contains(a.PersonId))))
            .AsSplitQuery().ToListAsync(cancellationToken);
        foreach (var other in others)
        {
            var taken = new SessionClashes();
            taken.Add(other.Attendees.Select(a => a.PersonId).Append(other.HostId), other.Date, other.Slot,
                DateTimeZoneProviders.Tzdb.GetZoneOrNull(other.TimeZone) ?? DateTimeZone.Utc);
            var overlaps = other.Start < end && start < other.End;
            if (overlaps || taken.Clashes(people, date, slot, zone))
            {
                var who = other.Attendees.Select(a => a.Person).Append(other.Host).OfType<Person>().Where(p => people.Contains(p.Id))
                    .Select(p => p.Name).Distinct().ToList();
                return Outcome.Invalid("start", $"{string.Join(" and ", who)} {(who.Count == 1 ? "has" : "have")} \"{other.Title}\" then "
                    + $"({Shared.Display.Day(other.Date)}, {Shared.Display.Hours(other.Start, other.End, session.TimeZone)})");
            }
        }

        var roomId = input.RoomId ?? session.RoomId;
        Room? room = null;
        if (roomId is { } wanted)
        {
            room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == wanted, cancellationToken);
            if (room is null)
            {
                return Outcome.Invalid("roomId", "there is no such room");
            }
            if (room.Capacity < people.Count)
            {
                return Outcome.Invalid("roomId", $"{room.Name} seats {room.Capacity}; the session has {people.Count} people");
            }
            var roomTaken = await db.Sessions.AsNoTracking()
                .Where(s => s.Id != session.Id && s.RoomId == wanted && s.Status != SessionStatus.Cancelled && s.Start < end && s.End > start)
                .Select(s => s.Title).FirstOrDefaultAsync(cancellationToken);
            if (roomTaken is not null)
            {
                return Outcome.Invalid("roomId", $"{room.Name} is taken then, by \"{roomTaken}\"");
            }
        }

        var previous = View(session);
        var location = session.Location;
        if (room is not null && room.Id != session.RoomId)
        {
            var office = await db.Offices.AsNoTracking().Where(o => o.Id == room.OfficeId).Select(o => o.Name).SingleAsync(cancellationToken);
            location = $"{room.Name}, {office} office";
        }
        session.Date = date;
        session.Slot = slot;
        session.Start = start;
        session.End = end;
        session.RoomId = room?.Id;
        session.Location = location;
        // A new time is a new proposal: everyone answers it again.
        session.Status = SessionStatus.Proposed;
        foreach (var attendee in session.Attendees)
        {
            attendee.Response = AttendeeResponse.Pending;
            attendee.RespondedAt = null;
        }
        session.Sequence++;
        if (session.GroupActivityId is { } groupId
            && await db.GroupActivities.SingleOrDefaultAsync(g => g.Id == groupId && g.Date == previous.Date, cancellationToken) is { } group)
        {
            // A group with its own day and time keeps the one it was moved to, so re-planning books it there.
            group.Date = date;
            group.StartTime = local.TimeOfDay;
            group.DurationMinutes = minutes;
        }
        await messages.MoveAsync(await ViewAsync(session, cancellationToken), previous, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>The engine's slots by the hour a session starts, as a group's set time is placed.</summary>
    public static DaySlot SlotOf(LocalTime time) => time.Hour < 12 ? DaySlot.Morning : time.Hour < 13 ? DaySlot.Lunch : DaySlot.Afternoon;

    private static ScheduledSession View(ScheduledSession s) => new()
    {
        Id = s.Id, ProgramId = s.ProgramId, Kind = s.Kind, Title = s.Title, HostId = s.HostId, Date = s.Date, Slot = s.Slot, Start = s.Start, End = s.End,
        TimeZone = s.TimeZone, Location = s.Location, Uid = s.Uid, Sequence = s.Sequence, Status = s.Status,
    };

    private async Task<ScheduledSession> ViewAsync(ScheduledSession session, CancellationToken cancellationToken)
    {
        var ids = session.Attendees.Select(a => a.PersonId).Append(session.HostId).ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Office).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var view = View(session);
        view.Host = people[session.HostId];
        view.Attendees = session.Attendees.Select(a => new SessionAttendee { PersonId = a.PersonId, Person = people[a.PersonId], Response = a.Response }).ToList();
        return view;
    }
}
