using Mentoring.Domain;
using Mentoring.Features.Roulette;
using NodaTime;

namespace Mentoring.Tests.Roulette;

public sealed class RoulettePeriodsTests
{
    [Theory]
    [InlineData(RouletteCadence.Weekly, "2026-11-25", "2026-11-23")]
    [InlineData(RouletteCadence.Weekly, "2026-11-23", "2026-11-23")]
    [InlineData(RouletteCadence.EveryTwoWeeks, "2026-11-25", "2026-11-23")] // ISO week 48: even, starts a period
    [InlineData(RouletteCadence.EveryTwoWeeks, "2026-12-02", "2026-11-23")] // week 49 belongs to it
    [InlineData(RouletteCadence.EveryTwoWeeks, "2026-12-07", "2026-12-07")]
    [InlineData(RouletteCadence.Monthly, "2026-11-25", "2026-11-01")]
    public void A_date_falls_in_one_period(RouletteCadence cadence, string date, string start)
    {
        var settings = new RouletteSettings { Cadence = cadence };
        Assert.Equal(Parse(start), RoulettePeriods.PeriodStart(settings, Parse(date)));
    }

    [Fact]
    public void The_draw_is_due_at_the_hour_in_the_programs_zone_also_on_a_clock_change()
    {
        // 2026-03-30 is the Monday after Europe/London moved to summer time (29 March).
        var settings = new RouletteSettings { Cadence = RouletteCadence.Weekly, DrawHour = 9, TimeZone = "Europe/London" };
        var (start, due) = RoulettePeriods.Current(settings, Instant.FromUtc(2026, 4, 1, 12, 0));
        Assert.Equal(new LocalDate(2026, 3, 30), start);
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 8, 0), due);

        var (winterStart, winterDue) = RoulettePeriods.Current(settings, Instant.FromUtc(2026, 3, 25, 12, 0));
        Assert.Equal(new LocalDate(2026, 3, 23), winterStart);
        Assert.Equal(Instant.FromUtc(2026, 3, 23, 9, 0), winterDue);

        var newYork = new RouletteSettings { Cadence = RouletteCadence.Weekly, DrawHour = 9, TimeZone = "America/New_York" };
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 13, 0), RoulettePeriods.Current(newYork, Instant.FromUtc(2026, 3, 10, 0, 0)).Due);
    }

    [Fact]
    public void Personal_cadence_thins_out_the_rounds_a_person_joins()
    {
        var weekly = new RouletteSettings { Cadence = RouletteCadence.Weekly };
        var mondays = Enumerable.Range(0, 8).Select(i => new LocalDate(2026, 11, 2).PlusWeeks(i)).ToList();
        Assert.All(mondays, d => Assert.True(RoulettePeriods.Joins(weekly, null, d)));
        Assert.Equal(4, mondays.Count(d => RoulettePeriods.Joins(weekly, RouletteCadence.EveryTwoWeeks, d)));
        Assert.Equal(2, mondays.Count(d => RoulettePeriods.Joins(weekly, RouletteCadence.Monthly, d)));
    }

    [Fact]
    public void No_period_starts_before_the_program_and_none_follows_its_end()
    {
        // A program starting on Tuesday 1 Dec 2026, every two weeks: the calendar period began on Monday 23 Nov.
        var program = new MentoringProgram
        {
            Name = "Coffee", Kind = ProgramKind.CoffeeRoulette, StartDate = new LocalDate(2026, 12, 1), EndDate = new LocalDate(2026, 12, 20),
            Roulette = new RouletteSettings { Cadence = RouletteCadence.EveryTwoWeeks, DrawHour = 9, TimeZone = "Europe/London" },
        };
        Assert.Null(RoulettePeriods.PeriodOn(program, new LocalDate(2026, 11, 30)));
        var first = RoulettePeriods.Current(program, Instant.FromUtc(2026, 12, 1, 8, 22))!.Value;
        Assert.Equal(new LocalDate(2026, 12, 1), first.Start);
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 9, 0), first.Due);
        Assert.Equal(first, RoulettePeriods.PeriodOn(program, new LocalDate(2026, 12, 6)));
        Assert.Equal(new LocalDate(2026, 12, 7), RoulettePeriods.PeriodOn(program, new LocalDate(2026, 12, 7))!.Value.Start);

        // The next draw: this period's while it is not drawn, else the next period's ("Mon 7 Dec").
        var now = Instant.FromUtc(2026, 12, 1, 8, 22);
        Assert.Equal(first.Due, RoulettePeriods.NextDraw(program, now, currentDrawn: false));
        Assert.Equal(Instant.FromUtc(2026, 12, 7, 9, 0), RoulettePeriods.NextDraw(program, now, currentDrawn: true));
        Assert.Equal(first.Due, RoulettePeriods.NextDraw(program, Instant.FromUtc(2026, 11, 20, 12, 0), currentDrawn: false));

        // The period of 7 Dec is the last: nothing is drawn after the program ends on 20 Dec.
        Assert.Null(RoulettePeriods.NextDraw(program, Instant.FromUtc(2026, 12, 8, 12, 0), currentDrawn: true));
        Assert.Null(RoulettePeriods.Current(program, Instant.FromUtc(2026, 12, 21, 12, 0)));
    }

    private static LocalDate Parse(string date) => NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value;
}
