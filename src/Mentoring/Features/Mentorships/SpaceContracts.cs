using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Mentorships;

public sealed record PlanInput
{
    public PlanCadence? Cadence { get; init; }

    /// <summary>A day of the week in English, e.g. "Tuesday".</summary>
    public string? Day { get; init; }

    /// <summary>HH:mm, in <see cref="TimeZone"/> (the author's zone when left out).</summary>
    public string? Time { get; init; }

    public List<string>? Channels { get; init; }

    public string? Norms { get; init; }

    public string? Confidentiality { get; init; }

    public DateOnly? EndDate { get; init; }

    public string? TimeZone { get; init; }
}

/// <summary>The plan's day and time as one of the pair sees it, in their own zone.</summary>
public sealed record PlanTimeDto(int PersonId, string Name, string TimeZone, IsoDayOfWeek Day, string Time);

public sealed record PlanVersionDto(
    int Version, PlanCadence Cadence, IsoDayOfWeek Day, string Time, string TimeZone, IReadOnlyList<string> Channels, string Norms,
    string Confidentiality, DateOnly? EndDate, int CreatedById, DateTimeOffset CreatedAt, IReadOnlyList<int> ConfirmedBy);

public sealed record PlanDto(
    int Id, int? MentorshipId, int Version, PlanCadence Cadence, IsoDayOfWeek Day, string Time, string TimeZone, IReadOnlyList<string> Channels,
    string Norms, string Confidentiality, DateOnly? EndDate, int CreatedById, DateTimeOffset CreatedAt, IReadOnlyList<int> ConfirmedBy,
    bool ConfirmedByBoth, IReadOnlyList<PlanTimeDto> InEachZone, IReadOnlyList<PlanVersionDto> Versions, int? GroupId = null);

public sealed record GoalInput
{
    public string? Title { get; init; }

    public string? Why { get; init; }

    public string? Measure { get; init; }

    public DateOnly? TargetDate { get; init; }

    public bool? ProgressFromMilestones { get; init; }
}

public sealed record GoalUpdate
{
    public string? Title { get; init; }

    public string? Why { get; init; }

    public string? Measure { get; init; }

    public DateOnly? TargetDate { get; init; }

    public int? Progress { get; init; }

    public GoalStatus? Status { get; init; }

    public bool? ProgressFromMilestones { get; init; }
}

public sealed record MilestoneInput
{
    public string? Title { get; init; }

    public DateOnly? DueDate { get; init; }
}

public sealed record MilestoneDto(int Id, int GoalId, string Title, DateOnly? DueDate, bool Done, DateTimeOffset? DoneAt);

public sealed record GoalDto(
    int Id, int? MentorshipId, string Title, string Why, string Measure, DateOnly? TargetDate, GoalStatus Status, int Progress,
    bool ProgressFromMilestones, int CreatedById, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, IReadOnlyList<MilestoneDto> Milestones, int? GroupId = null);

public enum SessionMode
{
    InPerson,
    Virtual,
}

public sealed record LogSessionInput
{
    public DateOnly? On { get; init; }

    public SessionMode? Mode { get; init; }

    /// <summary>HH:mm in the caller's zone; noon when left out.</summary>
    public string? Time { get; init; }

    public int? Minutes { get; init; }

    public string? Title { get; init; }

    public string? Agenda { get; init; }

    public string? SharedNotes { get; init; }

    /// <summary>The caller's own notes: a private note on the session, theirs only.</summary>
    public string? PrivateNotes { get; init; }
}

public sealed record SessionNotesInput
{
    public string? Agenda { get; init; }

    public string? SharedNotes { get; init; }
}

public sealed record RatingInput
{
    public int? Rating { get; init; }
}

public sealed record NoteDto(int Id, int? SessionId, int AuthorId, string AuthorName, string Text, NoteVisibility Visibility, DateTimeOffset CreatedAt);

public sealed record SpaceSessionDto(
    int Id, DateOnly On, DateTimeOffset Start, string Kind, SessionMode Mode, string Title, bool Logged, string? Agenda, string? SharedNotes,
    int? MyRating, int Ratings, IReadOnlyList<NoteDto> MyPrivateNotes);

public sealed record NoteInput
{
    public string? Text { get; init; }

    public NoteVisibility? Visibility { get; init; }

    public int? SessionId { get; init; }
}

public sealed record ReflectionInput
{
    public ReflectionStage? Stage { get; init; }

    public string? Text { get; init; }

    public NoteVisibility? Visibility { get; init; }
}

public sealed record ReflectionDto(int Id, int AuthorId, string AuthorName, ReflectionStage Stage, string Text, NoteVisibility Visibility, DateTimeOffset CreatedAt);

public sealed record CheckInInput
{
    public DateOnly? On { get; init; }

    public bool? Met { get; init; }

    public int? Rating { get; init; }

    public string? Note { get; init; }

    public int? SessionId { get; init; }
}

public sealed record CheckInDto(int Id, int AuthorId, string AuthorName, DateOnly On, bool Met, int? Rating, string? Note, int? SessionId, DateTimeOffset CreatedAt);

public sealed record FitInput
{
    public FitVerdict? Answer { get; init; }

    public string? Comment { get; init; }
}

/// <summary>The caller's own fit answer, with their own comment.</summary>
public sealed record FitDto(int Id, FitVerdict Answer, string? Comment, DateTimeOffset At);

public sealed record CloseInput
{
    public string? Reason { get; init; }

    public string? Reflection { get; init; }
}

public sealed record ActionItemInput
{
    public string? Text { get; init; }

    /// <summary>The mentor or the mentee; the caller when left out.</summary>
    public int? OwnerId { get; init; }

    public DateOnly? DueDate { get; init; }

    public int? GoalId { get; init; }

    public int? SessionId { get; init; }
}

public sealed record ActionItemDto(int Id, int? GoalId, int? SessionId, string Text, int OwnerId, string OwnerName, DateOnly? DueDate, bool Done, DateTimeOffset? DoneAt);

public sealed record SpacePerson(int Id, string Name, string TimeZone);

/// <summary>The pair's space as one of them sees it: the other person, the status, and what they may do.</summary>
public sealed record SpaceDto(
    int Id, int ProgramId, string ProgramName, MentorshipStatus Status, string MyRole, SpacePerson Me, SpacePerson Other, SpacePerson Mentor,
    SpacePerson Mentee, DateOnly Started, DateOnly? Ended, string? CloseReason, int? ClosedById);

/// <summary>A group cohort's space as one of its people sees it: the host, the members, and who the caller is.</summary>
public sealed record GroupSpaceDto(
    int Id, int ProgramId, string ProgramName, string Kind, string Title, string MyRole, SpacePerson Me, SpacePerson Host, IReadOnlyList<SpacePerson> Members,
    DateOnly Started);

public enum RelationshipHealth
{
    OnTrack,
    NeedsCheckIn,
    AtRisk,
    TooEarly,
}

/// <summary>A pair's health as the admin sees it: counts, dates and flags, never a text the pair wrote.</summary>
public sealed record HealthDto(
    int MentorshipId, int MentorId, string MentorName, int MenteeId, string MenteeName, RelationshipHealth Health, DateOnly? LastCheckIn,
    IReadOnlyList<string> Reasons, PlanCadence Cadence, bool PlanConfirmed, int CheckIns, int ExpectedCheckIns, int MissedPeriods, int GoalsSet,
    int GoalsDone, double? MeanRating, bool NotAGoodFit, bool AdminTold, IReadOnlyList<string> IgnoredReminders);

/// <summary>A group's health as the admin sees it: counts, dates, names and flags, never a text the group wrote.</summary>
public sealed record GroupHealthDto(
    int GroupId, string Kind, string Title, int HostId, string HostName, IReadOnlyList<string> Members, RelationshipHealth Health, DateOnly? LastMeeting,
    IReadOnlyList<string> Reasons, PlanCadence Cadence, int Meetings, int ExpectedMeetings, int MissedPeriods, int GoalsSet, int GoalsDone, double? MeanRating,
    IReadOnlyList<string> StoppedComing, bool AdminTold);
