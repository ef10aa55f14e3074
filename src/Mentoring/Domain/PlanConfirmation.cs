using NodaTime;

namespace Mentoring.Domain;

/// <summary>One person of the pair agreeing to one version of their plan.</summary>
public sealed class PlanConfirmation
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int PersonId { get; set; }

    public Instant At { get; set; }
}
