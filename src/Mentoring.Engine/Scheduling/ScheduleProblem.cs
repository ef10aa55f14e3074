using Mentoring.Engine.Common;
using NodaTime;

namespace Mentoring.Engine.Scheduling;

/// <summary>The session formats of the contract (shared/contracts/engine.md, schedule).</summary>
public enum SessionKind
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
public enum Slot
{
    Morning,
    Lunch,
    Afternoon,
}

public static class SessionKinds
{
    /// <summary>The contract's names, in the order of <see cref="SessionKind"/>.</summary>
    internal static readonly string[] Names =
        ["lunch", "group-lunch", "coworking", "group-mentoring", "virtual-coworking", "virtual-coffee", "virtual-checkin"];

    /// <summary>The kind the contract calls <paramref name="name"/> (e.g. <c>virtual-checkin</c>), or null.</summary>
    public static SessionKind? FromName(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i < 0 ? null : (SessionKind)i;
    }

    /// <summary>The contract's name of the kind.</summary>
    public static string Name(this SessionKind kind) => Names[(int)kind];

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

public static class Slots
{
    internal static readonly Slot[] All = [Slot.Morning, Slot.Lunch, Slot.Afternoon];

    internal static readonly string[] Names = ["morning", "lunch", "afternoon"];

    /// <summary>The slot's hours in the host's time zone.</summary>
    public static (int Start, int End) Hours(this Slot slot) => slot switch
    {
        Slot.Morning => (9, 12),
        Slot.Lunch => (12, 13),
        _ => (13, 17),
    };

    /// <summary>The slot as an interval of instants, in <paramref name="hostZone"/> on <paramref name="date"/>.</summary>
    public static Interval Interval(this Slot slot, LocalDate date, DateTimeZone hostZone)
    {
        var (start, end) = slot.Hours();
        return WorkingHours.Hours(date, start, end, hostZone);
    }
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
