using NodaTime;

namespace Mentoring.Domain;

/// <summary>A person marked a module done; a course is complete when all its modules are.</summary>
public sealed class ModuleCompletion
{
    public int Id { get; set; }

    public int ModuleId { get; set; }

    public TrainingModule? Module { get; set; }

    public int PersonId { get; set; }

    public Instant CompletedAt { get; set; }
}
