using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// Someone on the company roster, imported from HR (keyed by <see cref="ExternalId"/>) or added
/// by hand. Mentors, mentees, participants and sponsors are all people; their role lives on the
/// <see cref="Enrollment"/> in a program and on the sign-in account.
/// </summary>
public sealed class Person
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;

    /// <summary>Juniors are the first two levels: the people mentoring should reach first.</summary>
    public const int JuniorMaxLevel = 2;

    /// <summary>Seniors, from level 3 up, mentor and host groups.</summary>
    public const int SeniorMinLevel = JuniorMaxLevel + 1;

    public int Id { get; set; }

    /// <summary>The HR system's id (e.g. EmployeeNumber); imports match on it.</summary>
    public required string ExternalId { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public string? Department { get; set; }

    public string? JobTitle { get; set; }

    /// <summary>Seniority from 1 (junior) to 5 (executive).</summary>
    public int Level { get; set; } = MinLevel;

    public bool IsJunior => Level <= JuniorMaxLevel;

    public int? OfficeId { get; set; }

    public Office? Office { get; set; }

    /// <summary>IANA time-zone id, e.g. <c>Europe/London</c>; the office's zone when not set.</summary>
    public string? TimeZone { get; set; }

    public int? ManagerId { get; set; }

    public Person? Manager { get; set; }

    public LocalDate? HireDate { get; set; }

    public List<string> Interests { get; set; } = [];

    public List<string> Skills { get; set; } = [];

    public List<string> Values { get; set; } = [];

    // The profile a person keeps themselves (My profile); matching and scheduling read it.

    /// <summary>What they hope to get from mentoring, e.g. "public speaking".</summary>
    public List<string> HopesToGet { get; set; } = [];

    /// <summary>What they hope to give, e.g. "code review".</summary>
    public List<string> HopesToGive { get; set; } = [];

    /// <summary>Languages they can hold a conversation in, as they name them.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Their own working day in local time; 09:00–17:00 when not set.</summary>
    public LocalTime? WorkdayStart { get; set; }

    public LocalTime? WorkdayEnd { get; set; }

    /// <summary>The activity formats they would rather take part in (<see cref="ActivityFormats"/>).</summary>
    public List<string> PreferredFormats { get; set; } = [];

    /// <summary>How they like to be reached: <see cref="ContactChannels"/>, in order of preference.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Further HR columns kept as they came (e.g. Attrition, YearsAtCompany), for reports.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    public bool Active { get; set; } = true;

    /// <summary>When the person was deactivated (left); retention pseudonymises leavers a set time after.</summary>
    public Instant? DeactivatedAt { get; set; }

    /// <summary>When the person was erased: name, e-mail and texts gone, the record kept for the figures.</summary>
    public Instant? ErasedAt { get; set; }

    /// <summary>The secret in this person's calendar subscription URL; a new one revokes the old.</summary>
    [NotAudited]
    public string? CalendarToken { get; set; }

    /// <summary>Lower-case name, e-mail, id and title, so that search is one LIKE on every database.</summary>
    [AuditIgnored]
    public string SearchText { get; private set; } = "";

    public void RefreshSearchText() =>
        SearchText = string.Join(' ', new[] { Name, Email, ExternalId, JobTitle, Department }
            .Where(s => !string.IsNullOrWhiteSpace(s))).ToLowerInvariant();

    /// <summary>The zone this person works in: their own, else their office's.</summary>
    public string? EffectiveTimeZone => TimeZone ?? Office?.TimeZone;
}
