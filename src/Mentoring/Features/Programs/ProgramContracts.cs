using System.ComponentModel.DataAnnotations;
using Mentoring.Domain;

namespace Mentoring.Features.Programs;

public sealed record ProgramDto(
    int Id, string Name, string Purpose, ProgramKind Kind, ProgramStatus Status, DateOnly? StartDate, DateOnly? EndDate,
    int Mentors, int Mentees, int Participants)
{
    public static ProgramDto From(MentoringProgram p) => new(
        p.Id, p.Name, p.Purpose, p.Kind, p.Status, p.StartDate?.ToDateOnly(), p.EndDate?.ToDateOnly(),
        p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentor),
        p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentee),
        p.Enrollments.Count(e => e.Role == EnrollmentRole.Participant));
}

public sealed record ProgramInput
{
    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; init; } = "";

    [StringLength(4000)]
    public string Purpose { get; init; } = "";

    public ProgramKind Kind { get; init; }

    /// <summary>
    /// Left out (or the same as now), the status stays. Another status is a step of the program's life,
    /// by the same rule as <c>POST /api/programs/{id}/transition</c>; a pilot needs its scope there.
    /// </summary>
    public ProgramStatus? Status { get; init; }

    [Display(Name = "Start date")]
    public DateOnly? StartDate { get; init; }

    [Display(Name = "End date")]
    public DateOnly? EndDate { get; init; }
}

public sealed record EnrollmentDto(
    int Id, int ProgramId, int PersonId, string PersonName, EnrollmentRole Role, int Capacity, MeetingMode Mode,
    IReadOnlyList<string> PreferredFormats, string Goals)
{
    public static EnrollmentDto From(Enrollment e) => new(
        e.Id, e.ProgramId, e.PersonId, e.Person?.Name ?? "", e.Role, e.Capacity, e.Mode, e.PreferredFormats, e.Goals);
}

public sealed record EnrollmentInput
{
    public int PersonId { get; init; }

    public EnrollmentRole Role { get; init; }

    [Range(0, 50)]
    public int Capacity { get; init; } = 1;

    public MeetingMode Mode { get; init; } = MeetingMode.Either;

    public List<string>? PreferredFormats { get; init; }

    [StringLength(4000)]
    public string Goals { get; init; } = "";
}
