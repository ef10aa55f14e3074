using NodaTime;

namespace Mentoring.Domain;

/// <summary>How often a pair checks in, by their plan.</summary>
public enum PlanCadence
{
    Weekly,
    Fortnightly,
    Monthly,
}

/// <summary>
/// A pair's Communications and Expectations Plan, made in the first week: when and how they check
/// in, their norms, confidentiality and how long the mentorship runs. A change is a new version,
/// which both people confirm again.
/// </summary>
public sealed class MentorshipPlan : ISpaceItem
{
    public int Id { get; set; }

    /// <summary>The mentorship it belongs to; null when it belongs to a group (exactly one of the two is set).</summary>
    public int? MentorshipId { get; set; }

    /// <summary>The group cohort it belongs to, when it is a group's.</summary>
    public int? GroupId { get; set; }

    /// <summary>1 for the first plan, one more for each change.</summary>
    public int Version { get; set; }

    public PlanCadence Cadence { get; set; } = PlanCadence.Weekly;

    public IsoDayOfWeek Day { get; set; } = IsoDayOfWeek.Tuesday;

    public LocalTime Time { get; set; } = new(10, 0);

    /// <summary>The IANA zone the day and time are in: its author's.</summary>
    public required string TimeZone { get; set; }

    /// <summary>video, chat, phone, in-person.</summary>
    public List<string> Channels { get; set; } = [];

    [PrivateText]
    public string Norms { get; set; } = "";

    [PrivateText]
    public string Confidentiality { get; set; } = "";

    public LocalDate? EndDate { get; set; }

    public int CreatedById { get; set; }

    public Instant CreatedAt { get; set; }

    public List<PlanConfirmation> Confirmations { get; set; } = [];

    /// <summary>The days between two check-ins the plan expects.</summary>
    public static int DaysOf(PlanCadence cadence) => cadence switch
    {
        PlanCadence.Fortnightly => 14,
        PlanCadence.Monthly => 30,
        _ => 7,
    };
}

/// <summary>The channels a plan may name.</summary>
public static class PlanChannels
{
    public static IReadOnlyList<string> All { get; } = ["video", "chat", "phone", "in-person"];
}
