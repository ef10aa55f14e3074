using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// An asynchronous daily stand-up in a cohort: a program's, or one group's when <see cref="GroupId"/>
/// is set. One per person, cohort and day; posting again that day rewrites it and keeps its replies.
/// Everyone in the cohort reads it; its host gets a digest of the day's stand-ups the next morning.
/// </summary>
public sealed class Standup
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public int? GroupId { get; set; }

    public int AuthorId { get; set; }

    public Person? Author { get; set; }

    /// <summary>The author's day (in their office's zone) the stand-up is for.</summary>
    public LocalDate On { get; set; }

    /// <summary>What I did.</summary>
    [PrivateText]
    public string Did { get; set; } = "";

    /// <summary>What I'll do.</summary>
    [PrivateText]
    public string Next { get; set; } = "";

    /// <summary>Where I'm stuck (may be empty).</summary>
    [PrivateText]
    public string Stuck { get; set; } = "";

    public Instant CreatedAt { get; set; }

    public List<StandupReply> Replies { get; set; } = [];
}
