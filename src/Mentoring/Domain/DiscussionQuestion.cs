namespace Mentoring.Domain;

/// <summary>A question a module asks its reader, to answer for themself or to discuss with their pair or cohort.</summary>
public sealed class DiscussionQuestion
{
    public int Id { get; set; }

    public int ModuleId { get; set; }

    public int Order { get; set; }

    public required string Text { get; set; }
}
