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
}
