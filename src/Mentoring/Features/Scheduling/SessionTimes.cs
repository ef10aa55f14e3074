using Mentoring.Domain;
using Mentoring.Engine.Common;
using Mentoring.Engine.Scheduling;
using NodaTime;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// When a session placed on a day and slot actually starts and ends. Slots are those of the engine
/// contract, in the host's zone: morning 09–12, lunch 12–13, afternoon 13–17. A virtual session
/// starts when everyone's working day has begun, so it lands inside all of them (the engine's
/// <see cref="WorkingHours"/> is the one home of that rule).
/// </summary>
public static class SessionTimes
{
    public static (int From, int To) SlotHours(DaySlot slot) => ((Slot)slot).Hours();

    public static Duration Length(string kind) => kind switch
    {
        ActivityFormats.Lunch or ActivityFormats.GroupLunch => Duration.FromHours(1),
        ActivityFormats.Coworking or ActivityFormats.VirtualCoworking or ActivityFormats.GroupMentoring => Duration.FromHours(2),
        _ => Duration.FromMinutes(30),
    };

    /// <summary>The session's start and end; attendees' zones matter for virtual sessions only.</summary>
    public static (Instant Start, Instant End) Place(string kind, LocalDate date, DaySlot slot, DateTimeZone hostZone, IEnumerable<DateTimeZone> attendeeZones)
    {
        var slotTime = ((Slot)slot).Interval(date, hostZone);
        var inPerson = kind is ActivityFormats.Lunch or ActivityFormats.GroupLunch or ActivityFormats.Coworking or ActivityFormats.GroupMentoring;
        var start = slotTime.Start;
        var end = slotTime.End;
        if (!inPerson)
        {
            // The engine only places a virtual session where an hour is shared; keep the slot if a zone is unknown.
            var shared = WorkingHours.InsideAll(slotTime, attendeeZones.Append(hostZone)) ?? slotTime;
            (start, end) = (shared.Start, shared.End);
        }
        else if (kind is ActivityFormats.Coworking or ActivityFormats.GroupMentoring)
        {
            start = slotTime.Start.Plus(Duration.FromHours(1));
        }
        var length = Length(kind);
        return (start, Instant.Min(end, start.Plus(length)));
    }
}
