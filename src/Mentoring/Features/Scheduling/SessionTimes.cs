using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// When a session placed on a day and slot actually starts and ends. Slots are those of the engine
/// contract, in the host's zone: morning 09–12, lunch 12–13, afternoon 13–17. A virtual session
/// starts when everyone's working day (09:00–17:00 local) has begun, so it lands inside all of them.
/// </summary>
public static class SessionTimes
{
    public static (int From, int To) SlotHours(DaySlot slot) => slot switch
    {
        DaySlot.Morning => (9, 12),
        DaySlot.Lunch => (12, 13),
        _ => (13, 17),
    };

    public static Duration Length(string kind) => kind switch
    {
        ActivityFormats.Lunch or ActivityFormats.GroupLunch => Duration.FromHours(1),
        ActivityFormats.Coworking or ActivityFormats.VirtualCoworking or ActivityFormats.GroupMentoring => Duration.FromHours(2),
        _ => Duration.FromMinutes(30),
    };

    /// <summary>The session's start and end; attendees' zones matter for virtual sessions only.</summary>
    public static (Instant Start, Instant End) Place(string kind, LocalDate date, DaySlot slot, DateTimeZone hostZone, IEnumerable<DateTimeZone> attendeeZones)
    {
        var (from, to) = SlotHours(slot);
        // Clock changes happen at night, but the lenient resolver settles any gap or overlap on purpose.
        var slotStart = (date + new LocalTime(from, 0)).InZone(hostZone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();
        var slotEnd = (date + new LocalTime(to, 0)).InZone(hostZone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();
        var inPerson = kind is ActivityFormats.Lunch or ActivityFormats.GroupLunch or ActivityFormats.Coworking or ActivityFormats.GroupMentoring;
        var start = slotStart;
        var end = slotEnd;
        if (!inPerson)
        {
            foreach (var zone in attendeeZones.Append(hostZone))
            {
                var localDate = slotStart.InZone(zone).Date;
                var workStart = (localDate + new LocalTime(9, 0)).InZone(zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();
                var workEnd = (localDate + new LocalTime(17, 0)).InZone(zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();
                start = Instant.Max(start, workStart);
                end = Instant.Min(end, workEnd);
            }
            if (end <= start)
            {
                // The engine only places a virtual session where an hour is shared; keep the slot if a zone is unknown.
                (start, end) = (slotStart, slotEnd);
            }
        }
        else if (kind is ActivityFormats.Coworking or ActivityFormats.GroupMentoring)
        {
            start = slotStart.Plus(Duration.FromHours(1));
        }
        var length = Length(kind);
        return (start, Instant.Min(end, start.Plus(length)));
    }
}
