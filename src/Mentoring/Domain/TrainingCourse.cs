using NodaTime;

namespace Mentoring.Domain;

/// <summary>Whom a course is written for: a program assigns it to the people who play that part.</summary>
public enum TrainingAudience
{
    Mentor,
    Mentee,
    Sponsor,

    /// <summary>The junior who mentors an executive in a reverse-mentoring program.</summary>
    ReverseMentor,
}

/// <summary>A course in the training library: modules in order, for one audience. The admin extends the library.</summary>
public sealed class TrainingCourse
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public string Summary { get; set; } = "";

    public TrainingAudience Audience { get; set; }

    /// <summary>Set on the starter course the product ships, so seeding it twice makes nothing twice.</summary>
    public string? Key { get; set; }

    public Instant CreatedAt { get; set; }

    public List<TrainingModule> Modules { get; set; } = [];
}
