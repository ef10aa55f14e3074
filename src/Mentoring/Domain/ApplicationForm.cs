using NodaTime;

namespace Mentoring.Domain;

/// <summary>The kinds of question an application form can ask.</summary>
public enum QuestionKind
{
    ShortText,
    LongText,
    SingleChoice,
    MultipleChoice,

    /// <summary>A number from 1 to 5.</summary>
    Scale,
}

/// <summary>Which part of a person's profile for the program an answer feeds, for matching.</summary>
public enum AnswerMapping
{
    None,
    Goals,
    Interests,
    Skills,
    Values,
}

/// <summary>Whether applications are approved as they come or by the admin.</summary>
public enum ApprovalMode
{
    Automatic,
    Admin,
}

/// <summary>One question of an application form.</summary>
public sealed class ApplicationQuestion
{
    /// <summary>Stable within the form, so answers keep pointing at their question when the form changes.</summary>
    public int Id { get; set; }

    public string Text { get; set; } = "";

    public QuestionKind Kind { get; set; }

    public bool Required { get; set; }

    /// <summary>The choices offered, for single and multiple choice.</summary>
    public List<string> Options { get; set; } = [];

    public AnswerMapping MapsTo { get; set; }
}

/// <summary>An answer as kept on the enrollment: text, a number or a list, flattened to strings.</summary>
public sealed class ApplicationAnswer
{
    public int QuestionId { get; set; }

    /// <summary>The question as it was asked, so that the answer still reads right if the form changes.</summary>
    public string Question { get; set; } = "";

    public List<string> Values { get; set; } = [];

    /// <summary>The question's mapping, kept in step with the form, so that matching reads it from the enrollment.</summary>
    public AnswerMapping MapsTo { get; set; }
}

/// <summary>
/// A program's application form: its questions, when it is open, how applications are approved and
/// how many places each role has.
/// </summary>
public sealed class ApplicationForm
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public MentoringProgram? Program { get; set; }

    /// <summary>Taking applications (within the dates, when they are set).</summary>
    public bool IsOpen { get; set; }

    /// <summary>First day applications are taken, in the program's zone.</summary>
    public LocalDate? OpensOn { get; set; }

    /// <summary>Last day applications are taken, in the program's zone.</summary>
    public LocalDate? ClosesOn { get; set; }

    /// <summary>The zone the dates are days in (the admin's when the form was saved).</summary>
    public string TimeZone { get; set; } = "UTC";

    public ApprovalMode Approval { get; set; }

    /// <summary>Places per role; null means no limit.</summary>
    public int? MentorCapacity { get; set; }

    public int? MenteeCapacity { get; set; }

    public int? ParticipantCapacity { get; set; }

    public string Intro { get; set; } = "";

    public List<ApplicationQuestion> Questions { get; set; } = [];

    public int? CapacityOf(EnrollmentRole role) => role switch
    {
        EnrollmentRole.Mentor => MentorCapacity,
        EnrollmentRole.Mentee => MenteeCapacity,
        _ => ParticipantCapacity,
    };

    /// <summary>Open on this day (a date in <see cref="TimeZone"/>).</summary>
    public bool IsOpenOn(LocalDate today) =>
        IsOpen && (OpensOn is null || OpensOn <= today) && (ClosesOn is null || today <= ClosesOn);
}
