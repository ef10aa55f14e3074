using Mentoring.Domain;
using Mentoring.Engine.Scheduling;
using NodaTime;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// The time people are already taken while a period is planned: by the sessions kept from before
/// and those placed so far. Two sessions of one person clash when they share a day and slot (the
/// engine contract's rule) or when their slots overlap in real time, whatever the slots are called
/// and in whichever zones they were planned: "morning" in New York is the London afternoon.
/// </summary>
internal sealed class SessionClashes
{
    private readonly Dictionary<int, List<(LocalDate Date, DaySlot Slot, Interval Time)>> taken = [];

    /// <summary>The slot as real time: its hours in the host's zone on that date.</summary>
    public static Interval Time(LocalDate date, DaySlot slot, DateTimeZone hostZone) => ((Slot)slot).Interval(date, hostZone);

    public void Add(IEnumerable<int> people, LocalDate date, DaySlot slot, DateTimeZone hostZone)
    {
        var time = Time(date, slot, hostZone);
        foreach (var person in people)
        {
            (taken.TryGetValue(person, out var list) ? list : taken[person] = []).Add((date, slot, time));
        }
    }

    public bool Clashes(IEnumerable<int> people, LocalDate date, DaySlot slot, DateTimeZone hostZone)
    {
        var time = Time(date, slot, hostZone);
        return people.Any(person => taken.TryGetValue(person, out var list)
            && list.Any(t => (t.Date == date && t.Slot == slot) || (t.Time.Start < time.End && time.Start < t.Time.End)));
    }
}
