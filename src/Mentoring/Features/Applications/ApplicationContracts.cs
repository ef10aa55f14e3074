using System.Text.Json;
using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Applications;

/// <summary>One question as the admin writes it; <see cref="Id"/> keeps an existing question (and its answers) when the form is saved again.</summary>
public sealed record QuestionInput
{
    public int? Id { get; init; }

    public string? Text { get; init; }

    /// <summary><c>short-text</c>, <c>long-text</c>, <c>single-choice</c>, <c>multiple-choice</c> or <c>scale</c> (1 to 5).</summary>
    public QuestionKind? Kind { get; init; }

    public bool Required { get; init; }

    /// <summary>The choices, for single and multiple choice.</summary>
    public List<string>? Options { get; init; }

    /// <summary>What matching reads the answer as: <c>none</c>, <c>goals</c>, <c>interests</c>, <c>skills</c> or <c>values</c>.</summary>
    public AnswerMapping? MapsTo { get; init; }
}

/// <summary>Places per role; null is no limit, 0 is a role the program does not take.</summary>
public sealed record RoleCapacity
{
    public RoleCapacity()
    {
    }

    public RoleCapacity(int? mentor, int? mentee, int? participant) => (Mentor, Mentee, Participant) = (mentor, mentee, participant);

    public int? Mentor { get; init; }

    public int? Mentee { get; init; }

    public int? Participant { get; init; }
}

/// <summary>The application form, as <c>PUT /api/programs/{id}/application-form</c> takes it.</summary>
public sealed record ApplicationFormInput
{
    public bool IsOpen { get; init; }

    /// <summary>First day applications are taken (yyyy-MM-dd), in <see cref="TimeZone"/>.</summary>
    public DateOnly? OpensOn { get; init; }

    /// <summary>Last day applications are taken (yyyy-MM-dd), in <see cref="TimeZone"/>.</summary>
    public DateOnly? ClosesOn { get; init; }

    /// <summary>The zone the dates are days in; the admin's own when not given.</summary>
    public string? TimeZone { get; init; }

    /// <summary><c>automatic</c> or <c>admin</c>.</summary>
    public ApprovalMode Approval { get; init; }

    public RoleCapacity? Capacity { get; init; }

    public string? Intro { get; init; }

    public List<QuestionInput>? Questions { get; init; }
}

public sealed record QuestionDto(int Id, string Text, QuestionKind Kind, bool Required, IReadOnlyList<string> Options, AnswerMapping MapsTo)
{
    public static QuestionDto From(ApplicationQuestion q) => new(q.Id, q.Text, q.Kind, q.Required, q.Options, q.MapsTo);
}

public sealed record ApplicationFormDto(
    int ProgramId, string ProgramName, bool IsOpen, bool OpenToday, LocalDate? OpensOn, LocalDate? ClosesOn, string TimeZone,
    ApprovalMode Approval, RoleCapacity Capacity, string Intro, IReadOnlyList<QuestionDto> Questions);

/// <summary>A program taking applications, as the person sees it.</summary>
public sealed record OpenProgramDto(
    int ProgramId, string Name, string Purpose, ProgramKind Kind, LocalDate? ClosesOn, IReadOnlyList<EnrollmentRole> Roles,
    EnrollmentRole DefaultRole, ApplicationDto? Mine);

/// <summary>One answer in a request: a string, a number from 1 to 5, or a list of strings, by the question's kind.</summary>
public sealed record AnswerInput
{
    public int QuestionId { get; init; }

    public JsonElement Value { get; init; }
}

/// <summary>The body of <c>POST /api/programs/{id}/applications</c>.</summary>
public sealed record ApplyInput
{
    /// <summary><c>mentor</c>, <c>mentee</c> or <c>participant</c>; the program's usual role when not given.</summary>
    public string? Role { get; init; }

    public List<AnswerInput>? Answers { get; init; }
}

/// <summary>Where an application stands.</summary>
public enum ApplicationStatus
{
    Submitted,
    Approved,
    Waitlisted,
    Declined,
    Withdrawn,
}

public sealed record AnswerDto(int QuestionId, string Question, IReadOnlyList<string> Values, AnswerMapping MapsTo);

public sealed record ApplicationDto(
    int Id, int ProgramId, string ProgramName, int PersonId, string PersonName, EnrollmentRole Role, ApplicationStatus Status,
    int? WaitlistPlace, Instant? AppliedAt, Instant? DecidedAt, Instant? WithdrawnAt, IReadOnlyList<AnswerDto> Answers);

/// <summary>Places taken in a role against its capacity, and who waits.</summary>
public sealed record RoleCount(EnrollmentRole Role, int Enrolled, int? Capacity, int Waitlisted, int Submitted);

/// <summary>The admin's review of a program's applications.</summary>
public sealed record ApplicationReview(ApplicationFormDto Form, IReadOnlyList<RoleCount> Counts, IReadOnlyList<ApplicationDto> Applications);
