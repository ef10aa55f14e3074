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

    /// <summary>In reverse mentoring the junior is the mentor and the executive the mentee.</summary>
    public bool IsReverse => Kind == ProgramKind.ReverseMentoring;
}
