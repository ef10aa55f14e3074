using Mentoring.Domain;
using Mentoring.Features.Scheduling;
using NodaTime;

namespace Mentoring.Tests.Scheduling;

/// <summary>A kept session blocks whoever is in it for its real time, whatever the slot is called in the other session's zone.</summary>
public sealed class SessionClashesTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly LocalDate Day = new(2026, 12, 7);

    [Fact]
    public void A_New_York_morning_clashes_with_a_kept_London_afternoon()
    {
        var busy = new SessionClashes();
        busy.Add([7], Day, DaySlot.Afternoon, London);

        // 09–12 in New York is 14–17 in London.
        Assert.True(busy.Clashes([7], Day, DaySlot.Morning, NewYork));
        Assert.False(busy.Clashes([8], Day, DaySlot.Morning, NewYork));
    }

    [Fact]
    public void The_same_slot_name_still_clashes_and_separate_times_do_not()
    {
        var busy = new SessionClashes();
        busy.Add([7], Day, DaySlot.Morning, London);

        Assert.True(busy.Clashes([7], Day, DaySlot.Morning, London));
        // New York's lunch (17–18 London) and afternoon come after the London morning.
        Assert.False(busy.Clashes([7], Day, DaySlot.Lunch, NewYork));
        Assert.False(busy.Clashes([7], Day.PlusDays(1), DaySlot.Morning, NewYork));
    }
}
