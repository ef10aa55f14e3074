using NodaTime;

namespace Mentoring.Engine.Scheduling;

/// <summary>The session formats of the contract (shared/contracts/engine.md, schedule).</summary>
internal enum SessionKind
{
    Lunch,
    GroupLunch,
    Coworking,
    GroupMentoring,
    VirtualCoworking,
    VirtualCoffee,
    VirtualCheckin,
}

/// <summary>The three slots of a day, in the host's time zone: 09–12, 12–13, 13–17.</summary>
internal enum Slot
{
    Morning,
    Lunch,
    Afternoon,
}

internal static class SessionKinds
{
    /// <summary>The contract's names, in the order of <see cref="SessionKind"/>.</summary>
    public static readonly string[] Names =
        ["lunch", "group-lunch", "coworking", "group-mentoring", "virtual-coworking", "virtual-coffee", "virtual-checkin"];

    public static bool IsInPerson(this SessionKind kind) => kind <= SessionKind.GroupMentoring;

    public static bool NeedsRoom(this SessionKind kind) => kind is SessionKind.Coworking or SessionKind.GroupMentoring;

    /// <summary>Whether a session of this kind may go in <paramref name="slot"/>.</summary>
    public static bool Allows(this SessionKind kind, Slot slot) => kind switch
    {
        SessionKind.Lunch or SessionKind.GroupLunch => slot == Slot.Lunch,
        SessionKind.Coworking or SessionKind.GroupMentoring => slot != Slot.Lunch,
        _ => true,
    };
}

internal static class Slots
{
    public static readonly Slot[] All = [Slot.Morning, Slot.Lunch, Slot.Afternoon];

    public static readonly string[] Names = ["morning", "lunch", "afternoon"];

    /// <summary>The slot's hours in the host's time zone.</summary>
    public static (int Start, int End) Hours(this Slot slot) => slot switch
    {
        Slot.Morning => (9, 12),
        Slot.Lunch => (12, 13),
        _ => (13, 17),
    };
}

internal sealed record Room(string Id, int Capacity);

/// <summary>
/// A person. <paramref name="Zone"/> is null when the input gave none (they then share the host's
/// zone). <paramref name="OfficeDay"/> and <paramref name="Unavailable"/> are indexed like
/// <see cref="ScheduleProblem.Days"/>; dates outside <c>days</c> are dropped.
/// </summary>
internal sealed record Person(string Id, DateTimeZone? Zone, bool[] OfficeDay, bool[] Unavailable);

/// <summary>A session; <paramref name="Host"/> and <paramref name="Participants"/> index <see cref="ScheduleProblem.People"/>.</summary>
internal sealed record Session(string Id, SessionKind Kind, int Host, int[] Participants)
{
    /// <summary>Everybody who attends: the host first, then the participants.</summary>
    public IEnumerable<int> Attendees => Participants.Prepend(Host);

    public int Size => Participants.Length + 1;
}

/// <summary>A validated schedule problem.</summary>
internal sealed record ScheduleProblem(
    IReadOnlyList<LocalDate> Days,
    IReadOnlyList<Room> Rooms,
    IReadOnlyList<Person> People,
    IReadOnlyList<Session> Sessions,
    TimeSpan TimeLimit)
{
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);
}
