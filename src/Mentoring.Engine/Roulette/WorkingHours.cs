using NodaTime;

namespace Mentoring.Engine.Roulette;

/// <summary>
/// Whether two people's working days (09:00–17:00 in their own time zones) overlap enough for a
/// virtual coffee: at least one hour in common on the round's date, the same hour that the
/// scheduler asks of a virtual session. Time zone rules (offsets, summer time) come from the IANA
/// database through NodaTime, so the answer depends on the date.
/// </summary>
internal static class WorkingHours
{
    /// <summary>The date used when a problem gives none: fixed (a Monday in winter) so that a problem always has one answer.</summary>
    public static readonly LocalDate DefaultDate = new(2026, 1, 5);

    public static readonly Duration MinimumOverlap = Duration.FromHours(1);

    private static readonly LocalTime DayStart = new(9, 0);
    private static readonly LocalTime DayEnd = new(17, 0);

    /// <summary>zones.Count × zones.Count, row-major: true where the working days overlap by at least an hour.</summary>
    public static bool[] OverlapMatrix(IReadOnlyList<DateTimeZone> zones, LocalDate date)
    {
        var count = zones.Count;
        var starts = new Instant[count];
        var ends = new Instant[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = zones[i].AtLeniently(date + DayStart).ToInstant();
            ends[i] = zones[i].AtLeniently(date + DayEnd).ToInstant();
        }
        var overlap = new bool[count * count];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                var from = starts[i] > starts[j] ? starts[i] : starts[j];
                var to = ends[i] < ends[j] ? ends[i] : ends[j];
                overlap[(i * count) + j] = to - from >= MinimumOverlap;
            }
        }
        return overlap;
    }
}
