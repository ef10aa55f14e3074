using NodaTime;
using NodaTime.TimeZones;

namespace Mentoring.Engine.Scheduling;

/// <summary>
/// When a virtual session may take place: the slot (09–12, 12–13 or 13–17 in the host's zone on
/// that date) must have at least one hour inside every attendee's 09:00–17:00 in their own zone.
/// Everything is compared as instants, so a day on which either zone changes its clocks shifts
/// the windows as it should.
/// </summary>
internal static class WorkingHours
{
    private static readonly Duration MinimumOverlap = Duration.FromHours(1);
    private static readonly LocalTime WorkStart = new(9, 0);
    private static readonly LocalTime WorkEnd = new(17, 0);

    /// <summary>
    /// Local times that fall in a gap move forward by the gap, and ambiguous ones take the
    /// earlier instant, which is what Python's <c>zoneinfo</c> (fold=0) does, so the reference
    /// checker and the engine agree even on such days.
    /// </summary>
    private static readonly ZoneLocalMappingResolver Resolver = Resolvers.LenientResolver;

    /// <summary>The slot as an interval of instants, in the host's zone on <paramref name="date"/>.</summary>
    public static Interval SlotInterval(LocalDate date, Slot slot, DateTimeZone hostZone)
    {
        var (start, end) = slot.Hours();
        return new Interval(
            date.At(new LocalTime(start, 0)).InZone(hostZone, Resolver).ToInstant(),
            date.At(new LocalTime(end, 0)).InZone(hostZone, Resolver).ToInstant());
    }

    /// <summary>
    /// Whether at least an hour of <paramref name="slot"/> lies inside 09:00–17:00 local time in
    /// <paramref name="zone"/>. A slot lasts at most four hours, so only the working days on which
    /// it starts or ends can overlap it.
    /// </summary>
    public static bool HasWorkingHour(Interval slot, DateTimeZone zone)
    {
        var first = slot.Start.InZone(zone).Date;
        var last = slot.End.InZone(zone).Date;
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            var workStart = day.At(WorkStart).InZone(zone, Resolver).ToInstant();
            var workEnd = day.At(WorkEnd).InZone(zone, Resolver).ToInstant();
            var from = Instant.Max(slot.Start, workStart);
            var to = Instant.Min(slot.End, workEnd);
            if (to - from >= MinimumOverlap)
            {
                return true;
            }
        }
        return false;
    }
}
