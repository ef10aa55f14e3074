using NodaTime;

namespace Mentoring.Domain;

/// <summary>Who sees a victory.</summary>
public enum VictoryVisibility
{
    /// <summary>Everyone in the program (or the group, for a group's victory).</summary>
    Public,

    /// <summary>Its author and the people they shared it with; nobody else, admins included.</summary>
    Private,
}

/// <summary>
/// A win worth celebrating on a program's victories board (or a group's, when <see cref="GroupId"/>
/// is set). A private victory is shared only with people the author chose among their mentor,
/// mentees and groups (<see cref="VictoryShare"/>).
/// </summary>
public sealed class Victory
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public int? GroupId { get; set; }

    public int AuthorId { get; set; }

    public Person? Author { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public VictoryVisibility Visibility { get; set; }

    public Instant CreatedAt { get; set; }

    public List<VictoryShare> Shares { get; set; } = [];
}
