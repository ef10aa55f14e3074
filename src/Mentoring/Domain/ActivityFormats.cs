namespace Mentoring.Domain;

/// <summary>The session kinds of DESIGN.md, as the engine contract spells them.</summary>
public static class ActivityFormats
{
    public const string Lunch = "lunch";
    public const string VirtualCoffee = "virtual-coffee";
    public const string GroupLunch = "group-lunch";
    public const string GroupMentoring = "group-mentoring";
    public const string Coworking = "coworking";
    public const string VirtualCoworking = "virtual-coworking";
    public const string VirtualCheckin = "virtual-checkin";

    public static IReadOnlyList<string> All { get; } =
        [Lunch, VirtualCoffee, GroupLunch, GroupMentoring, Coworking, VirtualCoworking, VirtualCheckin];

    /// <summary>The formats that meet in the office (the others are by video): the one home of the in-person rule.</summary>
    public static bool IsInPerson(string kind) => kind is Lunch or GroupLunch or Coworking or GroupMentoring;
}
