using Mentoring.Domain;
using NodaTime;
using NodaTime.Calendars;
using NodaTime.TimeZones;

namespace Mentoring.Features.Roulette;

/// <summary>
/// The calendar of a roulette program: which period a date falls in, when that period's round is
/// due, and whether a participant with their own cadence joins a given round.
/// </summary>
public static class RoulettePeriods
{
    /// <summary>The first day of the period that <paramref name="date"/> falls in.</summary>
    public static LocalDate PeriodStart(RouletteSettings settings, LocalDate date)
    {
        var week = date.With(DateAdjusters.PreviousOrSame(settings.DrawDay));
        return settings.Cadence switch
        {
            RouletteCadence.Weekly => week,
            // Even ISO weeks start a two-week period, so every instance agrees on the same periods.
            RouletteCadence.EveryTwoWeeks => WeekYearRules.Iso.GetWeekOfWeekYear(week) % 2 == 0 ? week : week.PlusWeeks(-1),
            RouletteCadence.Monthly => date.With(DateAdjusters.StartOfMonth),
            _ => week,
        };
    }

    /// <summary>The moment the round of the period containing <paramref name="now"/> is due.</summary>
    public static (LocalDate PeriodStart, Instant Due) Current(RouletteSettings settings, Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings.TimeZone) ?? DateTimeZone.Utc;
        var today = now.InZone(zone).Date;
        var start = PeriodStart(settings, today);
        // The draw time exists on every day in practice; the lenient resolver settles a clock change on purpose.
        var due = (start + new LocalTime(Math.Clamp(settings.DrawHour, 0, 23), 0)).InZone(zone, Resolvers.LenientResolver).ToInstant();
        return (start, due);
    }

    /// <summary>Whether a participant wanting <paramref name="cadence"/> joins the round of this period.</summary>
    public static bool Joins(RouletteSettings settings, RouletteCadence? cadence, LocalDate periodStart) =>
        (cadence ?? settings.Cadence) switch
        {
            _ when cadence is null || cadence == settings.Cadence => true,
            RouletteCadence.Weekly => true,
            RouletteCadence.EveryTwoWeeks => settings.Cadence == RouletteCadence.Monthly || WeekYearRules.Iso.GetWeekOfWeekYear(periodStart) % 2 == 0,
            RouletteCadence.Monthly => settings.Cadence == RouletteCadence.Monthly || periodStart.Day <= (settings.Cadence == RouletteCadence.Weekly ? 7 : 14),
            _ => true,
        };
}
