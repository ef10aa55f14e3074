using Mentoring.Domain;
using Mentoring.Features.Calendar;
using Mentoring.Features.Scheduling;
using Mentoring.Features.Shared;
using NodaTime;

namespace Mentoring.Tests.Security;

/// <summary>What leaves the app as iCalendar, call links and charts cannot be steered by a name.</summary>
public sealed class OutputEscapingTests
{
    [Fact]
    public void A_line_break_or_quote_in_a_name_adds_no_line_to_the_calendar()
    {
        const string evil = "Eve\"\r\nATTENDEE;CN=Injected:mailto:attacker@evil.example";
        var host = new Person { ExternalId = "H1", Name = evil, Email = "host@example.com" };
        var guest = new Person { ExternalId = "G1", Name = evil, Email = "guest@example.com" };
        var start = Instant.FromUtc(2026, 12, 1, 12, 0);
        var session = new ScheduledSession
        {
            Kind = ActivityFormats.Lunch, Title = "Lunch\r\nX-INJECTED:1", TimeZone = "Europe/London", Uid = "u1@test", Host = host,
            Start = start, End = start + Duration.FromHours(1), Date = new LocalDate(2026, 12, 1), Location = "Room\r\nX-INJECTED:2",
            Attendees = [new SessionAttendee { Person = guest }],
        };
        var ics = SessionCalendar.Write([session], "Feed", start);
        var lines = ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.DoesNotContain(lines, l => l.StartsWith("ATTENDEE;CN=Injected", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("X-INJECTED", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("ORGANIZER", StringComparison.Ordinal));
    }

    [Fact]
    public void Session_call_links_are_stable_but_not_built_from_the_ids()
    {
        var link = CallRooms.SessionLink([1, 17, 95]);
        Assert.Equal(link, CallRooms.SessionLink([1, 17, 95]));
        Assert.NotEqual(link, CallRooms.SessionLink([1, 17, 96]));
        Assert.DoesNotContain("1-17-95", link, StringComparison.Ordinal);
        Assert.Matches("^https://meet.jit.si/mentoring-[0-9a-f]{32}$", link);
        Assert.NotEqual(CallRooms.NewToken(), CallRooms.NewToken());
        Assert.Equal(32, CallRooms.NewToken().Length);
    }

    [Fact]
    public void The_chart_tells_people_with_one_name_apart_and_keeps_names_whole()
    {
        var chart = new BarChart("c", "T", "Total", "Part",
            [new Bar("Chloe Mensah", 6, 2, "Sales, London"), new Bar("Chloe Mensah", 6, 1, "Design, New York"), new Bar("Freya Nguyen", 6, 3, "Product, London")]);
        Assert.Equal("Chloe Mensah (Sales, London)", chart.LabelOf(chart.Bars[0]));
        Assert.Equal("Chloe Mensah (Design, New York)", chart.LabelOf(chart.Bars[1]));
        Assert.Equal("Freya Nguyen", chart.LabelOf(chart.Bars[2]));
        Assert.Contains("Chloe Mensah (Design, New York): 6", chart.Description, StringComparison.Ordinal);
    }
}
