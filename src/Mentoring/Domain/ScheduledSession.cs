using NodaTime;

namespace Mentoring.Domain;

/// <summary>The three slots of an office day, as the engine contract names them.</summary>
public enum DaySlot
{
    Morning,
    Lunch,
    Afternoon,
}

/// <summary>Where a planned session stands.</summary>
public enum SessionStatus
{
    /// <summary>Planned by the schedule; waiting for the attendees.</summary>
    Proposed,

    /// <summary>Everyone accepted; re-planning keeps it where it is.</summary>
    Accepted,

    Cancelled,
}

/// <summary>An attendee's answer to a proposed session.</summary>
public enum AttendeeResponse
{
    Pending,
    Accepted,
    Declined,
    AnotherTime,
}

/// <summary>
/// A session on the calendar: a lunch, group session, coworking or virtual check-in or coffee, on a
/// day and slot, in a room or by video. Its moments are Instants; the zone it was planned in (the
/// host's) is kept to show and export it as the host planned it.
/// </summary>
public sealed class ScheduledSession
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>A session kind from the engine contract (lunch, group-lunch, coworking, virtual-checkin, …).</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }

    public int HostId { get; set; }

    public Person? Host { get; set; }

    public LocalDate Date { get; set; }

    public DaySlot Slot { get; set; }

    public Instant Start { get; set; }

    public Instant End { get; set; }

    /// <summary>The IANA zone the session was planned in: the host's.</summary>
    public required string TimeZone { get; set; }

    public int? RoomId { get; set; }

    public Room? Room { get; set; }

    public string? Location { get; set; }

    public SessionStatus Status { get; set; } = SessionStatus.Proposed;

    /// <summary>The calendar identity (RFC 5545 UID) and revision (SEQUENCE), so updates replace the old entry.</summary>
    public required string Uid { get; set; }

    public int Sequence { get; set; }

    /// <summary>What the session is for: the mentorship or group it serves.</summary>
    public int? MentorshipId { get; set; }

    public int? GroupActivityId { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>Set when one of the pair logged the session afterwards rather than the schedule planning it.</summary>
    public int? LoggedById { get; set; }

    public Instant? LoggedAt { get; set; }

    /// <summary>What the session is about, and the notes both sides see (private notes are MentorshipNote rows).</summary>
    [PrivateText]
    public string? Agenda { get; set; }

    [PrivateText]
    public string? SharedNotes { get; set; }

    public List<SessionAttendee> Attendees { get; set; } = [];

    public bool InPerson => ActivityFormats.IsInPerson(Kind);
}

/// <summary>Someone invited to a session (the host is not listed here), and their answer.</summary>
public sealed class SessionAttendee
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    public AttendeeResponse Response { get; set; } = AttendeeResponse.Pending;

    public Instant? RespondedAt { get; set; }
}

/// <summary>A person's plan for one day: in the office, or not available at all.</summary>
public enum PresenceKind
{
    InOffice,
    Unavailable,
}

/// <summary>A person's declared presence on a date (their office's policy days apply when they declared none).</summary>
public sealed class PresenceDay
{
    public int Id { get; set; }

    public int PersonId { get; set; }

    public LocalDate Date { get; set; }

    public PresenceKind Kind { get; set; }
}
