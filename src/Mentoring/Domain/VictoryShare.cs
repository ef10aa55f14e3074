namespace Mentoring.Domain;

/// <summary>A person a private victory is shared with.</summary>
public sealed class VictoryShare
{
    public int Id { get; set; }

    public int VictoryId { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }
}
