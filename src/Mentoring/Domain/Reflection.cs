using NodaTime;

namespace Mentoring.Domain;

/// <summary>When a reflection is written: at the start, the middle or the end of the mentorship.</summary>
public enum ReflectionStage
{
    Start,
    Middle,
    End,
}

/// <summary>"Where we started, how far we've come, where we're going", written by one of the pair at a stage.</summary>
public sealed class Reflection : ISpaceItem
{
    public int Id { get; set; }

    /// <summary>The mentorship it belongs to; null when it belongs to a group (exactly one of the two is set).</summary>
    public int? MentorshipId { get; set; }

    /// <summary>The group cohort it belongs to, when it is a group's.</summary>
    public int? GroupId { get; set; }

    public int AuthorId { get; set; }

    public ReflectionStage Stage { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public NoteVisibility Visibility { get; set; } = NoteVisibility.Shared;

    public Instant CreatedAt { get; set; }
}
