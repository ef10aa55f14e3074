using Mentoring.Domain;
using Mentoring.Features.Scheduling;
using NodaTime;

namespace Mentoring.Tests.Scheduling;

public sealed class SessionTimesTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone Bengaluru = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    [Fact]
    public void In_person_sessions_keep_the_slot_in_the_hosts_zone()
    {
        var (start, end) = SessionTimes.Place(ActivityFormats.Lunch, new LocalDate(2026, 12, 8), DaySlot.Lunch, London, [London]);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 12, 0), start);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 13, 0), end);
        var (coworkStart, coworkEnd) = SessionTimes.Place(ActivityFormats.Coworking, new LocalDate(2026, 7, 8), DaySlot.Afternoon, London, [London]);
        Assert.Equal(Instant.FromUtc(2026, 7, 8, 13, 0), coworkStart); // 14:00 BST
        Assert.Equal(Instant.FromUtc(2026, 7, 8, 15, 0), coworkEnd);
    }

    [Fact]
    public void A_virtual_session_starts_when_everyone_is_at_work()
    {
        // London afternoon 13–17 GMT; New York's day starts 14:00 GMT.
        var (start, end) = SessionTimes.Place(ActivityFormats.VirtualCheckin, new LocalDate(2026, 12, 8), DaySlot.Afternoon, London, [NewYork]);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 14, 0), start);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 14, 30), end);
        // London morning 09–12 GMT; Bengaluru works until 11:30 GMT.
        var (early, _) = SessionTimes.Place(ActivityFormats.VirtualCoffee, new LocalDate(2026, 12, 8), DaySlot.Morning, London, [Bengaluru]);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 9, 0), early);
    }

    [Fact]
    public void The_weeks_between_the_clock_changes_of_london_and_new_york_shift_the_overlap()
    {
        // 2026-03-10: New York is on summer time (from 8 March), London not yet (29 March): the gap is 4 hours.
        var (start, _) = SessionTimes.Place(ActivityFormats.VirtualCheckin, new LocalDate(2026, 3, 10), DaySlot.Afternoon, London, [NewYork]);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 0), start);
        var (later, _) = SessionTimes.Place(ActivityFormats.VirtualCheckin, new LocalDate(2026, 3, 3), DaySlot.Afternoon, London, [NewYork]);
        Assert.Equal(Instant.FromUtc(2026, 3, 3, 14, 0), later);
    }
}
