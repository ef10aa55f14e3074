using NodaTime;

namespace Mentoring.Domain;

/// <summary>One step of a program's life (draft to pilot, pilot to evaluating …), who took it and when.</summary>
public sealed class ProgramTransition
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public ProgramStatus From { get; set; }

    public ProgramStatus To { get; set; }

    /// <summary>The account that took the step (its e-mail).</summary>
    public required string By { get; set; }

    public Instant At { get; set; }

    /// <summary>A pilot's scope as it was set by this step.</summary>
    public ScopeKind? ScopeKind { get; set; }

    public string? ScopeValue { get; set; }
}
