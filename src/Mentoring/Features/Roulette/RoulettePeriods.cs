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

    /// <summary>The moment the round of the calendar period containing <paramref name="now"/> is due, the program's dates aside.</summary>
    public static (LocalDate PeriodStart, Instant Due) Current(RouletteSettings settings, Instant now)
    {
        var start = PeriodStart(settings, now.InZone(ZoneOf(settings)).Date);
        return (start, DueOn(settings, start));
    }

    /// <summary>
    /// The program's period that <paramref name="date"/> falls in; null before the program starts or after
    /// it ends. No period starts before the program: the first one starts on its start date when the
    /// calendar period would start earlier. Every round, drawn by hand or on schedule, is keyed by this start.
    /// </summary>
    public static RoulettePeriod? PeriodOn(MentoringProgram program, LocalDate date)
    {
        var settings = program.Roulette;
        if ((program.StartDate is { } first && date < first) || (program.EndDate is { } last && date > last))
        {
            return null;
        }
        var calendarStart = PeriodStart(settings, date);
        var start = program.StartDate is { } begins && calendarStart < begins ? begins : calendarStart;
        return new RoulettePeriod(start, NextCalendarStart(settings, calendarStart), DueOn(settings, start));
    }

    /// <summary>The program's period of today in its zone; null before the program starts or after it ends.</summary>
    public static RoulettePeriod? Current(MentoringProgram program, Instant now) => PeriodOn(program, now.InZone(ZoneOf(program.Roulette)).Date);

    /// <summary>The program's first period after today's (its first period when it has not started); null when none is left.</summary>
    public static RoulettePeriod? Next(MentoringProgram program, Instant now)
    {
        var today = now.InZone(ZoneOf(program.Roulette)).Date;
        if (program.StartDate is { } first && today < first)
        {
            return PeriodOn(program, first);
        }
        return Current(program, now) is { } current ? PeriodOn(program, current.NextStart) : null;
    }

    /// <summary>
    /// When the next round is drawn: the current period's when it is not drawn yet (at once when its time
    /// has passed), else the next period's; null when the program has no period left.
    /// </summary>
    public static Instant? NextDraw(MentoringProgram program, Instant now, bool currentDrawn)
    {
        if (Current(program, now) is { } current && !currentDrawn)
        {
            return current.Due > now ? current.Due : now;
        }
        return Next(program, now)?.Due;
    }

    private static LocalDate NextCalendarStart(RouletteSettings settings, LocalDate calendarStart) => settings.Cadence switch
    {
        RouletteCadence.EveryTwoWeeks => PeriodStart(settings, calendarStart.PlusWeeks(2)),
        RouletteCadence.Monthly => calendarStart.PlusMonths(1),
        _ => calendarStart.PlusWeeks(1),
    };

    private static Instant DueOn(RouletteSettings settings, LocalDate start) =>
        // The draw time exists on every day in practice; the lenient resolver settles a clock change on purpose.
        (start + new LocalTime(Math.Clamp(settings.DrawHour, 0, 23), 0)).InZone(ZoneOf(settings), Resolvers.LenientResolver).ToInstant();

    private static DateTimeZone ZoneOf(RouletteSettings settings) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings.TimeZone) ?? DateTimeZone.Utc;

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

/// <summary>One period of a roulette program: its first day, the first day of the period after it, and when its round is due.</summary>
public readonly record struct RoulettePeriod(LocalDate Start, LocalDate NextStart, Instant Due);
