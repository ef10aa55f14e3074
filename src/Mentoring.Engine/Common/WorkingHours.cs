using NodaTime;
using NodaTime.TimeZones;

namespace Mentoring.Engine.Common;

/// <summary>
/// The one working-hours rule of the product: a working day is 09:00–17:00 local time in the
/// person's own IANA zone, on a given date, unless the person gave their own hours. Everything is compared as instants, through NodaTime's
/// TZDB, so summer time and a day on which a zone changes its clocks count as they should. The
/// roulette, the scheduler, the app's session times and its matching score all use this class.
/// </summary>
public static class WorkingHours
{
    public static readonly LocalTime DayStart = new(9, 0);

    public static readonly LocalTime DayEnd = new(17, 0);

    /// <summary>What a virtual coffee or session needs: an hour inside everyone's working day.</summary>
    public static readonly Duration MinimumOverlap = Duration.FromHours(1);

    /// <summary>
    /// Local times that fall in a gap move forward by the gap, and ambiguous ones take the earlier
    /// instant, which is what Python's <c>zoneinfo</c> (fold=0) does, so the reference checker and
    /// the engine agree even on such days.
    /// </summary>
    public static readonly ZoneLocalMappingResolver Resolver = Resolvers.LenientResolver;

    /// <summary>A local time on a date in a zone, as an instant (gaps and overlaps settled by <see cref="Resolver"/>).</summary>
    public static Instant At(LocalDate date, LocalTime time, DateTimeZone zone) => date.At(time).InZone(zone, Resolver).ToInstant();

    /// <summary>The working day of <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static Interval Day(LocalDate date, DateTimeZone zone) => Day(date, zone, DayStart, DayEnd);

    /// <summary>A person's own working day (<paramref name="start"/> to <paramref name="end"/>, local) on <paramref name="date"/>.</summary>
    public static Interval Day(LocalDate date, DateTimeZone zone, LocalTime start, LocalTime end) =>
        new(At(date, start, zone), At(date, end, zone));

    /// <summary>Hours from <paramref name="from"/> to <paramref name="to"/> on a date in a zone, e.g. a slot of the scheduler.</summary>
    public static Interval Hours(LocalDate date, int from, int to, DateTimeZone zone) =>
        new(At(date, new LocalTime(from, 0), zone), At(date, new LocalTime(to, 0), zone));

    /// <summary>How long the working days of two zones on the same date have in common (zero when none).</summary>
    public static Duration Shared(LocalDate date, DateTimeZone a, DateTimeZone b) => Common(Day(date, a), Day(date, b));

    /// <summary>
    /// How long two people's working days have in common on <paramref name="date"/>, each in their
    /// own zone and with their own hours (09:00–17:00 where a start or end is not given).
    /// </summary>
    public static Duration Shared(
        LocalDate date, DateTimeZone a, LocalTime? aStart, LocalTime? aEnd, DateTimeZone b, LocalTime? bStart, LocalTime? bEnd) =>
        Common(Day(date, a, aStart ?? DayStart, aEnd ?? DayEnd), Day(date, b, bStart ?? DayStart, bEnd ?? DayEnd));

    /// <summary>Whether two zones' working days on <paramref name="date"/> share at least <see cref="MinimumOverlap"/>.</summary>
    public static bool Overlap(LocalDate date, DateTimeZone a, DateTimeZone b) => Shared(date, a, b) >= MinimumOverlap;

    /// <summary>zones.Count × zones.Count, row-major: true where the working days overlap by at least an hour.</summary>
    public static bool[] OverlapMatrix(IReadOnlyList<DateTimeZone> zones, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var count = zones.Count;
        var days = new Interval[count];
        for (var i = 0; i < count; i++)
        {
            days[i] = Day(date, zones[i]);
        }
        var overlap = new bool[count * count];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                overlap[(i * count) + j] = Common(days[i], days[j]) >= MinimumOverlap;
            }
        }
        return overlap;
    }

    /// <summary>
    /// Whether at least an hour of <paramref name="span"/> lies inside 09:00–17:00 local time in
    /// <paramref name="zone"/>, on whichever local day it falls.
    /// </summary>
    public static bool HasWorkingHour(Interval span, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var first = span.Start.InZone(zone).Date;
        var last = span.End.InZone(zone).Date;
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            if (Common(span, Day(day, zone)) >= MinimumOverlap)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The part of <paramref name="span"/> inside everyone's working day (each zone's day on which
    /// the span starts), or null when there is none.
    /// </summary>
    public static Interval? InsideAll(Interval span, IEnumerable<DateTimeZone> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var start = span.Start;
        var end = span.End;
        foreach (var zone in zones)
        {
            var day = Day(span.Start.InZone(zone).Date, zone);
            start = Instant.Max(start, day.Start);
            end = Instant.Min(end, day.End);
        }
        return end > start ? new Interval(start, end) : null;
    }

    /// <summary>How long two intervals have in common.</summary>
    public static Duration Common(Interval a, Interval b)
    {
        var from = Instant.Max(a.Start, b.Start);
        var to = Instant.Min(a.End, b.End);
        return to > from ? to - from : Duration.Zero;
    }
}
