using NodaTime;

namespace Mentoring.Domain;

/// <summary>What a program runs: classic or reverse mentoring, coffee roulette, or group formats.</summary>
public enum ProgramKind
{
    Mentoring,
    ReverseMentoring,
    CoffeeRoulette,
    Group,
}

/// <summary>Where a program is in its life.</summary>
public enum ProgramStatus
{
    Draft,
    Active,
    Completed,
    Archived,

    /// <summary>Running small, within its scope (one pair, team, department or office), before it is expanded.</summary>
    Pilot,

    /// <summary>The pilot has run; its results are being weighed. It may go back to pilot or be expanded.</summary>
    Evaluating,
}

/// <summary>How far a pilot reaches.</summary>
public enum ScopeKind
{
    /// <summary>Two people, by their HR ids.</summary>
    Pair,

    /// <summary>A manager (by HR id) and their direct reports.</summary>
    Team,

    Department,

    Office,
}

/// <summary>
/// A mentoring program: a purpose tied to the company's values, a kind, a status and dates.
/// Named MentoringProgram because Program is the entry point.
/// </summary>
public sealed class MentoringProgram
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Why the program exists, in the words leadership signed off.</summary>
    public string Purpose { get; set; } = "";

    public ProgramKind Kind { get; set; }

    public ProgramStatus Status { get; set; } = ProgramStatus.Draft;

    public LocalDate? StartDate { get; set; }

    public LocalDate? EndDate { get; set; }

    public List<Enrollment> Enrollments { get; set; } = [];

    public MatchingSettings Matching { get; set; } = new();

    public RouletteSettings Roulette { get; set; } = new();

    public HealthRule Health { get; set; } = new();
    /// <summary>While a pilot (or evaluating it): who it reaches. Nobody outside it can be enrolled.</summary>
    public ScopeKind? PilotScopeKind { get; set; }

    public string? PilotScopeValue { get; set; }

    /// <summary>The executive sponsor: the program's champion, who sees its aggregates.</summary>
    public int? SponsorId { get; set; }

    public Person? Sponsor { get; set; }

    /// <summary>k: survey results are shown only for groups of at least this many respondents (never below 3).</summary>
    public int SurveyMinimumGroup { get; set; } = DefaultSurveyMinimumGroup;

    /// <summary>Send the start, middle and end surveys by itself on those dates.</summary>
    public bool AutoSurveys { get; set; } = true;

    public List<SuccessCriterion> Criteria { get; set; } = [];

    public List<ProgramTransition> Transitions { get; set; } = [];

    public const int DefaultSurveyMinimumGroup = 5;

    public const int LowestSurveyMinimumGroup = 3;

    /// <summary>The statuses of a program that is running: live, piloting, or its pilot being weighed.</summary>
    public static readonly ProgramStatus[] RunningStatuses = [ProgramStatus.Active, ProgramStatus.Pilot, ProgramStatus.Evaluating];

    /// <summary>A pilot keeps to its scope, also while it is being evaluated.</summary>
    public bool IsScoped => Status is ProgramStatus.Pilot or ProgramStatus.Evaluating && PilotScopeKind is not null;

    /// <summary>In reverse mentoring the junior is the mentor and the executive the mentee.</summary>
    public bool IsReverse => Kind == ProgramKind.ReverseMentoring;
}
