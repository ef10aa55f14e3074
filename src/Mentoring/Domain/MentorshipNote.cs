using NodaTime;

namespace Mentoring.Domain;

/// <summary>Who reads a note or a reflection: its author only, or the pair.</summary>
public enum NoteVisibility
{
    Private,
    Shared,
}

/// <summary>
/// A note in a pair's space, on a session or not. A private note is its author's only: not the
/// other person's, the admin's, the sponsor's, nor in any export.
/// </summary>
public sealed class MentorshipNote : ISpaceItem
{
    public int Id { get; set; }

    /// <summary>The mentorship it belongs to; null when it belongs to a group (exactly one of the two is set).</summary>
    public int? MentorshipId { get; set; }

    /// <summary>The group cohort it belongs to, when it is a group's.</summary>
    public int? GroupId { get; set; }

    public int? SessionId { get; set; }

    public int AuthorId { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public NoteVisibility Visibility { get; set; } = NoteVisibility.Private;

    public Instant CreatedAt { get; set; }
}
