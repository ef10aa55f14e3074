using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// A program's report as it stood at the end of one week, kept so that trends draw without
/// recomputing history: one per program and week.
/// </summary>
public sealed class ReportSnapshot
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>The Monday of the week the snapshot closes.</summary>
    public LocalDate WeekStart { get; set; }

    /// <summary>The report's date: the Sunday that ends the week.</summary>
    public LocalDate AsOf { get; set; }

    public Instant TakenAt { get; set; }

    /// <summary>The report's JSON, as the API answers it.</summary>
    public required string Report { get; set; }
}
