using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Engine.Common;
using Mentoring.Engine.Scheduling;
using Mentoring.Features.Calendar;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Microsoft.Extensions.Options;

namespace Mentoring.Features.Scheduling;

public sealed record UnscheduledDto(string Title, string Reason);

public sealed record PlanResult(int Planned, int Kept, IReadOnlyList<UnscheduledDto> Unscheduled, int HostOfficeDays, int AttendeeOfficeDays, bool Optimal);

/// <summary>
/// Plans a program's sessions for a period with the schedule engine: one meeting per active
/// mentorship (a lunch when the pair share an office and neither wants to meet only by video, else a
/// virtual check-in) and one per group. In-person sessions are packed on the fewest office days of
/// the seniors; virtual ones land inside everyone's working hours. A group has one time: one with a
/// date is booked on its date at its start time (not moved); one without is placed by the engine, and
/// its day and time are written back onto the group. Accepted sessions are kept;
/// proposals not yet accepted are replaced. Every attendee gets an invitation with an .ics file.
/// </summary>
public sealed class SchedulingService(MentoringDbContext db, IClock clock, IOptions<EngineOptions> engine, Notifications.SessionMessages messages)
{
    /// <summary>Invitations for the sessions planned in this pass, written to the outbox before it saves.</summary>
    private readonly List<ScheduledSession> invitations = [];

    public async Task<Outcome<PlanResult>> PlanAsync(int programId, LocalDate from, LocalDate to, int timeLimitSeconds, CancellationToken cancellationToken)
    {
        if (to < from || Period.Between(from, to, PeriodUnits.Days).Days > 62)
        {
            return Outcome.Invalid("to", "plan a period of 1 to 62 days, ending on or after its start");
        }
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var now = clock.GetCurrentInstant();

        // Keep what people accepted; withdraw the proposals nobody accepted yet.
        var existing = await db.Sessions.Include(s => s.Attendees)
            .Where(s => s.ProgramId == programId && s.Date >= from && s.Date <= to && s.Status != SessionStatus.Cancelled)
            .ToListAsync(cancellationToken);
        var kept = existing.Where(s => s.Status == SessionStatus.Accepted).ToList();
        var withdrawnSessions = existing.Where(s => s.Status != SessionStatus.Accepted).ToList();
        foreach (var withdrawn in withdrawnSessions)
        {
            withdrawn.Status = SessionStatus.Cancelled;
            withdrawn.Sequence++;
        }

        var demands = await DemandsAsync(programId, kept, from, to, cancellationToken);
        var peopleIds = demands.SelectMany(d => d.Attendees.Append(d.HostId)).Concat(kept.SelectMany(k => k.Attendees.Select(a => a.PersonId).Append(k.HostId))).ToHashSet();
        var people = await db.People.AsNoTracking().Include(p => p.Office).ThenInclude(o => o!.Rooms)
            .Where(p => peopleIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var presence = await db.PresenceDays.AsNoTracking().Where(d => peopleIds.Contains(d.PersonId) && d.Date >= from && d.Date <= to)
            .ToListAsync(cancellationToken);
        var days = Enumerable.Range(0, Period.Between(from, to, PeriodUnits.Days).Days + 1).Select(from.PlusDays)
            .Where(d => d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)).ToList();

        // A person's time already taken by kept sessions is not free: the engine sees it as unavailable only
        // when the whole day is taken, so clashes with kept sessions are checked again below, in real time.
        var busy = new SessionClashes();
        foreach (var k in kept)
        {
            busy.Add(k.Attendees.Select(a => a.PersonId).Append(k.HostId), k.Date, k.Slot, ZoneOf(k.TimeZone));
        }
        var roomBusy = kept.Where(k => k.RoomId is not null).Select(k => (k.RoomId!.Value, k.Date, k.Slot)).ToHashSet();
        var rooms = people.Values.Where(p => p.Office is not null).SelectMany(p => p.Office!.Rooms).DistinctBy(r => r.Id).ToList();

        var planned = 0;
        var unscheduled = new List<UnscheduledDto>();
        // Groups with a set day and time are booked there first: the engine places the rest around them.
        foreach (var demand in demands.Where(d => d.SetTime is not null))
        {
            if (BookAtSetTime(programId, demand, people, rooms, busy, roomBusy, now) is { } reason)
            {
                unscheduled.Add(new UnscheduledDto(demand.Title, reason));
            }
            else
            {
                planned++;
            }
        }
        var placedByEngine = demands.Where(d => d.SetTime is null).ToList();
        var groupIds = placedByEngine.Where(d => d.GroupId is not null).Select(d => d.GroupId!.Value).ToList();
        var placedGroups = await db.GroupActivities.Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);

        var request = new ScheduleRequest<int, int>(
            days,
            rooms.Select(r => new ScheduleRoom<int>(r.Id, r.Capacity)).ToList(),
            people.Values.Select(p => new SchedulePerson<int>(p.Id, p.EffectiveTimeZone,
                OfficeDays(p, presence, days).ToList(),
                presence.Where(d => d.PersonId == p.Id && d.Kind == PresenceKind.Unavailable).Select(d => d.Date).ToList())).ToList(),
            placedByEngine.Select(d => new ScheduleSession<int>(
                SessionKinds.FromName(d.Kind) ?? throw new InvalidOperationException($"no session kind \"{d.Kind}\""), d.HostId, d.Attendees)).ToList(),
            TimeSpan.FromSeconds(timeLimitSeconds));
        var result = placedByEngine.Count == 0
            ? new ScheduleResult<int>([], new Dictionary<int, string>(), 0, 0, true)
            : ScheduleEngine.Solve(request, engine.Value);

        for (var i = 0; i < placedByEngine.Count; i++)
        {
            if (result.Assignments[i] is not { } assignment)
            {
                continue;
            }
            var demand = placedByEngine[i];
            var date = assignment.Date;
            var slot = (DaySlot)assignment.Slot;
            int? roomId = assignment.Room?.Id;
            // A group's own room, when it has one and it is free then.
            if (demand.RoomId is { } own && !roomBusy.Contains((own, assignment.Date, (DaySlot)assignment.Slot)) && rooms.Any(r => r.Id == own))
            {
                roomId = own;
            }
            var host = people[demand.HostId];
            var room = roomId is null ? null : rooms.Single(r => r.Id == roomId);
            var zone = ZoneOf(host.EffectiveTimeZone);
            var attendees = demand.Attendees.Append(demand.HostId).ToList();
            if (busy.Clashes(attendees, date, slot, zone))
            {
                unscheduled.Add(new UnscheduledDto(demand.Title, "nobody free in that slot: a kept session takes it"));
                continue;
            }
            if (room is not null && (room.OfficeId != host.OfficeId || roomBusy.Contains((room.Id, date, slot))))
            {
                unscheduled.Add(new UnscheduledDto(demand.Title, "no room: none free in the host's office"));
                continue;
            }
            var (start, end) = SessionTimes.Place(demand.Kind, date, slot, zone,
                demand.Attendees.Select(a => DateTimeZoneProviders.Tzdb.GetZoneOrNull(people[a].EffectiveTimeZone ?? "") ?? zone));
            if (demand.GroupId is { } groupId && placedGroups.TryGetValue(groupId, out var group))
            {
                // The group lasts as long as it says, and from now on it has this one day and time.
                end = start.Plus(Duration.FromMinutes(group.DurationMinutes));
                group.Date = date;
                group.StartTime = start.InZone(zone).TimeOfDay;
            }
            var session = new ScheduledSession
            {
                ProgramId = programId, Kind = demand.Kind, Title = demand.Title, HostId = demand.HostId, Date = date, Slot = slot,
                Start = start, End = end, TimeZone = zone.Id, RoomId = roomId,
                Location = room is not null ? $"{room.Name}, {host.Office?.Name} office" : demand.InPerson ? $"{host.Office?.Name} office" : $"Video call: {VideoLink(programId, demand)}",
                Uid = $"{Guid.NewGuid():N}@mentoring", CreatedAt = now, MentorshipId = demand.MentorshipId, GroupActivityId = demand.GroupId,
                Attendees = demand.Attendees.Select(a => new SessionAttendee { PersonId = a }).ToList(),
            };
            db.Sessions.Add(session);
            busy.Add(attendees, date, slot, zone);
            if (roomId is { } taken)
            {
                roomBusy.Add((taken, date, slot));
            }
            planned++;
            Invite(session, people, now);
        }
        foreach (var (i, reason) in result.Unscheduled.OrderBy(u => u.Key))
        {
            unscheduled.Add(new UnscheduledDto(placedByEngine[i].Title, reason));
        }
        // A withdrawn proposal leaves everyone's calendar (METHOD:CANCEL); the new ones arrive as invitations.
        var withdrawnPeople = withdrawnSessions.SelectMany(w => w.Attendees.Select(a => a.PersonId).Append(w.HostId)).Where(id => !people.ContainsKey(id)).ToHashSet();
        foreach (var extra in await db.People.AsNoTracking().Where(p => withdrawnPeople.Contains(p.Id)).ToListAsync(cancellationToken))
        {
            people[extra.Id] = extra;
        }
        foreach (var withdrawn in withdrawnSessions)
        {
            await messages.CancelAsync(View(withdrawn, people), "the schedule was planned again", cancellationToken);
        }
        foreach (var session in invitations)
        {
            await messages.InviteAsync(View(session, people), update: false, cancellationToken);
        }
        invitations.Clear();
        await db.SaveChangesAsync(cancellationToken);
        return new PlanResult(planned, kept.Count, unscheduled, result.HostOfficeDays, result.AttendeeOfficeDays, result.Optimal && unscheduled.Count == result.Unscheduled.Count);
    }

    /// <summary>An attendee (or the host) answers; when every attendee accepted, the session is accepted and kept by re-planning.</summary>
    public async Task<Outcome<ScheduledSession>> RespondAsync(int sessionId, int personId, AttendeeResponse response, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.Include(s => s.Attendees).SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var attendee = session?.Attendees.SingleOrDefault(a => a.PersonId == personId);
        if (session is null || attendee is null)
        {
            return Outcome.Invalid("sessionId", "you are not invited to that session");
        }
        if (session.Status == SessionStatus.Cancelled)
        {
            return Outcome.Invalid("sessionId", "that session was withdrawn");
        }
        attendee.Response = response;
        attendee.RespondedAt = clock.GetCurrentInstant();
        var before = session.Status;
        session.Status = session.Attendees.All(a => a.Response == AttendeeResponse.Accepted) ? SessionStatus.Accepted : SessionStatus.Proposed;
        // Every answer is an update (the same UID, a higher SEQUENCE) carrying each attendee's PARTSTAT.
        session.Sequence++;
        _ = before;
        await messages.InviteAsync(await ViewAsync(session, cancellationToken), update: true, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>The admin or the host cancels a session: everyone gets METHOD:CANCEL with the same UID and the reason.</summary>
    public async Task<Outcome<ScheduledSession>> CancelAsync(int sessionId, int? personId, bool isAdmin, string? reason, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.Include(s => s.Attendees).SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || (!isAdmin && session.HostId != personId && session.Attendees.All(a => a.PersonId != personId)))
        {
            return Outcome.NotFound();
        }
        if (!isAdmin && session.HostId != personId)
        {
            return Outcome.Invalid("sessionId", "only the host or an admin can cancel a session; decline it instead");
        }
        if (session.Status == SessionStatus.Cancelled)
        {
            return Outcome.Invalid("sessionId", "that session is already cancelled");
        }
        reason = reason?.Trim();
        if (reason is { Length: > 500 })
        {
            return Outcome.Invalid("reason", "say why in 500 characters at most");
        }
        session.Status = SessionStatus.Cancelled;
        session.Sequence++;
        await messages.CancelAsync(await ViewAsync(session, cancellationToken), string.IsNullOrEmpty(reason) ? null : reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>A copy of a tracked session that carries its people, for the messages about it.</summary>
    private async Task<ScheduledSession> ViewAsync(ScheduledSession session, CancellationToken cancellationToken)
    {
        var ids = session.Attendees.Select(a => a.PersonId).Append(session.HostId).ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Office).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return View(session, people);
    }

    private static ScheduledSession View(ScheduledSession session, Dictionary<int, Person> people) => new()
    {
        Id = session.Id, ProgramId = session.ProgramId, Kind = session.Kind, Title = session.Title, HostId = session.HostId, Host = people[session.HostId],
        Date = session.Date, Slot = session.Slot, Start = session.Start, End = session.End, TimeZone = session.TimeZone, Location = session.Location,
        Uid = session.Uid, Sequence = session.Sequence, Status = session.Status,
        Attendees = session.Attendees.Select(a => new SessionAttendee { PersonId = a.PersonId, Person = people[a.PersonId], Response = a.Response }).ToList(),
    };

    /// <summary>A person declares a day in the office or unavailable; no kind clears it, so their office's policy applies again.</summary>
    public async Task SetPresenceAsync(int personId, LocalDate date, PresenceKind? kind, CancellationToken cancellationToken)
    {
        var day = await db.PresenceDays.SingleOrDefaultAsync(d => d.PersonId == personId && d.Date == date, cancellationToken);
        if (kind is null)
        {
            if (day is not null)
            {
                db.PresenceDays.Remove(day);
            }
        }
        else if (day is null)
        {
            db.PresenceDays.Add(new PresenceDay { PersonId = personId, Date = date, Kind = kind.Value });
        }
        else
        {
            day.Kind = kind.Value;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A group's own day, start time (in the host's zone) and length.</summary>
    private sealed record SetTime(LocalDate Date, LocalTime Start, int Minutes);

    private sealed record Demand(string Kind, string Title, int HostId, IReadOnlyList<int> Attendees, bool InPerson, int? MentorshipId, int? GroupId,
        SetTime? SetTime = null, int? RoomId = null);

    /// <summary>
    /// Books a group on its own day and time, in a free room of the host's office when in person (the
    /// office itself when none is free); the reason when it cannot be, since its time is not moved.
    /// </summary>
    private string? BookAtSetTime(int programId, Demand demand, Dictionary<int, Person> people, List<Room> rooms,
        SessionClashes busy, HashSet<(int, LocalDate, DaySlot)> roomBusy, Instant now)
    {
        var set = demand.SetTime!;
        var host = people[demand.HostId];
        var zone = ZoneOf(host.EffectiveTimeZone);
        var slot = set.Start.Hour < 12 ? DaySlot.Morning : set.Start.Hour < 13 ? DaySlot.Lunch : DaySlot.Afternoon;
        var attendees = demand.Attendees.Append(demand.HostId).ToList();
        if (busy.Clashes(attendees, set.Date, slot, zone))
        {
            return $"its set time, {Shared.Display.Day(set.Date)} at {set.Start.ToString("HH:mm", null)}, clashes with a kept session";
        }
        Room? room = null;
        if (demand.RoomId is { } own)
        {
            room = rooms.SingleOrDefault(r => r.Id == own);
            if (room is null || roomBusy.Contains((own, set.Date, slot)))
            {
                return $"its room is taken at its set time, {Shared.Display.Day(set.Date)} at {set.Start.ToString("HH:mm", null)}";
            }
        }
        else if (demand.InPerson)
        {
            room = rooms.Where(r => r.OfficeId == host.OfficeId && r.Capacity >= attendees.Count && !roomBusy.Contains((r.Id, set.Date, slot)))
                .OrderBy(r => r.Capacity).ThenBy(r => r.Id).FirstOrDefault();
        }
        var start = (set.Date + set.Start).InZoneLeniently(zone).ToInstant();
        var session = new ScheduledSession
        {
            ProgramId = programId, Kind = demand.Kind, Title = demand.Title, HostId = demand.HostId, Date = set.Date, Slot = slot,
            Start = start, End = start.Plus(Duration.FromMinutes(set.Minutes)), TimeZone = zone.Id, RoomId = room?.Id,
            Location = room is not null ? $"{room.Name}, {host.Office?.Name} office" : demand.InPerson ? $"{host.Office?.Name} office" : $"Video call: {VideoLink(programId, demand)}",
            Uid = $"{Guid.NewGuid():N}@mentoring", CreatedAt = now, GroupActivityId = demand.GroupId,
            Attendees = demand.Attendees.Select(a => new SessionAttendee { PersonId = a }).ToList(),
        };
        db.Sessions.Add(session);
        busy.Add(attendees, set.Date, slot, zone);
        if (room is not null)
        {
            roomBusy.Add((room.Id, set.Date, slot));
        }
        Invite(session, people, now);
        return null;
    }

    private async Task<List<Demand>> DemandsAsync(int programId, List<ScheduledSession> kept, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var keptMentorships = kept.Where(k => k.MentorshipId is not null).Select(k => k.MentorshipId!.Value).ToHashSet();
        var keptGroups = kept.Where(k => k.GroupActivityId is not null).Select(k => k.GroupActivityId!.Value).ToHashSet();
        var mentorships = await db.Mentorships.AsNoTracking().Include(m => m.Mentor).Include(m => m.Mentee)
            .Where(m => m.ProgramId == programId && m.Status == MentorshipStatus.Active).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var modes = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId).ToDictionaryAsync(e => e.PersonId, e => e.Mode, cancellationToken);
        var demands = new List<Demand>();
        foreach (var m in mentorships.Where(m => !keptMentorships.Contains(m.Id)))
        {
            var inPerson = m.Mentor!.OfficeId is not null && m.Mentor.OfficeId == m.Mentee!.OfficeId
                && Profiles.ProfileFormats.MeetsInPerson(modes.GetValueOrDefault(m.MentorId), m.Mentor)
                && Profiles.ProfileFormats.MeetsInPerson(modes.GetValueOrDefault(m.MenteeId), m.Mentee);
            demands.Add(inPerson
                ? new Demand(ActivityFormats.Lunch, $"Lunch: {m.Mentor.Name} and {m.Mentee!.Name}", m.MentorId, [m.MenteeId], true, m.Id, null)
                : new Demand(ActivityFormats.VirtualCheckin, $"Check-in: {m.Mentor.Name} and {m.Mentee!.Name}", m.MentorId, [m.MenteeId], false, m.Id, null));
        }
        var groups = await db.GroupActivities.AsNoTracking().Include(g => g.Members)
            .Where(g => g.ProgramId == programId).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        // A group with a day is booked on it when it falls in the period, and not otherwise.
        foreach (var g in groups.Where(g => !keptGroups.Contains(g.Id) && g.Members.Count > 0 && (g.Date is null || (g.Date >= from && g.Date <= to))))
        {
            demands.Add(new Demand(g.Kind, g.Title, g.HostId, g.Members.Select(m => m.PersonId).ToList(), ActivityFormats.IsInPerson(g.Kind), null, g.Id,
                g.Date is { } date ? new SetTime(date, g.StartTime, g.DurationMinutes) : null, g.RoomId));
        }
        return demands;
    }

    /// <summary>The days a person is in: the days they declared, else their office's policy weekdays.</summary>
    private static IEnumerable<LocalDate> OfficeDays(Person person, List<PresenceDay> presence, List<LocalDate> days)
    {
        var declared = presence.Where(d => d.PersonId == person.Id && d.Kind == PresenceKind.InOffice).Select(d => d.Date).ToList();
        if (declared.Count > 0)
        {
            return declared;
        }
        var policy = person.Office?.OfficeDays ?? [];
        return person.Office is null ? [] : days.Where(d => policy.Contains(d.DayOfWeek));
    }

    private void Invite(ScheduledSession session, Dictionary<int, Person> people, Instant now)
    {
        // Written once the pass is done (see PlanAsync), from a copy that carries the people, so the
        // tracked session stays free of the (untracked) people graph.
        _ = (people, now);
        invitations.Add(session);
    }

    /// <summary>A stored zone id as a zone; UTC when it is unknown, as the engine takes a host without one.</summary>
    private static DateTimeZone ZoneOf(string? zoneId) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId ?? "") ?? DateTimeZone.Utc;

    private static string VideoLink(int programId, Demand demand) =>
        CallRooms.SessionLink([programId, demand.HostId, .. demand.Attendees]);

}
