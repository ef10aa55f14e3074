using Mentoring.Domain;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// Whose space the shared sections (_SpacePlan, _SpaceGoals, …) show: a pair's or a group's, the caller
/// in it, the others an action item can go to, and (a pair's only) where its check-ins' calendar file is.
/// </summary>
public sealed record SpaceView(
    int Id, int MeId, string TimeZone, DateOnly Started, MentorshipStatus Status, IReadOnlyDictionary<int, string> Names,
    IReadOnlyList<SpacePerson> Others, string? CalendarAction = null);

/// <summary>The words that differ between a pair's space ("the two of you") and a group's ("the group").</summary>
public sealed record SpaceWords(
    string Kind, string PlanHeading, string AllConfirm, string AllConfirmed, string NewVersion, string ConfirmedJoin,
    string WaitingFor, string SharedWith, string SeesIt, string Us, string Confidentiality)
{
    public static readonly SpaceWords Pair = new(
        Kind: "mentorship", PlanHeading: "Our plan", AllConfirm: "You both confirm it.", AllConfirmed: "You both confirmed this version.",
        NewVersion: "a new version you both confirm", ConfirmedJoin: " and ", WaitingFor: "the other person", SharedWith: "the two of you",
        SeesIt: "the two of you see it", Us: "The two of us", Confidentiality: "What we say stays between us unless we agree otherwise.");

    public static readonly SpaceWords Group = new(
        Kind: "group", PlanHeading: "Our group plan", AllConfirm: "Everyone in the group confirms it.", AllConfirmed: "Everyone in the group confirmed this version.",
        NewVersion: "a new version everyone confirms", ConfirmedJoin: ", ", WaitingFor: "the others", SharedWith: "the group",
        SeesIt: "the group sees it", Us: "The group", Confidentiality: "What we say in the group stays in the group unless we agree otherwise.");
}

/// <summary>How a space's pages name a cadence, a goal's status and a reflection's stage.</summary>
public static class SpaceText
{
    public static string Cadence(PlanCadence c) => c switch { PlanCadence.Fortnightly => "Every fortnight", PlanCadence.Monthly => "Every month", _ => "Every week" };

    public static string Status(GoalStatus g) => g switch { GoalStatus.Done => "Done", GoalStatus.Dropped => "Dropped", _ => "Active" };

    public static string Stage(ReflectionStage st) => st switch { ReflectionStage.Start => "Where we started", ReflectionStage.Middle => "How far we've come", _ => "Where we're going" };
}
