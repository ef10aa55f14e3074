namespace Mentoring.Domain;

/// <summary>The part a person plays in one program.</summary>
public enum EnrollmentRole
{
    Mentor,
    Mentee,
    Participant,
}

/// <summary>Whether a person wants to meet in person, by video, or either.</summary>
public enum MeetingMode
{
    Either,
    InPerson,
    Virtual,
}

/// <summary>
/// Where a person stands in a program. Only <see cref="Active"/> counts as enrolled (the model's
/// query filter hides the rest); the others keep the row, its goals, preferences and answers.
/// </summary>
public enum EnrollmentStatus
{
    Active,
    Withdrawn,

    /// <summary>Applied, waiting for the admin.</summary>
    Submitted,

    /// <summary>Applied, waiting for a place in their role.</summary>
    Waitlisted,

    Declined,
}

/// <summary>The model's query filter on enrollments, by name, for the queries that read past it.</summary>
public static class EnrollmentFilter
{
    /// <summary>Hides enrollments that are not active (withdrawn, applied, waitlisted, declined).</summary>
    public const string ActiveOnly = "ActiveOnly";
}

/// <summary>A person in a program as mentor, mentee or participant, with capacity and preferences.</summary>
public sealed class Enrollment
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public MentoringProgram? Program { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    public EnrollmentRole Role { get; set; }

    /// <summary>For mentors: how many mentees (or group members) they take at once.</summary>
    public int Capacity { get; set; } = 1;

    public MeetingMode Mode { get; set; } = MeetingMode.Either;

    /// <summary>Activity formats this person prefers, by kind (e.g. <c>lunch</c>, <c>virtual-coffee</c>).</summary>
    public List<string> PreferredFormats { get; set; } = [];

    /// <summary>What the person hopes to get from (or give to) the program.</summary>
    public string Goals { get; set; } = "";

    /// <summary>A manager flagged this mentee as wanting support: they go first in matching.</summary>
    public bool FlaggedForSupport { get; set; }

    /// <summary>Coffee roulette: left the draw (the enrollment and its history stay).</summary>
    public bool OptedOut { get; set; }

    /// <summary>Coffee roulette: not drawn until this date (holidays, busy weeks).</summary>
    public NodaTime.LocalDate? PausedUntil { get; set; }

    /// <summary>Coffee roulette: how often this person wants a coffee; the program's cadence when not set.</summary>
    public RouletteCadence? Cadence { get; set; }

    /// <summary>Coffee roulette: willing to meet people from other offices (else drawn within their own).</summary>
    public bool MeetOtherOffices { get; set; } = true;

    /// <summary>Coffee roulette: willing to meet people from other departments (else drawn within their own).</summary>
    public bool MeetOtherDepartments { get; set; } = true;

    /// <summary>Coffee roulette: willing to meet people of other levels (else drawn within their own).</summary>
    public bool MeetOtherLevels { get; set; } = true;

    public EnrollmentStatus Status { get; set; } = EnrollmentStatus.Active;

    /// <summary>When the person applied (null for people the admin enrolled).</summary>
    public NodaTime.Instant? AppliedAt { get; set; }

    /// <summary>When the application was approved or declined.</summary>
    public NodaTime.Instant? DecidedAt { get; set; }

    public NodaTime.Instant? WithdrawnAt { get; set; }

    /// <summary>The account that withdrew the enrollment (the person themself or an admin).</summary>
    public string? WithdrawnBy { get; set; }

    /// <summary>What the person answered on the program's application form.</summary>
    public List<ApplicationAnswer> Answers { get; set; } = [];
}
