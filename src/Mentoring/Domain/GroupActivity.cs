using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// A group format led by a senior: a group lunch, a group-mentoring cohort, or an in-person or
/// virtual coworking session. Members are chosen by the groups engine: those who need it most
/// first, teams mixed, earlier groupings not repeated.
/// </summary>
public sealed class GroupActivity
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>One of the group formats: group-lunch, group-mentoring, coworking, virtual-coworking.</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }

    public int HostId { get; set; }

    public Person? Host { get; set; }

    public int Capacity { get; set; }

    public LocalDate? Date { get; set; }

    /// <summary>When it starts, local to the host; coworking check-ins are planned from here.</summary>
    public LocalTime StartTime { get; set; } = new(10, 0);

    public int DurationMinutes { get; set; } = 120;

    /// <summary>In person: the room of the host's office it meets in, when one was chosen; else the office itself.</summary>
    public int? RoomId { get; set; }

    public Room? Room { get; set; }

    /// <summary>Coworking: the host checks in with each member this often.</summary>
    public int CheckInEveryMinutes { get; set; } = 30;

    public Instant CreatedAt { get; set; }

    public List<GroupMember> Members { get; set; } = [];

    public static IReadOnlyList<string> Kinds { get; } =
        [ActivityFormats.GroupLunch, ActivityFormats.GroupMentoring, ActivityFormats.Coworking, ActivityFormats.VirtualCoworking];

    public bool IsCoworking => Kind is ActivityFormats.Coworking or ActivityFormats.VirtualCoworking;
}

/// <summary>A member of a group, with their goal for the session and whether they asked the host to check in.</summary>
public sealed class GroupMember
{
    public int Id { get; set; }

    public int ActivityId { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    public int Priority { get; set; }

    public string SessionGoal { get; set; } = "";

    public Instant? CheckInRequestedAt { get; set; }
}
