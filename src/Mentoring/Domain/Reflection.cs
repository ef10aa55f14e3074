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
public sealed class Reflection
{
    public int Id { get; set; }

    public int MentorshipId { get; set; }

    public int AuthorId { get; set; }

    public ReflectionStage Stage { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public NoteVisibility Visibility { get; set; } = NoteVisibility.Shared;

    public Instant CreatedAt { get; set; }
}
